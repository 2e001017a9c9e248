/**
 * Where passkey creation is known to fail or go badly (README "Time and environment"): a
 * cross-origin frame without `allow="publickey-credentials-create"` (a real one: localhost
 * embedding 127.0.0.1), an in-app browser (STUB: its user agent; no such browser runs here) and a
 * device without a platform authenticator (real: only a USB virtual authenticator attached). No
 * automatic or conditional ceremony there, a hint, and no futile "try again".
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/components/messages.js';
import { setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { appendFixture } from '../helpers/fixture.js';
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
  /** The first report of `type`, once it came. */
  const next = async (type: string, timeoutMs = 8000): Promise<FrameMessage> => {
    const t0 = performance.now();
    for (;;) {
      const found = messages.find((m) => m.type === type);
      if (found) return found;
      if (performance.now() - t0 > timeoutMs) throw new Error(`frame: no ${type} (got ${JSON.stringify(messages.map((m) => m.type))})`);
      await pause(20);
    }
  };
  const snapshot = async () => {
    const before = messages.filter((m) => m.type === 'snapshot').length;
    frame.contentWindow!.postMessage('snapshot', origin);
    for (let i = 0; i < 200 && messages.filter((m) => m.type === 'snapshot').length === before; i++) await pause(20);
    return messages.filter((m) => m.type === 'snapshot').at(-1)!;
  };
  return { messages, next, snapshot, click: () => frame.contentWindow!.postMessage('click', origin) };
}

describe('environment limits', () => {
  it('a cross-origin frame without the permission: hint, no automatic ceremony, NotAllowedError → final unsupported', async () => {
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

  it('the same frame with allow="publickey-credentials-create": not limited by its frame', async () => {
    const projectId = uniqueProjectId();
    const f = await crossOriginFrame(projectId, 'publickey-credentials-create');
    await f.next('corbado-append-ready');
    const s = await f.snapshot();
    expect(s.allowsFeature).to.equal(true);
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

  it('no platform authenticator (only a USB one): hint, no automatic ceremony, a cancel stays a cancel', async () => {
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
    expect([err.code, err.recoverable], 'the user may still use a phone or a key').to.deep.equal(['ceremony-cancelled', true]);
    await m.state('ready');
  });
});
