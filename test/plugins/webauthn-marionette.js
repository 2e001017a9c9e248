// @ts-check
/**
 * The virtual authenticator of Firefox: the WebDriver "Virtual Authenticators" commands
 * (WebAuthn L3 §11) over Marionette (test/engines/marionette.js). A driver of the commands of
 * test/plugins/webauthn-plugin.js, with the same results as Chromium's (test/plugins/webauthn-cdp.js).
 *
 * What WebDriver has no command for, Firefox prefs do (set in its chrome scope through BiDi,
 * `evaluateInChrome`; Firefox internals, not an API):
 * - no automatic user presence (CDP `setAutomaticPresenceSimulation(false)`): the virtual token
 *   off and the USB token on (`security.webauth.webauthn_enable_softtoken` / `…_usbtoken`) — a
 *   `create()` then waits for a USB key that never comes, until aborted. These prefs belong to
 *   the whole browser, like its authenticators: run Firefox test files one at a time.
 */
import { base64urlToBase64 } from './webauthn-cdp.js';

/** @typedef {import('./webauthn-plugin.js').Driver} Driver */

/** CDP options WebDriver has no field for; asking for one on Firefox is an error, not a silent no-op. */
const UNSUPPORTED = [
  'ctap2Version',
  'hasLargeBlob',
  'hasCredBlob',
  'hasMinPinLength',
  'hasPrf',
  'defaultBackupEligibility',
  'defaultBackupState',
];

/** base64url (or standard base64) → base64url without padding, as WebDriver expects. */
const toBase64url = (/** @type {string} */ s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * @param {() => Promise<import('../engines/marionette.js').Marionette>} marionette
 * @param {(expression: string) => Promise<unknown>} chrome runs an expression in Firefox's chrome scope
 * @returns {Driver}
 */
export function marionetteDriver(marionette, chrome) {
  const send = async (/** @type {string} */ command, /** @type {object} */ params) => (await marionette()).send(command, params);
  /** Authenticators without automatic presence. */
  const absent = new Set();
  const presencePrefs = async () => {
    const present = absent.size === 0;
    await chrome(
      `Services.prefs.setBoolPref('security.webauth.webauthn_enable_softtoken', ${present});` +
        `Services.prefs.setBoolPref('security.webauth.webauthn_enable_usbtoken', ${!present}); true`,
    );
  };
  /** @type {Driver} */
  const driver = {
    async add(options) {
      const unsupported = UNSUPPORTED.filter((k) => /** @type {any} */ (options)[k] !== undefined);
      if (unsupported.length) throw new Error(`webauthn plugin: Firefox's virtual authenticator has no ${unsupported.join(', ')}`);
      const { protocol, transport, hasResidentKey, hasUserVerification, isUserVerified } = options;
      const { value: id } = await send('WebAuthn:AddVirtualAuthenticator', {
        protocol,
        transport,
        hasResidentKey,
        hasUserVerification,
        isUserVerified,
        isUserConsenting: true,
      });
      if (options.automaticPresenceSimulation === false) await driver.setPresence(id, false);
      return id;
    },
    async remove(id) {
      await send('WebAuthn:RemoveVirtualAuthenticator', { authenticatorId: id });
      if (absent.delete(id)) await presencePrefs();
    },
    async getCredentials(id) {
      const { value } = await send('WebAuthn:GetCredentials', { authenticatorId: id });
      return value.map((/** @type {any} */ c) => ({ ...c, privateKey: base64urlToBase64(c.privateKey) }));
    },
    setUserVerified: (id, isUserVerified) => send('WebAuthn:SetUserVerified', { authenticatorId: id, isUserVerified }),
    async setPresence(id, enabled) {
      if (enabled) absent.delete(id);
      else absent.add(id);
      await presencePrefs();
    },
    addCredential: (id, c) =>
      send('WebAuthn:AddCredential', {
        authenticatorId: id,
        credentials: {
          credentialId: toBase64url(c.credentialId),
          isResidentCredential: c.isResidentCredential,
          rpId: c.rpId,
          privateKey: toBase64url(c.privateKey),
          ...(typeof c.userHandle === 'string' ? { userHandle: toBase64url(c.userHandle) } : {}),
          signCount: c.signCount,
        },
      }),
    clearCredentials: (id) => send('WebAuthn:RemoveAllCredentials', { authenticatorId: id }),
  };
  return driver;
}
