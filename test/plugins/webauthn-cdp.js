// @ts-check
/**
 * The virtual authenticator of Chromium: the Chrome DevTools Protocol `WebAuthn` domain, on one
 * page (a Playwright page; web-test-runner's and the e2e tests'). A driver of the commands of
 * test/plugins/webauthn-plugin.js.
 *
 * CDP gives credential ids and user handles as padded standard base64; the driver answers
 * base64url, like SimpleWebAuthn and the emulator (the private key stays standard base64).
 */

/**
 * @typedef {import('./webauthn-plugin.js').Driver} Driver
 * @typedef {{ send(method: string, params?: object): Promise<any>; detach(): Promise<void> }} Cdp
 */

/** Padded standard base64 (CDP `Binary`) → base64url without padding. */
export function base64ToBase64url(/** @type {string} */ s) {
  return s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (or already standard base64) → padded standard base64, as CDP expects. */
export function base64urlToBase64(/** @type {string} */ s) {
  const std = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  return std + '='.repeat((4 - (std.length % 4)) % 4);
}

/** A CDP session on a Playwright `page` with the WebAuthn domain enabled. @param {any} page @returns {Promise<Cdp>} */
export async function attachWebAuthn(page) {
  /** @type {Cdp} */
  const client = await page.context().newCDPSession(page);
  await client.send('WebAuthn.enable', { enableUI: false });
  return client;
}

/** @param {any} credential a VirtualCredentialInput (ids base64url or base64, defaults filled in) */
function toCdpCredential(credential) {
  const out = { ...credential };
  out.credentialId = base64urlToBase64(out.credentialId);
  out.privateKey = base64urlToBase64(out.privateKey);
  if (typeof out.userHandle === 'string') out.userHandle = base64urlToBase64(out.userHandle);
  if (typeof out.largeBlob === 'string') out.largeBlob = base64urlToBase64(out.largeBlob);
  return out;
}

/** @param {any} c */
const fromCdpCredential = (c) => ({
  ...c,
  credentialId: base64ToBase64url(c.credentialId),
  ...(typeof c.userHandle === 'string' ? { userHandle: base64ToBase64url(c.userHandle) } : {}),
});

/** The driver over one CDP session. @param {Cdp} cdp @returns {Driver} */
export function cdpDriver(cdp) {
  /** @type {(method: string, authenticatorId: string, params?: object) => Promise<any>} */
  const on = (method, authenticatorId, params = {}) => cdp.send(method, { authenticatorId, ...params });
  return {
    async add(options) {
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options });
      return authenticatorId;
    },
    remove: (id) => on('WebAuthn.removeVirtualAuthenticator', id),
    getCredentials: async (id) => (await on('WebAuthn.getCredentials', id)).credentials.map(fromCdpCredential),
    setUserVerified: (id, isUserVerified) => on('WebAuthn.setUserVerified', id, { isUserVerified }),
    setPresence: (id, enabled) => on('WebAuthn.setAutomaticPresenceSimulation', id, { enabled }),
    addCredential: (id, credential) => on('WebAuthn.addCredential', id, { credential: toCdpCredential(credential) }),
    clearCredentials: (id) => on('WebAuthn.clearCredentials', id),
  };
}
