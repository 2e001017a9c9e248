/**
 * How fast engines refuse `create()` by themselves — the measurement behind `REFUSED_AT_ONCE_MS`
 * (README "Engines"): a refused user verification (`NotAllowedError`) and a credential to exclude
 * that is on the authenticator (`InvalidStateError`, which Safari gives as `NotAllowedError`),
 * each in a row, on this engine's virtual authenticator, while the rest of the suite runs beside
 * it. Printed on every run; they must stay well inside the threshold, below any person's cancel.
 */
import { expect } from '@open-wc/testing';
import { REFUSED_AT_ONCE_MS } from '../../src/times.js';
import { engineCapabilities } from '../helpers/engine.js';
import { testAuthenticator } from '../helpers/fixture.js';
import { addCredential, makeCredential, setUserVerified, toBase64url } from '../helpers/webauthn.js';

const RUNS = 20;

const options = (excludeCredentials: PublicKeyCredentialDescriptor[] = []): PublicKeyCredentialCreationOptions => ({
  challenge: crypto.getRandomValues(new Uint8Array(32)),
  rp: { id: location.hostname, name: 'timing' },
  user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'timing@example.com', displayName: 'Timing' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  excludeCredentials,
});

/** Relative ms of `RUNS` refused create() calls, sorted; each must fail with `name`. */
async function refusals(name: string, make: () => PublicKeyCredentialCreationOptions): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const error = await navigator.credentials.create({ publicKey: make() }).then(
      () => 'none',
      (e: Error) => e.name,
    );
    ms.push(performance.now() - t0);
    expect(error, `run ${i}`).to.equal(name);
  }
  return ms.sort((a, b) => a - b);
}

const summary = (ms: number[]) => {
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(0);
  return `median ${at(0.5)}, p90 ${at(0.9)}, max ${at(1)} ms`;
};

describe(`engine refusals are far faster than a person (REFUSED_AT_ONCE_MS ${REFUSED_AT_ONCE_MS})`, () => {
  it('refused user verification and an excluded credential, measured', async function () {
    this.timeout(30_000);
    const { name } = await engineCapabilities();
    const id = await testAuthenticator();
    await setUserVerified(id, false);
    const uv = await refusals('NotAllowedError', () => options());
    await setUserVerified(id, true);
    const existing = await makeCredential({ userHandle: toBase64url(crypto.getRandomValues(new Uint8Array(16))) });
    await addCredential(id, existing);
    const rawId = Uint8Array.from(atob(existing.credentialId.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const excluded = await refusals('InvalidStateError', () => options([{ type: 'public-key', id: rawId }]));
    console.log(`refusals on ${name} (${RUNS} each): user verification ${summary(uv)}; excluded credential ${summary(excluded)}`);
    for (const ms of [uv, excluded]) expect(ms[Math.floor(0.9 * RUNS)]!, 'p90').to.be.below(REFUSED_AT_ONCE_MS);
  });
});
