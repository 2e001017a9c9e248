/**
 * One ceremony at a time: whatever the page or the user does while a ceremony or a finish is
 * under way — double clicks, a click while autoAppend runs, a click while conditional create
 * waits, re-renders and attribute changes — there is never a second modal `create()` and never
 * a second finish request. Counted with a `navigator.credentials.create` wrapper and a `fetch`
 * wrapper; the passkeys themselves are real (virtual authenticator + emulator).
 */
import { expect } from '@open-wc/testing';
import { getCredentials } from '../helpers/emulator.js';
import { appendFixture, waitFor, type AppendFixture, type FixtureOptions } from '../helpers/fixture.js';
import { pause, spyCreate, spyFetch } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';
import { needs } from '../helpers/engine.js';

const FINISH = '/v2/connect/append/finish';
/** Room for a second create() or finish, if anything were to start one. */
const QUIET_MS = 300;

/**
 * Everything a page can do to an element that is busy: click (a disabled button ignores it),
 * run the click handler as a keyboard activation before the re-render would, re-render, change
 * attributes and properties.
 */
function poke(m: AppendFixture): void {
  const el = m.el;
  m.part('primary-button')?.click();
  if (m.part('primary-button')) m.activate('primary-button');
  el.requestUpdate();
  el.setAttribute('theme', el.getAttribute('theme') === 'dark' ? 'light' : 'dark');
  el.setAttribute('lang', 'de');
  el.setAttribute('situation', `s-${Math.random()}`);
  el.setAttribute('append-token', 'another-token');
  el.toggleAttribute('force-passkey-append');
  el.setAttribute('project-id', el.getAttribute('project-id')!); // same value, set again
  el.strings = { create: 'Go' };
  el.requestUpdate();
  if (m.part('primary-button')) m.activate('primary-button');
}

/** Spies on create() and fetch; the finish request leaves `finishDelayMs` late (the element stays in `finishing`). */
async function mount(opts: FixtureOptions, finishDelayMs = 0) {
  const net = spyFetch({
    answer: (call, forward) => (call.path === FINISH && finishDelayMs > 0 ? pause(finishDelayMs).then(forward) : undefined),
  });
  const create = spyCreate();
  const m = await appendFixture(opts);

  /** One passkey, made by one create() and one finish, and no restart. */
  async function expectOnePasskey(completionType: string) {
    const complete = await m.event('corbado-append-complete');
    expect(complete.completionType).to.equal(completionType);
    await pause(QUIET_MS);
    expect(create.modal(), 'modal create() calls').to.have.length(1);
    expect(net.api(FINISH), 'finish requests').to.have.length(1);
    expect(m.of('corbado-append-complete')).to.have.length(1);
    expect(await getCredentials(m.projectId)).to.have.length(1);
    expect(await authn.getCredentials(m.authenticatorId!)).to.have.length(1);
    expect(net.api('/v2/connect/append/init'), 'no restart').to.have.length(1);
    expect(net.api('/v2/connect/append/start'), 'no restart').to.have.length(1);
  }
  return { m, net, create, expectOnePasskey };
}

describe('<corbado-append> one ceremony at a time', () => {
  it('double click, and clicks while creating and finishing → one create(), one finish', async () => {
    const { m, create, expectOnePasskey } = await mount({}, 300);
    await m.state('ready');
    const button = m.part('primary-button')!;
    button.click();
    button.click(); // same task: Lit has not re-rendered the button as disabled yet
    expect(create.modal(), 'the second click of a double click').to.have.length(1);
    await m.state('finishing');
    poke(m);
    await m.el.updateComplete;
    poke(m);
    await expectOnePasskey('manual');
    poke(m); // after success too
    await pause(QUIET_MS);
    expect(create.modal()).to.have.length(1);
  });

  it('a click while autoAppend runs → the auto ceremony only', async () => {
    const { m, create, expectOnePasskey } = await mount({ scenario: { autoAppend: true } }, 200);
    // Right when the auto ceremony starts (same task), and again once rendered.
    m.el.addEventListener('corbado-append-state', (e) => {
      if ((e as CustomEvent).detail.state === 'creating') poke(m);
    });
    await waitFor(() => create.modal().length > 0, 'auto create()');
    await m.el.updateComplete;
    poke(m);
    await expectOnePasskey('auto');
  });

  it('a click while autoAppend is pending (no user presence) → no second ceremony', async function () {
    await needs(this, 'pendingWithPlatformAuthenticator');
    const { m, net, create } = await mount({ scenario: { autoAppend: true }, authenticator: { automaticPresenceSimulation: false } });
    await m.state('creating');
    for (let i = 0; i < 5; i++) {
      poke(m);
      await m.el.updateComplete;
    }
    await pause(QUIET_MS);
    expect(create.modal()).to.have.length(1);
    expect(create.modal()[0]!.signal?.aborted, 'the first ceremony is not disturbed').to.equal(false);
    expect(m.el.state).to.equal('creating');
    m.click('skip-button');
    await waitFor(() => create.modal()[0]!.settled, 'aborted by skip');
    expect(net.api(FINISH)).to.have.length(0);
  });

  it('a click while conditional create waits → conditional aborted first, one modal create(), one finish', async function () {
    await needs(this, 'conditionalCreate');
    const { m, create, expectOnePasskey } = await mount({ scenario: { conditionalAppend: true, autoAppend: true } });
    await m.state('ready');
    await waitFor(() => create.conditional().length > 0, 'conditional create()');
    expect(create.modal(), 'no modal ceremony while conditional waits').to.have.length(0);
    m.click('primary-button');
    expect(create.calls[0]!.signal?.aborted, 'conditional aborted before the modal create()').to.equal(true);
    expect(create.modal()).to.have.length(1);
    poke(m);
    await expectOnePasskey('manual');
    expect(create.conditional(), 'conditional create() calls').to.have.length(1);
  });

  it('re-renders and attribute changes while a ceremony is pending → no second ceremony, no new requests', async () => {
    const { m, net, create } = await mount({ authenticator: { automaticPresenceSimulation: false } });
    await m.state('ready');
    m.click('primary-button');
    for (let i = 0; i < 10; i++) {
      poke(m);
      await m.el.updateComplete;
    }
    await pause(QUIET_MS);
    expect(create.modal()).to.have.length(1);
    expect(m.el.state).to.equal('creating');
    expect(m.part('primary-button')!.getAttribute('aria-disabled')).to.equal('true');
    expect(net.api().map((c) => c.path)).to.deep.equal(['/v2/connect/append/init', '/v2/connect/append/start']);
  });
});
