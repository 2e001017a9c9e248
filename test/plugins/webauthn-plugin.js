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
 *
 * The Playwright e2e tests drive the same commands on their own page through
 * `attachWebAuthn` and `runCommand` (test/e2e/virtual-authenticator.ts).
 */

import { DEFAULT_AUTHENTICATOR_OPTIONS } from '../../kit/testing.js';

/** Options every new virtual authenticator starts from (a platform passkey authenticator): the shipped kit's. */
export { DEFAULT_AUTHENTICATOR_OPTIONS };

/**
 * @typedef {{ send(method: string, params?: object): Promise<any>; detach(): Promise<void> }} Cdp
 * @typedef {{ cdp: Promise<Cdp>; authenticators: Set<string> }} PageState
 * @typedef {(cdp: Cdp, authenticators: Set<string>, payload: any) => Promise<unknown>} Command
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

/** A CDP session on a Playwright `page` with the WebAuthn domain enabled. @param {any} page @returns {Promise<Cdp>} */
export async function attachWebAuthn(page) {
  /** @type {Cdp} */
  const client = await page.context().newCDPSession(page);
  await client.send('WebAuthn.enable', { enableUI: false });
  return client;
}

/** @param {any} page @returns {PageState} */
function stateFor(page) {
  let state = pages.get(page);
  if (!state) {
    const cdp = attachWebAuthn(page);
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

/** Sends one CDP call for the authenticator the payload names; answers `true`. @type {(method: string, params: (p: any) => object) => Command} */
const onAuthenticator = (method, params) => async (cdp, _ids, p) => {
  await cdp.send(method, { authenticatorId: requireId(p), ...params(p) });
  return true;
};

/** What each command does on a CDP session; `authenticators` are the ids it added (see the module comment). @type {Record<string, Command>} */
const COMMANDS = {
  async 'webauthn:add'(cdp, ids, p) {
    const options = { ...DEFAULT_AUTHENTICATOR_OPTIONS, ...p };
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options });
    ids.add(authenticatorId);
    return authenticatorId;
  },
  async 'webauthn:remove'(cdp, ids, p) {
    const authenticatorId = requireId(p);
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    ids.delete(authenticatorId);
    return true;
  },
  async 'webauthn:get-credentials'(cdp, _ids, p) {
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: requireId(p) });
    return credentials.map(fromCdpCredential);
  },
  'webauthn:set-user-verified': onAuthenticator('WebAuthn.setUserVerified', (p) => ({ isUserVerified: Boolean(p.isUserVerified) })),
  'webauthn:set-presence': onAuthenticator('WebAuthn.setAutomaticPresenceSimulation', (p) => ({ enabled: Boolean(p.enabled) })),
  'webauthn:add-credential': onAuthenticator('WebAuthn.addCredential', (p) => ({ credential: toCdpCredential(p.credential) })),
  async 'webauthn:clear'(cdp, ids, p) {
    if (typeof p.authenticatorId === 'string') {
      await cdp.send('WebAuthn.clearCredentials', { authenticatorId: p.authenticatorId });
      return true;
    }
    const all = [...ids];
    ids.clear();
    await Promise.all(all.map((authenticatorId) => cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId }).catch(() => {})));
    return true;
  },
};

/**
 * Runs one `webauthn:*` command on a CDP session (see the module comment for payloads and results).
 * @param {Cdp} cdp @param {Set<string>} authenticators @param {string} command @param {any} [payload]
 */
export function runCommand(cdp, authenticators, command, payload) {
  const run = COMMANDS[command];
  if (!run) throw new Error(`webauthn plugin: unknown command ${command}`);
  return run(cdp, authenticators, payload ?? {});
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function webauthnPlugin() {
  return {
    name: 'webauthn-virtual-authenticator',

    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('webauthn:')) return undefined;
      const state = stateFor(getPage(session));
      return runCommand(await state.cdp, state.authenticators, command, payload);
    },
  };
}

export default webauthnPlugin;
