/**
 * A `create()` that never settles (virtual authenticator without user presence) must not freeze
 * the element: our watchdog (`ceremonyTimeoutMs`) ends it with `ceremony-timeout` and the offer
 * stays usable; and the user can always skip while a ceremony is pending.
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/components/messages.js';
import { mountAppend, type Mounted } from '../helpers/element.js';
import { getCredentials, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { interceptFetch, sleep, spyCreate, waitFor, type CreateSpy, type FetchSpy } from '../helpers/intercept.js';
import * as authn from '../helpers/webauthn.js';

describe('<corbado-append> ceremony watchdog', () => {
  let authenticatorId: string;
  let m: Mounted | undefined;
  let create: CreateSpy;
  let net: FetchSpy;

  beforeEach(async () => {
    authenticatorId = await authn.addAuthenticator();
    await authn.setPresence(authenticatorId, false); // create() never settles by itself
    create = spyCreate();
    net = interceptFetch();
  });
  afterEach(async () => {
    m?.remove();
    m = undefined;
    create.restore();
    net.restore();
    await authn.clearAuthenticators();
  });

  it('ceremonyTimeoutMs 500 → ceremony-timeout, back to ready, button and skip usable, retry works', async () => {
    const projectId = uniqueProjectId();
    m = mountAppend(projectId, { props: { ceremonyTimeoutMs: 500 } });
    await m.state('ready');
    const t0 = performance.now();
    m.part<HTMLButtonElement>('primary-button')!.click();
    await m.state('creating');
    const err = await m.next('corbado-append-error', 5000);
    const took = performance.now() - t0;
    expect(err.code).to.equal('ceremony-timeout');
    expect(err.recoverable).to.equal(true);
    expect(took, 'fired by the watchdog, not the 60 s options timeout').to.be.within(450, 4000);
    await m.state('ready');
    await waitFor(() => create.calls[0]!.settled, 'the pending create() aborted');
    expect(create.calls[0]!.signal?.aborted).to.equal(true);
    expect(m.part('message')!.textContent).to.contain(en.timeout);
    const button = m.part<HTMLButtonElement>('primary-button')!;
    expect(button.disabled, 'button usable').to.equal(false);
    expect(m.part('spinner'), 'no spinner').to.equal(null);
    expect(m.part<HTMLButtonElement>('skip-button'), 'skip usable').not.to.equal(null);
    expect(net.api('/v2/connect/append/finish')).to.have.length(0);

    await authn.setPresence(authenticatorId, true);
    button.click();
    const complete = await m.next('corbado-append-complete');
    expect(complete.completionType).to.equal('manual-retry');
    expect(create.modal()).to.have.length(2);
    expect(await getCredentials(projectId)).to.have.length(1);
  });

  it('autoAppend that never settles → ceremony-timeout, then the button (no loop)', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { autoAppend: true });
    m = mountAppend(projectId, { props: { ceremonyTimeoutMs: 400 } });
    expect((await m.next('corbado-append-error', 5000)).code).to.equal('ceremony-timeout');
    await m.state('ready');
    await sleep(700);
    expect(create.modal(), 'no automatic second attempt').to.have.length(1);
    expect(m.el.state).to.equal('ready');
    expect(m.part<HTMLButtonElement>('primary-button')!.disabled).to.equal(false);
  });

  it('skip while the ceremony is pending → skip-explicit, create() aborted, nothing sent', async () => {
    const projectId = uniqueProjectId();
    m = mountAppend(projectId, { props: { ceremonyTimeoutMs: 60_000 } });
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    await m.state('creating');
    const skip = m.part<HTMLButtonElement>('skip-button')!;
    expect(skip.disabled, 'skip usable while creating').to.equal(false);
    skip.click();
    expect(await m.next('corbado-append-skip')).to.deep.equal({ status: 'skip-explicit', reason: 'user-skipped' });
    await m.state('skipped');
    await waitFor(() => create.calls[0]!.settled, 'the pending create() aborted');
    expect(create.calls[0]!.signal?.aborted).to.equal(true);
    await sleep(200);
    expect(m.of('corbado-append-error'), 'a skip is no error').to.have.length(0);
    expect(m.of('corbado-append-skip')).to.have.length(1);
    expect(net.api('/v2/connect/append/finish')).to.have.length(0);
    expect(m.el.getBoundingClientRect().height).to.equal(0);
  });
});
