/**
 * Smoke test of the test infrastructure itself, independent of <corbado-append>:
 * the CDP virtual authenticator (test/plugins/webauthn-plugin.js) and the same-origin
 * Frontend API emulator, driven through a real registration ceremony.
 */
import { expect } from '@open-wc/testing';
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import {
  getCredentials as getEmulatorCredentials,
  getEvents,
  getRequests,
  getScenario,
  mintToken,
  resetProject,
  setScenario,
  uniqueProjectId,
} from '../helpers/emulator.js';
import {
  addAuthenticator,
  addCredential,
  clearAuthenticators,
  clearCredentials,
  getCredentials,
  makeCredential,
  removeAuthenticator,
  setPresence,
  setUserVerified,
  toBase64url,
} from '../helpers/webauthn.js';
import { pause } from '../helpers/spies.js';

/** How long a ceremony without user presence is watched staying pending. */
const PENDING_WINDOW_MS = 500;

async function postV2(path: string, projectId: string, body: unknown, processId?: string): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'X-Corbado-ProjectID': projectId,
  };
  if (processId) headers['X-Corbado-Process-ID'] = processId;
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'include' });
  const text = await res.text();
  expect(res.status, `${path}: ${text.slice(0, 300)}`).to.equal(200);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Local creation options (no server involved) for ceremonies that must fail or stay pending. */
function localOptions(overrides: Partial<PublicKeyCredentialCreationOptions> = {}): PublicKeyCredentialCreationOptions {
  return {
    challenge: crypto.getRandomValues(new Uint8Array(32)),
    rp: { id: location.hostname, name: 'infra test' },
    user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'infra@example.com', displayName: 'Infra' },
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    timeout: 60_000,
    ...overrides,
  };
}

async function rejection(p: Promise<unknown>): Promise<DOMException> {
  try {
    await p;
  } catch (e) {
    return e as DOMException;
  }
  throw new Error('expected the promise to reject');
}

describe('test infrastructure: virtual authenticator + emulator', () => {
  afterEach(async () => {
    await clearAuthenticators();
  });

  it('registers a real passkey through the emulator (init → start → create → finish)', async () => {
    const authenticatorId = await addAuthenticator();
    const projectId = uniqueProjectId();
    expect(projectId).to.match(/^[a-z0-9-]{1,63}$/);

    const appendToken = await mintToken(projectId);
    expect(appendToken).to.be.a('string').and.not.be.empty;

    const init = await postV2('/v2/connect/append/init', projectId, { clientInformation: {}, flags: {} });
    expect(init.appendAllowed).to.equal(true);
    const processId = init.processID as string;
    expect(processId).to.be.a('string').and.not.be.empty;

    const start = await postV2('/v2/connect/append/start', projectId, { appendTokenValue: appendToken, loadedMs: Date.now() }, processId);
    expect(start.attestationOptions).to.be.a('string').and.not.be.empty;
    const { publicKey } = JSON.parse(start.attestationOptions as string) as {
      publicKey: PublicKeyCredentialCreationOptionsJSON;
    };
    expect(publicKey.challenge).to.be.a('string');

    const attestation = await startRegistration({ optionsJSON: publicKey });

    const finish = await postV2(
      '/v2/connect/append/finish',
      projectId,
      { attestationResponse: JSON.stringify(attestation), completionType: 'manual' },
      processId,
    );
    expect(finish.passkeyOperation).to.be.an('object');

    const stored = await getEmulatorCredentials(projectId);
    expect(stored.map((c) => c.id)).to.deep.equal([attestation.id]);

    const onAuthenticator = await getCredentials(authenticatorId);
    expect(onAuthenticator.map((c) => c.credentialId)).to.deep.equal([attestation.id]);
    expect(onAuthenticator[0]!.rpId).to.equal('localhost');
    expect(onAuthenticator[0]!.userHandle).to.equal(publicKey.user.id);

    const requests = await getRequests(projectId);
    expect(requests.map((r) => r.path)).to.deep.equal(['/v2/connect/append/init', '/v2/connect/append/start', '/v2/connect/append/finish']);
    expect(requests.map((r) => r.processId)).to.deep.equal([null, processId, processId]);

    // Another project sees none of it.
    expect(await getEmulatorCredentials(uniqueProjectId())).to.deep.equal([]);
  });

  it('emulator controls: scenario, events, reset', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { appendAllowed: false, variant: 'after-hybrid' });
    expect((await getScenario(projectId)).variant).to.equal('after-hybrid');
    const init = await postV2('/v2/connect/append/init', projectId, { clientInformation: {}, flags: {} });
    expect(init.appendAllowed).to.equal(false);

    const res = await fetch('/v2/connect/events', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Corbado-ProjectID': projectId,
        'X-Corbado-Process-ID': init.processID as string,
      },
      body: JSON.stringify({ eventType: 'append-learn-more' }),
    });
    expect(res.ok).to.equal(true);
    expect((await getEvents(projectId)).map((e) => e.eventType)).to.deep.equal(['append-learn-more']);

    await resetProject(projectId);
    expect(await getEvents(projectId)).to.deep.equal([]);
    expect((await getScenario(projectId)).appendAllowed).to.equal(true);
  });

  it('setUserVerified(false): create() requiring UV rejects quickly with NotAllowedError', async () => {
    const authenticatorId = await addAuthenticator();
    await setUserVerified(authenticatorId, false);
    const t0 = performance.now();
    const err = await rejection(navigator.credentials.create({ publicKey: localOptions() }));
    expect(err.name).to.equal('NotAllowedError');
    expect(performance.now() - t0).to.be.below(3_000);
    expect(await getCredentials(authenticatorId)).to.deep.equal([]);

    await setUserVerified(authenticatorId, true);
    const cred = (await navigator.credentials.create({ publicKey: localOptions() })) as PublicKeyCredential;
    expect((await getCredentials(authenticatorId)).map((c) => c.credentialId)).to.deep.equal([toBase64url(cred.rawId)]);
  });

  it('setPresence(false): create() stays pending until aborted', async () => {
    const authenticatorId = await addAuthenticator();
    await setPresence(authenticatorId, false);
    const ac = new AbortController();
    let settled = false;
    const pending = navigator.credentials.create({ publicKey: localOptions(), signal: ac.signal });
    pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    await pause(PENDING_WINDOW_MS);
    expect(settled, 'create() settled without user presence').to.equal(false);
    ac.abort();
    const err = await rejection(pending);
    expect(err.name).to.equal('AbortError');
  });

  it('addCredential: a pre-existing passkey makes create() with excludeCredentials fail with InvalidStateError', async () => {
    const authenticatorId = await addAuthenticator();
    const userHandle = toBase64url(crypto.getRandomValues(new Uint8Array(16)));
    const credential = await makeCredential({ userHandle, userName: 'infra@example.com' });
    await addCredential(authenticatorId, credential);

    const listed = await getCredentials(authenticatorId);
    expect(listed.map((c) => c.credentialId)).to.deep.equal([credential.credentialId]);
    expect(listed[0]!.userHandle).to.equal(userHandle);

    const rawId = Uint8Array.from(atob(credential.credentialId.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
    const err = await rejection(
      navigator.credentials.create({
        publicKey: localOptions({ excludeCredentials: [{ type: 'public-key', id: rawId }] }),
      }),
    );
    expect(err.name).to.equal('InvalidStateError');

    await clearCredentials(authenticatorId);
    expect(await getCredentials(authenticatorId)).to.deep.equal([]);
  });

  it('remove/clear detach authenticators', async () => {
    // Chromium allows one `internal` authenticator per page: a second add proves the first is gone.
    const a = await addAuthenticator();
    await removeAuthenticator(a);
    const b = await addAuthenticator();
    expect(b).to.not.equal(a);
    const roaming = await addAuthenticator({ transport: 'usb', isUserVerified: false });
    expect(roaming).to.not.equal(b);
    await clearAuthenticators();
    await removeAuthenticator(await addAuthenticator());
  });
});
