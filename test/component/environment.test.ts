/**
 * Where passkey creation is known to fail or go badly (README "Time and environment"): a
 * cross-origin frame without `allow="publickey-credentials-create"` (a real one: localhost
 * embedding 127.0.0.1), an in-app browser (STUB: its user agent; no such browser runs here) and a
 * device without a platform authenticator (real: only a USB virtual authenticator attached). No
 * automatic or conditional ceremony there, a hint, and no futile "try again".
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/strings.js';
import { getEvents, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { REFUSED_AT_ONCE_MS } from '../../src/times.js';
import { engineCapabilities, needs } from '../helpers/engine.js';
import { appendFixture, testAuthenticator, waitFor } from '../helpers/fixture.js';
import { onCleanup } from '../helpers/cleanup.js';
import { pause, spyCreate, stubProperty } from '../helpers/spies.js';

/** Room for an automatic or conditional ceremony to start, of which there must be none. */
const WINDOW_MS = 600;
const EAGER = { autoAppend: true, conditionalAppend: true };

interface FrameMessage {
  type: string;
  detail?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  state?: string;
  hint?: string | null;
  message?: string | null;
  primary?: boolean;
  creates?: { mediation: string | null; error: string | null }[];
  allowsFeature?: boolean | null;
  createMs?: (number | null)[];
}

/** test/pages/frame.html in an `<iframe>` of another origin, `allow` as given; its reports in order. */
async function crossOriginFrame(projectId: string, allow?: string) {
  const frame = document.createElement('iframe');
  if (allow) frame.allow = allow;
  const messages: FrameMessage[] = [];
  const origin = `http://127.0.0.1:${location.port}`;
  const onMessage = (e: MessageEvent) => e.origin === origin && messages.push(e.data as FrameMessage);
  addEventListener('message', onMessage);
  onCleanup(() => {
    removeEventListener('message', onMessage);
    frame.remove();
  });
  frame.src = `${origin}/test/pages/frame.html?projectId=${projectId}`;
  document.body.append(frame);
  /** The `n`th report of `type`, once it came. */
  const next = async (type: string, n = 1, timeoutMs = 8000): Promise<FrameMessage> => {
    const t0 = performance.now();
    for (;;) {
      const found = messages.filter((m) => m.type === type)[n - 1];
      if (found) return found;
      if (performance.now() - t0 > timeoutMs) throw new Error(`frame: no ${type} (got ${JSON.stringify(messages.map((m) => m.type))})`);
      await pause(20);
    }
  };
  const snapshot = async (): Promise<Required<FrameMessage>> => {
    const before = messages.filter((m) => m.type === 'snapshot').length;
    frame.contentWindow!.postMessage('snapshot', origin);
    for (let i = 0; i < 200 && messages.filter((m) => m.type === 'snapshot').length === before; i++) await pause(20);
    return messages.filter((m) => m.type === 'snapshot').at(-1) as Required<FrameMessage>;
  };
  return { messages, next, snapshot, click: () => frame.contentWindow!.postMessage('click', origin) };
}

describe('environment limits', () => {
  it('a cross-origin frame without the permission, its policy readable: hint, no automatic ceremony, NotAllowedError → final unsupported', async function () {
    await needs(this, 'permissionsPolicy');
    await testAuthenticator();
    const projectId = uniqueProjectId();
    await setScenario(projectId, EAGER);
    const f = await crossOriginFrame(projectId);
    await f.next('corbado-append-ready');
    await pause(WINDOW_MS);
    let s = await f.snapshot();
    expect(s.allowsFeature, 'the permissions policy of the frame').to.equal(false);
    expect(s.hint).to.equal(en.frameHint);
    expect(s.creates, 'neither auto nor conditional create').to.deep.equal([]);
    f.click();
    const err = await f.next('corbado-append-error');
    expect([err.detail.code, err.detail.recoverable]).to.deep.equal(['unsupported', false]);
    s = await f.snapshot();
    expect(s.creates).to.deep.equal([{ mediation: null, error: 'NotAllowedError' }]);
    expect(s.state).to.equal('error');
    expect(s.message).to.equal(en.unsupportedFinal);
    expect(s.primary, 'no "try again"').to.equal(false);
  });

  it('a cross-origin frame without the permission, its policy unreadable: the refusals at once end the offer on the second click', async function () {
    // Engines without document.permissionsPolicy (Firefox, Safari) cannot see the limit coming:
    // the element learns it from create() being refused sooner than any user could cancel.
    const caps = await engineCapabilities();
    await testAuthenticator(); // so a refusal is the frame's, not for want of an authenticator
    const projectId = uniqueProjectId();
    await setScenario(projectId, { autoAppend: true });
    const f = await crossOriginFrame(projectId);
    await f.next('corbado-append-ready');
    if (!caps.permissionsPolicy) {
      await waitFor(async () => (await f.snapshot()).createMs[0] !== null, 'the autoAppend ceremony refused');
      const s = await f.snapshot();
      expect([s.allowsFeature, s.state, s.message], 'autoAppend refused: the button, silently').to.deep.equal([null, 'ready', '']);
      expect(f.messages.filter((m) => m.type === 'corbado-append-error')).to.deep.equal([]);
    }
    f.click();
    const first = await f.next('corbado-append-error');
    if (caps.permissionsPolicy) return void expect(first.detail.code, 'known at once where the policy is readable').to.equal('unsupported');
    expect([first.detail.code, first.detail.recoverable], 'one refusal reads as a cancel').to.deep.equal(['ceremony-cancelled', true]);
    await waitFor(async () => (await f.snapshot()).primary, 'the offer again');
    f.click();
    const second = await f.next('corbado-append-error', 2);
    expect([second.detail.code, second.detail.recoverable], 'the second in a row is final').to.deep.equal(['unsupported', false]);
    const s = await f.snapshot();
    expect(s.creates.map((c) => c.error)).to.deep.equal(['NotAllowedError', 'NotAllowedError', 'NotAllowedError']);
    console.log(`frame refusals on ${caps.name}: ${s.createMs.join(', ')} ms`);
    expect(Math.max(...s.createMs.map((ms) => ms ?? Infinity)), 'each refused at once').to.be.below(REFUSED_AT_ONCE_MS);
    expect([s.state, s.message, s.primary], 'no "try again"').to.deep.equal(['error', en.unsupportedFinal, false]);
  });

  it('the same frame with allow="publickey-credentials-create": not limited by its frame', async () => {
    const projectId = uniqueProjectId();
    const f = await crossOriginFrame(projectId, 'publickey-credentials-create');
    await f.next('corbado-append-ready');
    const s = await f.snapshot();
    expect(s.allowsFeature, 'allowed, or unreadable').to.not.equal(false);
    // (The frame's page has no virtual authenticator: the no-platform-authenticator hint may show.)
    expect(s.hint).to.not.equal(en.frameHint);
  });

  it('an in-app browser (STUB: Instagram user agent): hint, no automatic ceremony, NotAllowedError → final unsupported', async () => {
    stubProperty(navigator, 'userAgent', `${navigator.userAgent} Instagram 312.0.0.0`);
    const create = spyCreate({ answer: () => Promise.reject(new DOMException('The operation is not allowed.', 'NotAllowedError')) });
    const m = await appendFixture({ scenario: EAGER });
    await m.state('ready');
    await pause(WINDOW_MS);
    expect(m.text('hint')).to.equal(en.inAppHint);
    expect(create.calls, 'neither auto nor conditional create').to.deep.equal([]);
    m.click('primary-button');
    const err = await m.event('corbado-append-error');
    expect([err.code, err.recoverable]).to.deep.equal(['unsupported', false]);
    await m.state('error');
    expect(m.part('primary-button'), 'no "try again"').to.equal(null);
  });

  it('no platform authenticator (only a USB one): hint, no automatic ceremony; refused at once, once reads as a cancel, twice is the end (never "try again" for ever)', async () => {
    const create = spyCreate();
    // User verification required and refused: a real NotAllowedError.
    const m = await appendFixture({
      scenario: { ...EAGER, userVerification: 'required' },
      authenticator: { transport: 'usb', isUserVerified: false },
    });
    await m.state('ready');
    await pause(WINDOW_MS);
    expect(m.text('hint')).to.equal(en.noPlatformHint);
    expect(create.calls, 'neither auto nor conditional create').to.deep.equal([]);
    m.click('primary-button');
    const err = await m.event('corbado-append-error');
    expect([err.code, err.recoverable], 'the first: as a cancel').to.deep.equal(['ceremony-cancelled', true]);
    await m.state('ready');
    expect(m.text('hint'), 'the hint stays beside the button').to.equal(en.noPlatformHint);
    m.click('primary-button');
    await m.state('error');
    expect(m.of('corbado-append-error').map((e) => [e.code, e.recoverable])).to.deep.equal([
      ['ceremony-cancelled', true],
      ['unsupported', false],
    ]);
    expect(m.part('primary-button'), 'no "try again"').to.equal(null);
    await waitFor(
      async () => (await getEvents(m.projectId)).filter((e) => e.eventType === 'append-error').length === 2,
      'the append-error events',
    );
    const tracked = (await getEvents(m.projectId)).filter((e) => e.eventType === 'append-error').map((e) => e.message);
    expect(tracked[0], 'telemetry names the refusal').to.equal('refused-at-once');
  });
});
