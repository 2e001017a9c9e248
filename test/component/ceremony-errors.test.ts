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
import { en } from '../../src/strings.js';
import { getCredentials, getRequests } from '../helpers/emulator.js';
import { appendFixture, waitFor, type AppendFixture } from '../helpers/fixture.js';
import { jsonResponse, pause, spyCreate, spyFetch, type CreateSpy } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

/** Room for a retry loop to show itself. */
const LOOP_WINDOW_MS = 600;

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

/** The cancel message shows, the offer is back, and the cancel was reported as such (recoverable). */
async function expectCancelled(m: AppendFixture) {
  await waitFor(() => m.part('message')!.textContent!.includes(en.cancelled), 'the cancel message');
  await m.state('ready');
  expect(
    m.of('corbado-append-error').map((e) => [e.code, e.recoverable]),
    'a user cancel',
  ).to.deep.equal([['ceremony-cancelled', true]]);
}

/** Retrying after a cancel creates the one passkey (`manual-retry`), with a second create(). */
async function expectRetryWorks(m: AppendFixture, create: CreateSpy) {
  m.click('primary-button');
  const complete = await m.event('corbado-append-complete');
  expect(complete.completionType).to.equal('manual-retry');
  expect(create.modal()).to.have.length(2);
  expect(await getCredentials(m.projectId)).to.have.length(1);
}

describe('<corbado-append> ceremony errors', () => {
  for (const rpId of ['evil.example', 'localhost.evil.example', 'calhost']) {
    it(`start with rp.id "${rpId}" → security-error before create(), nothing retried`, async () => {
      const start = {
        attestationOptions: JSON.stringify(options(rpId)),
        variant: 'default',
        isRestrictedBrowser: false,
        autoAppend: true, // would start a ceremony at once if the check were missing
        conditionalAppend: false,
      };
      const net = spyFetch({
        answer: (call) =>
          call.path === '/v2/connect/append/start' ? jsonResponse(200, { ...start, expiresMs: Date.now() + 300_000 }) : undefined,
      });
      const create = spyCreate();
      const m = await appendFixture();
      const err = await m.event('corbado-append-error');
      expect(err.code).to.equal('security-error');
      expect(err.message).to.contain(rpId);
      expect(await m.event('corbado-append-skip')).to.deep.equal({ status: 'skip-implicit', reason: 'error' });
      await pause(LOOP_WINDOW_MS);
      expect(create.calls, 'create() never called').to.have.length(0);
      expect(m.of('corbado-append-error'), 'one error, no loop').to.have.length(1);
      expect(net.api('/v2/connect/append/start'), 'one start, no loop').to.have.length(1);
      expect(net.api('/v2/connect/append/finish')).to.have.length(0);
      expect(m.of('corbado-append-ready')).to.have.length(0);
    });
  }

  it('create() throws SecurityError → security-error shown, offer ends, no retry loop', async () => {
    const create = spyCreate({
      answer: () => Promise.reject(new DOMException('The relying party ID is not a registrable domain suffix', 'SecurityError')),
    });
    const m = await appendFixture();
    await m.state('ready');
    m.click('primary-button');
    const err = await m.event('corbado-append-error');
    expect(err.code).to.equal('security-error');
    expect(err.recoverable).to.equal(false);
    await m.state('error');
    expect(m.part('message')!.textContent).to.contain(en.security);
    expect(m.part('primary-button'), 'no button to loop on').to.equal(null);
    await pause(LOOP_WINDOW_MS);
    expect(create.calls).to.have.length(1);
    expect(m.of('corbado-append-error')).to.have.length(1);
    expect((await getRequests(m.projectId)).filter((r) => r.path.endsWith('/finish'))).to.have.length(0);
    // The way out still works.
    m.click('skip-button');
    expect(await m.event('corbado-append-skip')).to.deep.equal({ status: 'skip-explicit', reason: 'user-skipped' });
  });

  it('create() rejects with an AbortError we did not cause → user cancel: soft message, retry works', async () => {
    let foreign = true;
    const create = spyCreate({
      answer: (_o, real) => (foreign ? Promise.reject(new DOMException('The operation was aborted.', 'AbortError')) : real()),
    });
    const m = await appendFixture();
    await m.state('ready');
    m.click('primary-button');
    await expectCancelled(m);
    expect(m.of('corbado-append-complete')).to.have.length(0);
    expect(m.part('primary-button')!.getAttribute('aria-disabled')).to.equal('false');
    await pause(LOOP_WINDOW_MS);
    expect(create.calls, 'no automatic retry').to.have.length(1);

    foreign = false;
    await expectRetryWorks(m, create);
  });

  it('page code aborts the pending ceremony (WebAuthnAbortService) → user cancel, retry works', async () => {
    const create = spyCreate();
    const m = await appendFixture({ authenticator: { automaticPresenceSimulation: false } }); // create() stays pending
    await m.state('ready');
    m.click('primary-button');
    await m.state('creating');
    await waitFor(() => create.calls.length === 1, 'the ceremony under way');
    WebAuthnAbortService.cancelCeremony(); // e.g. the page's own SimpleWebAuthn starting another ceremony
    await expectCancelled(m);
    expect(create.calls[0]!.signal?.aborted).to.equal(true);

    await authn.setPresence(m.authenticatorId!, true);
    await expectRetryWorks(m, create);
  });
});
