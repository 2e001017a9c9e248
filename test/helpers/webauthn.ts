/**
 * Browser-side handles on Chromium's CDP virtual authenticator, served by
 * `test/plugins/webauthn-plugin.js` through web-test-runner server commands.
 *
 * Rules of thumb:
 * - Attach an authenticator (`addAuthenticator`) before anything can call
 *   `navigator.credentials.create()`: headless Chromium with none attached hangs past any timeout.
 * - Authenticators live as long as the test page (one page per test file): remove them in
 *   `afterEach` (`removeAuthenticator` or `clearAuthenticators`).
 * - Chromium allows one `transport: 'internal'` authenticator per page; add more with another
 *   transport (`usb`, `nfc`, `ble`).
 * - Credential ids and user handles are base64url here, like SimpleWebAuthn and the emulator.
 */
import { executeServerCommand } from '@web/test-runner-commands';

// The shipped kit's (corbado-append/testing) types: CDP `WebAuthn.VirtualAuthenticatorOptions`, and
// `WebAuthn.Credential` with `credentialId` and `userHandle` as base64url.
import type { VirtualAuthenticatorOptions, VirtualCredential } from '../../kit/webauthn.types.js';
export type { VirtualAuthenticatorOptions, VirtualCredential };

/** Input of `addCredential`: ids may be base64url or base64; defaults are filled in. */
export type VirtualCredentialInput = Omit<VirtualCredential, 'isResidentCredential' | 'signCount'> &
  Partial<Pick<VirtualCredential, 'isResidentCredential' | 'signCount'>>;

/**
 * Attaches a virtual platform authenticator (ctap2, internal, resident keys, UV, automatic
 * presence — all overridable) to this test page. Returns its authenticatorId.
 */
export function addAuthenticator(options: Partial<VirtualAuthenticatorOptions> = {}): Promise<string> {
  return executeServerCommand<string, Partial<VirtualAuthenticatorOptions>>('webauthn:add', options);
}

/** Detaches one virtual authenticator. */
export async function removeAuthenticator(authenticatorId: string): Promise<void> {
  await executeServerCommand('webauthn:remove', { authenticatorId });
}

/** Detaches every virtual authenticator this page added (safe to call when there are none). */
export async function clearAuthenticators(): Promise<void> {
  await executeServerCommand('webauthn:clear', {});
}

/** Deletes every credential stored on one authenticator; the authenticator stays attached. */
export async function clearCredentials(authenticatorId: string): Promise<void> {
  await executeServerCommand('webauthn:clear', { authenticatorId });
}

/** The credentials stored on the authenticator (ids in base64url). */
export function getCredentials(authenticatorId: string): Promise<VirtualCredential[]> {
  return executeServerCommand<VirtualCredential[], { authenticatorId: string }>('webauthn:get-credentials', {
    authenticatorId,
  });
}

/** false → the next ceremony that requires user verification rejects with NotAllowedError. */
export async function setUserVerified(authenticatorId: string, isUserVerified: boolean): Promise<void> {
  await executeServerCommand('webauthn:set-user-verified', { authenticatorId, isUserVerified });
}

/** false → no simulated user presence: a `create()` stays pending until aborted. */
export async function setPresence(authenticatorId: string, enabled: boolean): Promise<void> {
  await executeServerCommand('webauthn:set-presence', { authenticatorId, enabled });
}

/** Puts a pre-existing passkey on the authenticator (see `makeCredential`). */
export async function addCredential(authenticatorId: string, credential: VirtualCredentialInput): Promise<void> {
  await executeServerCommand('webauthn:add-credential', { authenticatorId, credential });
}

/** base64url (no padding) of bytes. */
export function toBase64url(bytes: ArrayBuffer | Uint8Array): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let bin = '';
  for (const b of u8) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A fresh resident ES256 credential for `rpId` and `userHandle` (base64url), with a random
 * 16-byte id unless `credentialId` is given — ready for `addCredential`.
 */
export async function makeCredential(opts: {
  rpId?: string;
  userHandle: string;
  credentialId?: string;
  userName?: string;
}): Promise<VirtualCredentialInput> {
  const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keyPair.privateKey);
  return {
    credentialId: opts.credentialId ?? toBase64url(crypto.getRandomValues(new Uint8Array(16))),
    rpId: opts.rpId ?? location.hostname,
    privateKey: toBase64url(pkcs8),
    userHandle: opts.userHandle,
    ...(opts.userName !== undefined ? { userName: opts.userName } : {}),
    isResidentCredential: true,
    signCount: 0,
  };
}
