/**
 * How the element reacts to WebAuthn failures, end to end in Chromium (the classification
 * itself is unit-tested in test/unit/ceremony.test.ts):
 * - a relying party id that does not fit this origin is caught before `create()` (security-error),
 *   and a `create()` that throws SecurityError ends the offer — in neither case a retry loop;
 * - an AbortError we did not cause (someone else aborted the ceremony) is a user cancel: a soft
 *   message, the button stays, and the next click retries (`manual-retry`).
 */
import { expect } from '@open-wc/testing';
import { WebAuthnAbortService } from '@simplewebauthn/browser';
import { en } from '../../src/components/messages.js';
import { mountAppend, type Mounted } from '../helpers/element.js';
import { getCredentials, getRequests, uniqueProjectId } from '../helpers/emulator.js';
import { interceptFetch, jsonResponse, sleep, spyCreate, waitFor, type CreateSpy, type FetchSpy } from '../helpers/intercept.js';
import * as authn from '../helpers/webauthn.js';

const options = (rpId: string) => ({
  publicKey: {
    rp: { id: rpId, name: 'Example Shop' },
    user: { id: 'dXNlci0x', name: 'user@example.com', displayName: 'Example User' },
    challenge: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    timeout: 60000,
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    attestation: 'none',
  },
});

describe('<corbado-append> ceremony errors', () => {
  let authenticatorId: string;
  let m: Mounted | undefined;
  let net: FetchSpy | undefined;
  let create: CreateSpy | undefined;

  beforeEach(async () => {
    authenticatorId = await authn.addAuthenticator();
  });
  afterEach(async () => {
    m?.remove();
    m = undefined;
    net?.restore();
    create?.restore();
    net = create = undefined;
    await authn.clearAuthenticators();
  });

  for (const rpId of ['evil.example', 'localhost.evil.example', 'calhost']) {
    it(`start with rp.id "${rpId}" → security-error before create(), nothing retried`, async () => {
      net = interceptFetch(call =>
        call.url.pathname === '/v2/connect/append/start'
          ? jsonResponse(200, {
              attestationOptions: JSON.stringify(options(rpId)),
              variant: 'default',
              isRestrictedBrowser: false,
              autoAppend: true, // would start a ceremony at once if the check were missing
              conditionalAppend: false,
              expiresMs: Date.now() + 300_000,
            })
          : undefined,
      );
      create = spyCreate();
      m = mountAppend(uniqueProjectId());
      const err = await m.next('corbado-append-error');
      expect(err.code).to.equal('security-error');
      expect(err.message).to.contain(rpId);
      expect(await m.next('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason: 'error' });
      await sleep(600);
      expect(create.calls, 'create() never called').to.have.length(0);
      expect(m.of('corbado-append-error'), 'one error, no loop').to.have.length(1);
      expect(net.api('/v2/connect/append/start'), 'one start, no loop').to.have.length(1);
      expect(net.api('/v2/connect/append/finish')).to.have.length(0);
      expect(m.of('corbado-append-ready')).to.have.length(0);
    });
  }

  it('create() throws SecurityError → security-error shown, offer ends, no retry loop', async () => {
    const projectId = uniqueProjectId();
    create = spyCreate(() => Promise.reject(new DOMException('The relying party ID is not a registrable domain suffix', 'SecurityError')));
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    const err = await m.next('corbado-append-error');
    expect(err.code).to.equal('security-error');
    expect(err.recoverable).to.equal(false);
    await m.state('error');
    expect(m.part('message')!.textContent).to.contain(en.security);
    expect(m.part('primary-button'), 'no button to loop on').to.equal(null);
    await sleep(600);
    expect(create.calls).to.have.length(1);
    expect(m.of('corbado-append-error')).to.have.length(1);
    expect((await getRequests(projectId)).filter(r => r.path.endsWith('/finish'))).to.have.length(0);
    // The way out still works.
    m.part<HTMLButtonElement>('skip-button')!.click();
    expect(await m.next('corbado-append-skip')).to.deep.equal({ status: 'skip-explicit', reason: 'user-skipped' });
  });

  it('create() rejects with an AbortError we did not cause → user cancel: soft message, retry works', async () => {
    const projectId = uniqueProjectId();
    let foreign = true;
    create = spyCreate((_o, real) => (foreign ? Promise.reject(new DOMException('The operation was aborted.', 'AbortError')) : real()));
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    await waitFor(() => m!.part('message')!.textContent!.includes(en.cancelled), 'the cancel message');
    await m.state('ready');
    expect(m.of('corbado-append-error').map(e => [e.code, e.recoverable]), 'a user cancel, recoverable').to.deep.equal([['ceremony-cancelled', true]]);
    expect(m.of('corbado-append-complete')).to.have.length(0);
    const button = m.part<HTMLButtonElement>('primary-button')!;
    expect(button.disabled).to.equal(false);
    await sleep(300);
    expect(create.calls, 'no automatic retry').to.have.length(1);

    foreign = false;
    button.click();
    const complete = await m.next('corbado-append-complete');
    expect(complete.completionType).to.equal('manual-retry');
    expect(create.calls).to.have.length(2);
    expect(await getCredentials(projectId)).to.have.length(1);
  });

  it('page code aborts the pending ceremony (WebAuthnAbortService) → user cancel, retry works', async () => {
    const projectId = uniqueProjectId();
    create = spyCreate();
    await authn.setPresence(authenticatorId, false); // create() stays pending
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    await m.state('creating');
    await sleep(100);
    WebAuthnAbortService.cancelCeremony(); // e.g. the page's own SimpleWebAuthn starting another ceremony
    await waitFor(() => m!.part('message')!.textContent!.includes(en.cancelled), 'the cancel message');
    await m.state('ready');
    expect(create.calls[0]!.signal?.aborted).to.equal(true);
    expect(m.of('corbado-append-error').map(e => [e.code, e.recoverable])).to.deep.equal([['ceremony-cancelled', true]]);

    await authn.setPresence(authenticatorId, true);
    m.part<HTMLButtonElement>('primary-button')!.click();
    const complete = await m.next('corbado-append-complete');
    expect(complete.completionType).to.equal('manual-retry');
    expect(create.modal()).to.have.length(2);
    expect(await getCredentials(projectId)).to.have.length(1);
  });
});
