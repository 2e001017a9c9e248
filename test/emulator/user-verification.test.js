/**
 * Scenario `userVerification`: what start asks of the authenticator
 * (`authenticatorSelection.userVerification`), and that `required` makes finish insist on the UV flag.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';
import { attest, emulatorForFile, FINISH } from './helpers.js';

const emu = emulatorForFile();
const fresh = emu.fresh;

/**
 * The same attestation with the UV bit of authenticatorData's flags cleared (UP and AT stay).
 * @param {any} attestation RegistrationResponseJSON from `attest`
 */
function withoutUserVerification(attestation) {
  const decoded = /** @type {Map<string, any>} */ (isoCBOR.decodeFirst(isoBase64URL.toBuffer(attestation.response.attestationObject)));
  const authData = new Uint8Array(decoded.get('authData'));
  authData[32] &= ~0x04; // flags byte after the 32-byte rpIdHash; 0x04 = UV
  decoded.set('authData', authData);
  return {
    ...attestation,
    response: { ...attestation.response, attestationObject: isoBase64URL.fromBuffer(isoCBOR.encode(decoded)) },
  };
}

/** @param {ReturnType<typeof import('./helpers.js').client>} c @param {(a: any) => any} [change] */
async function appendWith(c, change = (a) => a) {
  const { processID, start } = await c.initAndStart();
  const options = JSON.parse(start.json.attestationOptions).publicKey;
  const attestation = change(attest(options, { origin: c.origin }));
  const finish = await c.api(
    FINISH,
    { attestationResponse: JSON.stringify(attestation), completionType: 'manual' },
    { processId: processID },
  );
  return { options, finish };
}

describe('scenario userVerification', () => {
  it('is unset by default: options say preferred, and finish accepts an attestation without UV', async () => {
    const c = fresh();
    assert.equal((await c.demo('GET', '/emulator/scenario')).json.userVerification, undefined);
    const { options, finish } = await appendWith(c, withoutUserVerification);
    assert.equal(options.authenticatorSelection.userVerification, 'preferred');
    assert.equal(finish.status, 200, finish.text);
  });

  it('required: options say required; finish rejects an attestation without UV and accepts one with it', async () => {
    const c = fresh();
    assert.equal((await c.scenario({ userVerification: 'required' })).status, 200);
    const refused = await appendWith(c, withoutUserVerification);
    assert.equal(refused.options.authenticatorSelection.userVerification, 'required');
    assert.equal(refused.finish.status, 400);
    assert.equal(refused.finish.json.error.type, 'validation_error');
    assert.match(refused.finish.json.error.details, /verif/i);
    const ok = await appendWith(c);
    assert.equal(ok.finish.status, 200, ok.finish.text);
  });

  it('discouraged is passed on; null resets; anything else is a validation_error', async () => {
    const c = fresh();
    await c.scenario({ userVerification: 'discouraged' });
    assert.equal((await appendWith(c)).options.authenticatorSelection.userVerification, 'discouraged');
    await c.scenario({ userVerification: null });
    assert.equal((await c.demo('GET', '/emulator/scenario')).json.userVerification, undefined);
    for (const bad of ['always', true, '']) {
      const res = await c.scenario({ userVerification: bad });
      assert.equal(res.status, 400);
      assert.equal(res.json.error.type, 'validation_error');
      assert.match(res.json.error.details, /userVerification/);
    }
  });
});
