/**
 * The append flow end to end in real Chromium: the element, the same-origin emulator verifying
 * attestations with @simplewebauthn/server, and the CDP virtual authenticator.
 */
import { expect } from '@open-wc/testing';
import { getCredentials, getRequests, uniqueProjectId } from '../helpers/emulator.js';
import { appendFixture, registerPasskey, waitFor } from '../helpers/fixture.js';
import * as authn from '../helpers/webauthn.js';

describe('<corbado-append> flow', () => {
  it('click → real passkey created, verified and stored by the emulator', async () => {
    const m = await appendFixture();
    const ready = await m.event('corbado-append-ready');
    expect(ready).to.deep.equal({
      variant: 'default',
      autoAppend: false,
      conditionalAppend: false,
      isRestrictedBrowser: false,
      customData: {},
    });
    await m.state('ready');
    expect(m.part('title')!.textContent).to.contain('passkey');
    m.click('primary-button');
    const complete = await m.event('corbado-append-complete');
    expect(complete.status).to.equal('complete');
    expect(complete.completionType).to.equal('manual');
    expect(complete.passkeyOperation.operationType).to.equal('append');

    const stored = await getCredentials(m.projectId);
    const onDevice = await authn.getCredentials(m.authenticatorId!);
    expect(stored).to.have.length(1);
    expect(onDevice.map((c) => c.credentialId)).to.deep.equal([stored[0]!.id]);
    expect(stored[0]!.completionType).to.equal('manual');
    await m.state('success');
    expect(m.part('description')!.textContent).to.match(/saved in|Next time/);

    const requests = await getRequests(m.projectId);
    expect(requests.map((r) => r.path)).to.deep.equal(['/v2/connect/append/init', '/v2/connect/append/start', '/v2/connect/append/finish']);
    const processId = requests[0]!.processId;
    expect(processId, 'no process header on the first init').to.equal(null);
    expect(requests[1]!.processId).to.be.a('string').and.not.equal('');
    expect(requests[2]!.processId).to.equal(requests[1]!.processId);
    const startBody = requests[1]!.body as { loadedMs: number; appendTokenValue: string };
    expect(startBody.loadedMs)
      .to.be.a('number')
      .within(Date.now() - 60_000, Date.now());
    expect(m.states()).to.deep.equal(['loading', 'ready', 'creating', 'finishing', 'success']);
  });

  it('cancel (user verification refused) → back to ready with a message; retry finishes as manual-retry', async () => {
    // UV required by the server + an authenticator that refuses it: a real NotAllowedError.
    const m = await appendFixture({ scenario: { userVerification: 'required' }, authenticator: { isUserVerified: false } });
    await m.state('ready');
    m.click('primary-button');
    await waitFor(() => m.part('message')!.textContent!.includes('cancel'), 'the cancel message');
    expect(m.el.state).to.equal('ready');
    expect(m.part('message')!.getAttribute('role')).to.equal('alert');
    expect(m.of('corbado-append-complete')).to.have.length(0);
    expect(await getCredentials(m.projectId)).to.have.length(0);

    await authn.setUserVerified(m.authenticatorId!, true);
    m.click('primary-button');
    const complete = await m.event('corbado-append-complete');
    expect(complete.completionType).to.equal('manual-retry');
    expect((await getCredentials(m.projectId))[0]!.completionType).to.equal('manual-retry');
  });

  it('passkey already on this authenticator → complete-noop, no second passkey', async () => {
    const projectId = uniqueProjectId();
    await registerPasskey(projectId);

    const m = await appendFixture({ projectId });
    await m.state('ready');
    m.click('primary-button');
    const complete = await m.event('corbado-append-complete');
    expect(complete.status).to.equal('complete-noop');
    expect(complete).not.to.have.property('passkeyOperation');
    expect(await getCredentials(m.projectId)).to.have.length(1);
    expect(await authn.getCredentials(m.authenticatorId!)).to.have.length(1);
    await m.state('success');
    expect(m.part('title')!.textContent).to.contain('already');
  });

  it('skip → skip-explicit user-skipped, and the element takes no space', async () => {
    const m = await appendFixture();
    await m.state('ready');
    m.click('skip-button');
    expect(await m.event('corbado-append-skip')).to.deep.equal({ status: 'skip-explicit', reason: 'user-skipped' });
    await m.state('skipped');
    expect(m.el.getBoundingClientRect().height).to.equal(0);
    expect(getComputedStyle(m.el).display).to.equal('none');
  });

  it('appendAllowed false → quiet skip, no start request, no error', async () => {
    const m = await appendFixture({ scenario: { appendAllowed: false } });
    expect(await m.event('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason: 'append-not-allowed' });
    expect(m.of('corbado-append-error')).to.have.length(0);
    expect((await getRequests(m.projectId)).map((r) => r.path)).to.deep.equal(['/v2/connect/append/init']);
    expect(m.el.getBoundingClientRect().height).to.equal(0);
  });
});
