/**
 * The append flow end to end in real Chromium: the element, the same-origin emulator verifying
 * attestations with @simplewebauthn/server, and the CDP virtual authenticator.
 */
import { expect } from '@open-wc/testing';
import { getCredentials, getRequests, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { mountAppend, type Mounted } from '../helpers/element.js';
import * as authn from '../helpers/webauthn.js';

describe('<corbado-append> flow', () => {
  let authenticatorId: string;
  let m: Mounted | undefined;

  beforeEach(async () => {
    authenticatorId = await authn.addAuthenticator();
  });
  afterEach(async () => {
    m?.remove();
    m = undefined;
    await authn.clearAuthenticators();
  });

  it('click → real passkey created, verified and stored by the emulator', async () => {
    const projectId = uniqueProjectId();
    m = mountAppend(projectId);
    const ready = await m.next('corbado-append-ready');
    expect(ready).to.deep.equal({ variant: 'default', autoAppend: false, conditionalAppend: false, isRestrictedBrowser: false, customData: {} });
    await m.state('ready');
    expect(m.part('title')!.textContent).to.contain('passkey');
    m.part<HTMLButtonElement>('primary-button')!.click();
    const complete = await m.next('corbado-append-complete');
    expect(complete.status).to.equal('complete');
    expect(complete.completionType).to.equal('manual');
    expect(complete.passkeyOperation.operationType).to.equal('append');

    const stored = await getCredentials(projectId);
    const onDevice = await authn.getCredentials(authenticatorId);
    expect(stored).to.have.length(1);
    expect(onDevice.map(c => c.credentialId)).to.deep.equal([stored[0]!.id]);
    expect(stored[0]!.completionType).to.equal('manual');
    await m.state('success');
    expect(m.part('description')!.textContent).to.match(/saved in|Next time/);

    const requests = await getRequests(projectId);
    expect(requests.map(r => r.path)).to.deep.equal(['/v2/connect/append/init', '/v2/connect/append/start', '/v2/connect/append/finish']);
    const processId = requests[0]!.processId;
    expect(processId, 'no process header on the first init').to.equal(null);
    expect(requests[1]!.processId).to.be.a('string').and.not.equal('');
    expect(requests[2]!.processId).to.equal(requests[1]!.processId);
    const startBody = requests[1]!.body as { loadedMs: number; appendTokenValue: string };
    expect(startBody.loadedMs).to.be.a('number').within(Date.now() - 60_000, Date.now());
    expect(m.of('corbado-append-state').map(s => s.state)).to.deep.equal(['loading', 'ready', 'creating', 'finishing', 'success']);
  });

  it('cancel (user verification refused) → back to ready with a message; retry finishes as manual-retry', async () => {
    const projectId = uniqueProjectId();
    await authn.setUserVerified(authenticatorId, false);
    // UV must be required for the virtual authenticator to refuse.
    await setScenario(projectId, { userVerification: 'required' });
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    await until(() => m!.part('message')!.textContent!.includes('cancel'));
    expect(m.el.state).to.equal('ready');
    expect(m.part('message')!.getAttribute('role')).to.equal('alert');
    expect(m.of('corbado-append-complete')).to.have.length(0);
    expect(m.of('corbado-append-error').map(e => [e.code, e.recoverable]), 'a user cancel, recoverable').to.deep.equal([['ceremony-cancelled', true]]);
    expect(await getCredentials(projectId)).to.have.length(0);

    await authn.setUserVerified(authenticatorId, true);
    m.part<HTMLButtonElement>('primary-button')!.click();
    const complete = await m.next('corbado-append-complete');
    expect(complete.completionType).to.equal('manual-retry');
    expect((await getCredentials(projectId))[0]!.completionType).to.equal('manual-retry');
  });

  it('passkey already on this authenticator → complete-noop, no second passkey', async () => {
    const projectId = uniqueProjectId();
    const first = mountAppend(projectId);
    await first.state('ready');
    first.part<HTMLButtonElement>('primary-button')!.click();
    await first.next('corbado-append-complete');
    first.remove();

    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    const complete = await m.next('corbado-append-complete');
    expect(complete.status).to.equal('complete-noop');
    expect(complete).not.to.have.property('passkeyOperation');
    expect(await getCredentials(projectId)).to.have.length(1);
    expect(await authn.getCredentials(authenticatorId)).to.have.length(1);
    await m.state('success');
    expect(m.part('title')!.textContent).to.contain('already');
  });

  it('skip → skip-explicit user-skipped, and the element takes no space', async () => {
    m = mountAppend(uniqueProjectId());
    await m.state('ready');
    m.part<HTMLButtonElement>('skip-button')!.click();
    expect(await m.next('corbado-append-skip')).to.deep.equal({ status: 'skip-explicit', reason: 'user-skipped' });
    await m.state('skipped');
    expect(m.el.getBoundingClientRect().height).to.equal(0);
    expect(getComputedStyle(m.el).display).to.equal('none');
  });

  it('appendAllowed false → quiet skip, no start request, no error', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { appendAllowed: false });
    m = mountAppend(projectId);
    expect(await m.next('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason: 'append-not-allowed' });
    expect(m.of('corbado-append-error')).to.have.length(0);
    expect((await getRequests(projectId)).map(r => r.path)).to.deep.equal(['/v2/connect/append/init']);
    expect(m.el.getBoundingClientRect().height).to.equal(0);
  });
});

async function until(check: () => boolean, timeoutMs = 5000) {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 10));
  }
}
