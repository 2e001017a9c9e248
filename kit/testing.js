/**
 * `corbado-append/testing`: Playwright helpers — a CDP virtual authenticator, and a recorder of the
 * element's events. Types and docs: testing.types.d.ts.
 */
import { readFileSync } from 'node:fs';

/** @type {typeof import('./testing.types.js').DEFAULT_AUTHENTICATOR_OPTIONS} */
export const DEFAULT_AUTHENTICATOR_OPTIONS = Object.freeze({
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
});

/**
 * The element's events, as its custom-elements.json lists them (generated from the one definition
 * of the public contract, src/contract.ts; README "API", its events).
 * @type {readonly string[]} (typed for integrators in testing.types.d.ts)
 */
export const APPEND_EVENT_TYPES = Object.freeze(
  /** @type {import('custom-elements-manifest/schema.js').Package} */ (
    JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'))
  ).modules.flatMap((mod) =>
    (mod.declarations ?? []).flatMap((decl) =>
      'tagName' in decl && decl.tagName === 'corbado-append' ? (decl.events ?? []).map((e) => /** @type {any} */ (e.name)) : [],
    ),
  ),
);

/** Padded standard base64 (CDP `Binary`) → base64url, as WebAuthn and the emulator write ids. @param {string} s */
const toBase64url = (s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** @type {typeof import('./testing.types.js').addVirtualAuthenticator} */
export async function addVirtualAuthenticator(page, options = {}) {
  const browser = page.context().browser()?.browserType().name() ?? 'chromium';
  if (browser !== 'chromium') {
    throw new Error(`addVirtualAuthenticator: Chromium only (the DevTools WebAuthn domain); this page runs in ${browser}`);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { ...DEFAULT_AUTHENTICATOR_OPTIONS, ...options },
  });
  return {
    authenticatorId,
    async getCredentials() {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials.map((/** @type {any} */ c) => ({
        ...c,
        credentialId: toBase64url(c.credentialId),
        ...(typeof c.userHandle === 'string' ? { userHandle: toBase64url(c.userHandle) } : {}),
      }));
    },
    async setUserVerified(isUserVerified) {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
    },
    async setPresence(enabled) {
      await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
    },
    async remove() {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      await cdp.detach();
    },
  };
}

/**
 * Page side: forwards the element's events (they bubble and are composed, so they reach the
 * document) to the test through the exposed binding.
 * @param {{binding: string, types: readonly string[]}} arg
 */
function listen({ binding, types }) {
  const send = /** @type {(type: string, detail: unknown) => void} */ (/** @type {any} */ (window)[binding]);
  for (const type of types) document.addEventListener(type, (e) => send(e.type, /** @type {CustomEvent} */ (e).detail), true);
}

let bindings = 0;

/** @type {typeof import('./testing.types.js').recordAppendEvents} */
export async function recordAppendEvents(page) {
  /** @type {import('./testing.types.js').RecordedAppendEvent[]} */
  const events = [];
  /** @type {Set<(e: import('./testing.types.js').RecordedAppendEvent) => void>} */
  const waiters = new Set();
  const binding = `__corbadoAppendEvents${++bindings}`;
  await page.exposeBinding(binding, (_source, /** @type {any} */ type, /** @type {any} */ detail) => {
    const event = { type, detail, at: Date.now() };
    events.push(event);
    for (const waiter of waiters) waiter(event);
  });
  const arg = { binding, types: APPEND_EVENT_TYPES };
  await page.addInitScript(listen, arg);
  // The document already there (the init script runs on the next navigation).
  await page.evaluate(listen, arg).catch(() => {}); // a navigation under way: its document gets the init script

  return {
    events,
    waitFor(type, { timeout = 15_000, where = () => true } = {}) {
      /** @param {import('./testing.types.js').RecordedAppendEvent} e */
      const matches = (e) => e.type === type && where(/** @type {any} */ (e.detail));
      const seen = events.find(matches);
      if (seen) return Promise.resolve(/** @type {any} */ (seen.detail));
      return new Promise((resolve, reject) => {
        const waiter = (/** @type {import('./testing.types.js').RecordedAppendEvent} */ e) => {
          if (!matches(e)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(/** @type {any} */ (e.detail));
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const list = events.map((e) => `${String(e.type)} ${JSON.stringify(e.detail)}`).join('\n  ') || '(none)';
          reject(new Error(`recordAppendEvents: no ${String(type)} within ${timeout} ms; events seen:\n  ${list}`));
        }, timeout);
        waiters.add(waiter);
      });
    },
    clear() {
      events.length = 0;
    },
  };
}
