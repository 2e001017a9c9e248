// @ts-check
/**
 * web-test-runner server-command plugin: real WebAuthn in the test page through Chromium's
 * CDP virtual authenticator (Chrome DevTools Protocol, `WebAuthn` domain).
 *
 * Browser side: `test/helpers/webauthn.ts` (wraps `executeServerCommand`).
 *
 * Commands (payload → result):
 * - `webauthn:add`               Partial<VirtualAuthenticatorOptions> → authenticatorId (string)
 * - `webauthn:remove`            {authenticatorId} → true
 * - `webauthn:get-credentials`   {authenticatorId} → VirtualCredential[] (credentialId and
 *                                userHandle converted from CDP's padded base64 to base64url)
 * - `webauthn:set-user-verified` {authenticatorId, isUserVerified} → true
 * - `webauthn:set-presence`      {authenticatorId, enabled} → true (automaticPresenceSimulation;
 *                                false → a create() that stays pending)
 * - `webauthn:add-credential`    {authenticatorId, credential} → true (credentialId/userHandle
 *                                may be base64url or base64; privateKey is base64 PKCS#8)
 * - `webauthn:clear`             {} → removes every virtual authenticator added on this page;
 *                                {authenticatorId} → clears that authenticator's credentials
 *
 * One CDP session per test page (kept in a WeakMap, dropped when the page closes).
 * Only the Playwright launcher on Chromium is supported.
 */

/** Options every new virtual authenticator starts from (a platform passkey authenticator). */
export const DEFAULT_AUTHENTICATOR_OPTIONS = Object.freeze({
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
});

/**
 * @typedef {{ send(method: string, params?: object): Promise<any>; detach(): Promise<void> }} Cdp
 * @typedef {{ cdp: Promise<Cdp>; authenticators: Set<string> }} PageState
 */

/** @type {WeakMap<object, PageState>} */
const pages = new WeakMap();

/** Padded standard base64 (CDP `Binary`) → base64url without padding. */
export function base64ToBase64url(/** @type {string} */ s) {
  return s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (or already standard base64) → padded standard base64, as CDP expects. */
export function base64urlToBase64(/** @type {string} */ s) {
  const std = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  return std + '='.repeat((4 - (std.length % 4)) % 4);
}

/** @param {any} session */
function getPage(session) {
  const browser = session.browser;
  if (!browser || browser.type !== 'playwright' || typeof browser.getPage !== 'function') {
    throw new Error('webauthn plugin: needs the Playwright launcher (Chromium)');
  }
  return browser.getPage(session.id);
}

/** @param {any} page @returns {PageState} */
function stateFor(page) {
  let state = pages.get(page);
  if (!state) {
    const cdp = (async () => {
      /** @type {Cdp} */
      const client = await page.context().newCDPSession(page);
      await client.send('WebAuthn.enable', { enableUI: false });
      return client;
    })();
    state = { cdp, authenticators: new Set() };
    // A failed attach must not poison later attempts.
    cdp.catch(() => pages.delete(page));
    pages.set(page, state);
    page.once('close', () => pages.delete(page));
  }
  return state;
}

/** @param {any} payload */
function requireId(payload) {
  const id = payload && payload.authenticatorId;
  if (typeof id !== 'string' || !id) {
    throw new Error('webauthn plugin: payload.authenticatorId (string) is required');
  }
  return id;
}

/** @param {any} credential */
function toCdpCredential(credential) {
  if (!credential || typeof credential !== 'object') {
    throw new Error('webauthn plugin: payload.credential is required');
  }
  const out = { isResidentCredential: true, signCount: 0, ...credential };
  if (typeof out.credentialId !== 'string' || typeof out.privateKey !== 'string') {
    throw new Error('webauthn plugin: credential needs credentialId and privateKey (base64 PKCS#8)');
  }
  out.credentialId = base64urlToBase64(out.credentialId);
  out.privateKey = base64urlToBase64(out.privateKey);
  if (typeof out.userHandle === 'string') out.userHandle = base64urlToBase64(out.userHandle);
  if (typeof out.largeBlob === 'string') out.largeBlob = base64urlToBase64(out.largeBlob);
  return out;
}

/** @param {any} c */
function fromCdpCredential(c) {
  return {
    ...c,
    credentialId: base64ToBase64url(c.credentialId),
    ...(typeof c.userHandle === 'string' ? { userHandle: base64ToBase64url(c.userHandle) } : {}),
  };
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function webauthnPlugin() {
  return {
    name: 'webauthn-virtual-authenticator',

    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('webauthn:')) return undefined;
      const page = getPage(session);
      const state = stateFor(page);
      const cdp = await state.cdp;
      /** @type {any} */
      const p = payload ?? {};

      switch (command) {
        case 'webauthn:add': {
          const options = { ...DEFAULT_AUTHENTICATOR_OPTIONS, ...p };
          const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options });
          state.authenticators.add(authenticatorId);
          return authenticatorId;
        }
        case 'webauthn:remove': {
          const authenticatorId = requireId(p);
          await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
          state.authenticators.delete(authenticatorId);
          return true;
        }
        case 'webauthn:get-credentials': {
          const { credentials } = await cdp.send('WebAuthn.getCredentials', {
            authenticatorId: requireId(p),
          });
          return credentials.map(fromCdpCredential);
        }
        case 'webauthn:set-user-verified': {
          await cdp.send('WebAuthn.setUserVerified', {
            authenticatorId: requireId(p),
            isUserVerified: Boolean(p.isUserVerified),
          });
          return true;
        }
        case 'webauthn:set-presence': {
          await cdp.send('WebAuthn.setAutomaticPresenceSimulation', {
            authenticatorId: requireId(p),
            enabled: Boolean(p.enabled),
          });
          return true;
        }
        case 'webauthn:add-credential': {
          await cdp.send('WebAuthn.addCredential', {
            authenticatorId: requireId(p),
            credential: toCdpCredential(p.credential),
          });
          return true;
        }
        case 'webauthn:clear': {
          if (typeof p.authenticatorId === 'string') {
            await cdp.send('WebAuthn.clearCredentials', { authenticatorId: p.authenticatorId });
            return true;
          }
          const ids = [...state.authenticators];
          state.authenticators.clear();
          await Promise.all(
            ids.map((authenticatorId) => cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId }).catch(() => {})),
          );
          return true;
        }
        default:
          throw new Error(`webauthn plugin: unknown command ${command}`);
      }
    },
  };
}

export default webauthnPlugin;
