/**
 * The WebAuthn half of the emulator's server model (model.js `ServerDeps`), with
 * `@simplewebauthn/server`: creation options as a relying party generates them, and attestation
 * verification as Corbado's server does it (`none` attestation accepted, origin, rp.id,
 * challenge, user presence and — when the options required it — user verification checked).
 */
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';

/** `rp.name` of the creation options. */
const RP_NAME = 'Corbado Emulator';

/**
 * PublicKeyCredentialCreationOptionsJSON for a model-chosen challenge: a discoverable credential
 * (`residentKey: 'required'`), `none` attestation.
 * @param {import('./model.js').CreationOptionsArgs} args
 * @returns {Promise<object>} with `challenge` exactly `args.challenge`
 */
export function makeOptions({ challenge, rpID, user, excludeCredentials, userVerification, timeoutMs }) {
  return generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    // The bytes, not the text: a string challenge would be UTF-8 encoded (and base64url'd again).
    challenge: isoBase64URL.toBuffer(challenge),
    userID: new TextEncoder().encode(user.id),
    userName: user.email,
    userDisplayName: user.email,
    excludeCredentials: excludeCredentials.map(({ id, transports }) => ({ id, transports })),
    authenticatorSelection: {
      residentKey: 'required',
      userVerification: /** @type {UserVerificationRequirement} */ (userVerification),
    },
    attestationType: 'none',
    timeout: timeoutMs,
  });
}

/**
 * Verify a RegistrationResponseJSON against the challenge it must answer.
 * @param {any} response parsed `attestationResponse`
 * @param {import('./model.js').VerifyExpectation} expected
 * @returns {Promise<import('./model.js').VerifiedCredential>}
 * @throws {Error} when verification fails (the message says why)
 */
export async function verify(response, { expectedChallenge, expectedOrigin, expectedRPID, requireUserVerification }) {
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge,
    expectedOrigin,
    expectedRPID,
    requireUserVerification,
  });
  if (!verification.verified) throw new Error('not verified');
  const { credential, aaguid } = verification.registrationInfo;
  return {
    credentialId: credential.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? [],
    aaguid,
  };
}
