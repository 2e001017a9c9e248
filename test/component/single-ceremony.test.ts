/**
 * One ceremony at a time: whatever the page or the user does while a ceremony or a finish is
 * under way — double clicks, a click while autoAppend runs, a click while conditional create
 * waits, re-renders and attribute changes — there is never a second modal `create()` and never
 * a second finish request. Counted with a `navigator.credentials.create` wrapper and a `fetch`
 * wrapper; the passkeys themselves are real (virtual authenticator + emulator).
 */
import { expect } from '@open-wc/testing';
import type { CorbadoAppend } from '../../src/index.js';
import { mountAppend, type Mounted } from '../helpers/element.js';
import { getCredentials, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { interceptFetch, sleep, spyCreate, waitFor, type CreateSpy, type FetchSpy } from '../helpers/intercept.js';
import * as authn from '../helpers/webauthn.js';

/** The element's flow controller: `create()` is exactly what the primary button's click handler calls. */
const flowOf = (el: CorbadoAppend) => (el as unknown as { flow: { click(): void } }).flow;

/** Everything a page can do to an element that is busy: re-render, change attributes and properties, click. */
function poke(m: Mounted): void {
  const el = m.el;
  m.part<HTMLButtonElement>('primary-button')?.click();
  flowOf(el).click(); // the handler itself, as a keyboard activation before the re-render would
  el.requestUpdate();
  el.setAttribute('theme', el.getAttribute('theme') === 'dark' ? 'light' : 'dark');
  el.setAttribute('lang', 'de');
  el.setAttribute('situation', `s-${Math.random()}`);
  el.setAttribute('append-token', 'another-token');
  el.toggleAttribute('force-passkey-append');
  el.setAttribute('project-id', el.getAttribute('project-id')!); // same value, set again
  el.strings = { create: 'Go' };
  el.requestUpdate();
  flowOf(el).click();
}

describe('<corbado-append> one ceremony at a time', () => {
  let authenticatorId: string;
  let m: Mounted | undefined;
  let net: FetchSpy;
  let create: CreateSpy;
  /** Delay (ms) before the finish request goes out, to keep the element in `finishing`. */
  let finishDelayMs = 0;

  beforeEach(async () => {
    authenticatorId = await authn.addAuthenticator();
    finishDelayMs = 0;
    const realFetch = window.fetch;
    net = interceptFetch(call =>
      call.url.pathname === '/v2/connect/append/finish' && finishDelayMs > 0
        ? sleep(finishDelayMs).then(() => realFetch(call.url, { method: 'POST', headers: call.headers, body: call.body, signal: call.signal }))
        : undefined,
    );
    create = spyCreate();
  });
  afterEach(async () => {
    m?.remove();
    m = undefined;
    net.restore();
    create.restore();
    await authn.clearAuthenticators();
  });

  async function expectOnePasskey(projectId: string, completionType: string) {
    const complete = await m!.next('corbado-append-complete');
    expect(complete.completionType).to.equal(completionType);
    await sleep(300); // room for a second finish, if anything were to send one
    expect(create.modal(), 'modal create() calls').to.have.length(1);
    expect(net.api('/v2/connect/append/finish'), 'finish requests').to.have.length(1);
    expect(m!.of('corbado-append-complete')).to.have.length(1);
    expect(await getCredentials(projectId)).to.have.length(1);
    expect(await authn.getCredentials(authenticatorId)).to.have.length(1);
    expect(net.api('/v2/connect/append/init'), 'no restart').to.have.length(1);
    expect(net.api('/v2/connect/append/start'), 'no restart').to.have.length(1);
  }

  it('double click, and clicks while creating and finishing → one create(), one finish', async () => {
    const projectId = uniqueProjectId();
    finishDelayMs = 300;
    m = mountAppend(projectId);
    await m.state('ready');
    const button = m.part<HTMLButtonElement>('primary-button')!;
    button.click();
    button.click();
    expect(create.modal(), 'the second click of a double click').to.have.length(1);
    await m.state('finishing');
    poke(m);
    await sleep(50);
    poke(m);
    await expectOnePasskey(projectId, 'manual');
    poke(m); // after success too
    await sleep(100);
    expect(create.modal()).to.have.length(1);
  });

  it('a click while autoAppend runs → the auto ceremony only', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { autoAppend: true });
    finishDelayMs = 200;
    m = mountAppend(projectId);
    const mm = m;
    // Right when the auto ceremony starts (same task), and again once rendered.
    mm.el.addEventListener('corbado-append-state', e => {
      if ((e as CustomEvent).detail.state === 'creating') poke(mm);
    });
    await waitFor(() => create.modal().length > 0, 'auto create()');
    await mm.el.updateComplete;
    poke(mm);
    await expectOnePasskey(projectId, 'auto');
  });

  it('a click while autoAppend is pending (no user presence) → no second ceremony', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { autoAppend: true });
    await authn.setPresence(authenticatorId, false);
    m = mountAppend(projectId);
    await m.state('creating');
    for (let i = 0; i < 5; i++) {
      poke(m);
      await sleep(20);
    }
    expect(create.modal()).to.have.length(1);
    expect(create.modal()[0]!.signal?.aborted, 'the first ceremony is not disturbed').to.equal(false);
    expect(m.el.state).to.equal('creating');
    m.part<HTMLButtonElement>('skip-button')!.click();
    await waitFor(() => create.modal()[0]!.settled, 'aborted by skip');
    expect(net.api('/v2/connect/append/finish')).to.have.length(0);
  });

  it('a click while conditional create waits → conditional aborted first, one modal create(), one finish', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { conditionalAppend: true, autoAppend: true });
    m = mountAppend(projectId);
    await m.state('ready');
    await waitFor(() => create.calls.some(c => c.conditional), 'conditional create()');
    expect(create.modal(), 'no modal ceremony while conditional waits').to.have.length(0);
    m.part<HTMLButtonElement>('primary-button')!.click();
    expect(create.calls[0]!.signal?.aborted, 'conditional aborted before the modal create()').to.equal(true);
    expect(create.modal()).to.have.length(1);
    poke(m);
    await expectOnePasskey(projectId, 'manual');
    expect(create.calls.filter(c => c.conditional), 'conditional create() calls').to.have.length(1);
  });

  it('re-renders and attribute changes while a ceremony is pending → no second ceremony, no new requests', async () => {
    const projectId = uniqueProjectId();
    await authn.setPresence(authenticatorId, false);
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    for (let i = 0; i < 10; i++) {
      poke(m);
      await m.el.updateComplete;
    }
    await sleep(200);
    expect(create.modal()).to.have.length(1);
    expect(m.el.state).to.equal('creating');
    expect(m.part<HTMLButtonElement>('primary-button')!.disabled).to.equal(true);
    expect(net.api().map(c => c.url.pathname)).to.deep.equal(['/v2/connect/append/init', '/v2/connect/append/start']);
  });
});
