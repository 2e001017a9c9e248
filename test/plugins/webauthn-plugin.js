// @ts-check
/**
 * web-test-runner server-command plugin: real WebAuthn in the test page through the engine's
 * virtual authenticator — Chromium's CDP `WebAuthn` domain (test/plugins/webauthn-cdp.js) or
 * Firefox's WebDriver commands over Marionette (test/plugins/webauthn-marionette.js) — and what
 * else a test needs to know of or ask from the engine.
 *
 * Browser side: `test/helpers/webauthn.ts` and `test/helpers/engine.ts` (wrap `executeServerCommand`).
 *
 * Commands (payload → result), the same on every engine:
 * - `webauthn:add`               Partial<VirtualAuthenticatorOptions> → authenticatorId (string)
 * - `webauthn:remove`            {authenticatorId} → true
 * - `webauthn:get-credentials`   {authenticatorId} → VirtualCredential[] (credentialId and
 *                                userHandle base64url, privateKey standard base64)
 * - `webauthn:set-user-verified` {authenticatorId, isUserVerified} → true
 * - `webauthn:set-presence`      {authenticatorId, enabled} → true (false → a create() that
 *                                stays pending until aborted)
 * - `webauthn:add-credential`    {authenticatorId, credential} → true (credentialId/userHandle
 *                                may be base64url or base64; privateKey is PKCS#8)
 * - `webauthn:clear`             {} → removes every virtual authenticator added through this
 *                                plugin (on this page; in Firefox, in the browser);
 *                                {authenticatorId} → clears that authenticator's credentials
 * - `engine:capabilities`        {} → EngineCapabilities (test/helpers/engine.ts)
 * - `engine:emulate-media`       {colorScheme?, reducedMotion?} → true (`prefers-color-scheme`,
 *                                `prefers-reduced-motion`; `null` resets one)
 * - `engine:skipped`             {title, reason} → true (printed, and listed when the run ends)
 *
 * Chromium: the Playwright launcher; one CDP session per test page (kept in a WeakMap, dropped
 * when the page closes). Firefox: `firefoxLauncher()` (test/engines/firefox.js); one Marionette
 * connection per browser, whose authenticators and prefs belong to the whole browser.
 *
 * The e2e tests drive the same commands on their own pages (test/e2e/virtual-authenticator.ts).
 */
import { evaluateInChrome, isFirefoxLauncher, marionetteOf } from '../engines/firefox.js';
import { attachWebAuthn, cdpDriver } from './webauthn-cdp.js';
import { marionetteDriver } from './webauthn-marionette.js';

export { attachWebAuthn, base64ToBase64url, base64urlToBase64, cdpDriver } from './webauthn-cdp.js';
export { marionetteDriver } from './webauthn-marionette.js';

import { DEFAULT_AUTHENTICATOR_OPTIONS } from '../../kit/testing.js';

/** Options every new virtual authenticator starts from (a platform passkey authenticator): the shipped kit's. */
export { DEFAULT_AUTHENTICATOR_OPTIONS };

/**
 * What an engine's virtual authenticator does; ids base64url (see the module comment).
 * @typedef {{
 *   add(options: typeof DEFAULT_AUTHENTICATOR_OPTIONS & Record<string, unknown>): Promise<string>;
 *   remove(id: string): Promise<unknown>;
 *   getCredentials(id: string): Promise<any[]>;
 *   setUserVerified(id: string, isUserVerified: boolean): Promise<unknown>;
 *   setPresence(id: string, enabled: boolean): Promise<unknown>;
 *   addCredential(id: string, credential: any): Promise<unknown>;
 *   clearCredentials(id: string): Promise<unknown>;
 * }} Driver
 * @typedef {{ driver: Promise<Driver>; authenticators: Set<string> }} Target
 * @typedef {(d: Driver, ids: Set<string>, payload: any) => Promise<unknown>} Command
 */

/** @param {any} payload */
function requireId(payload) {
  const id = payload && payload.authenticatorId;
  if (typeof id !== 'string' || !id) {
    throw new Error('webauthn plugin: payload.authenticatorId (string) is required');
  }
  return id;
}

/** @param {any} credential */
function credentialInput(credential) {
  if (!credential || typeof credential !== 'object') {
    throw new Error('webauthn plugin: payload.credential is required');
  }
  if (typeof credential.credentialId !== 'string' || typeof credential.privateKey !== 'string') {
    throw new Error('webauthn plugin: credential needs credentialId and privateKey (base64 PKCS#8)');
  }
  return { isResidentCredential: true, signCount: 0, ...credential };
}

/** What each command does on a driver; `ids` are the authenticators it added (see the module comment). @type {Record<string, Command>} */
const COMMANDS = {
  async 'webauthn:add'(d, ids, p) {
    const id = await d.add({ ...DEFAULT_AUTHENTICATOR_OPTIONS, ...p });
    ids.add(id);
    return id;
  },
  async 'webauthn:remove'(d, ids, p) {
    const id = requireId(p);
    await d.remove(id);
    ids.delete(id);
    return true;
  },
  'webauthn:get-credentials': (d, _ids, p) => d.getCredentials(requireId(p)),
  'webauthn:set-user-verified': async (d, _ids, p) => (await d.setUserVerified(requireId(p), Boolean(p.isUserVerified)), true),
  'webauthn:set-presence': async (d, _ids, p) => (await d.setPresence(requireId(p), Boolean(p.enabled)), true),
  'webauthn:add-credential': async (d, _ids, p) => (await d.addCredential(requireId(p), credentialInput(p.credential)), true),
  async 'webauthn:clear'(d, ids, p) {
    if (typeof p.authenticatorId === 'string') {
      await d.clearCredentials(p.authenticatorId);
      return true;
    }
    const all = [...ids];
    ids.clear();
    await Promise.all(all.map((id) => d.remove(id).catch(() => {})));
    return true;
  },
};

/**
 * Runs one `webauthn:*` command on a driver (see the module comment for payloads and results).
 * @param {Driver} driver @param {Set<string>} authenticators @param {string} command @param {any} [payload]
 */
export function runCommand(driver, authenticators, command, payload) {
  const run = COMMANDS[command];
  if (!run) throw new Error(`webauthn plugin: unknown command ${command}`);
  return run(driver, authenticators, payload ?? {});
}

// ── engines ─────────────────────────────────────────────────────────────────

/** @type {WeakMap<object, Target>} Chromium: per page; Firefox: per launcher (browser). */
const targets = new WeakMap();

/** @param {object} key @param {() => Promise<Driver>} make @param {(forget: () => void) => void} [onGone] */
function targetFor(key, make, onGone) {
  let target = targets.get(key);
  if (!target) {
    const driver = make();
    target = { driver, authenticators: new Set() };
    driver.catch(() => targets.delete(key)); // a failed attach must not poison later attempts
    targets.set(key, target);
    onGone?.(() => targets.delete(key));
  }
  return target;
}

/**
 * The engine behind a test session: its name, virtual-authenticator target and media emulation.
 * @param {any} session
 */
function engineOf(session) {
  const launcher = session.browser;
  if (isFirefoxLauncher(launcher)) {
    const page = launcher.getPage(session.id);
    const chrome = (/** @type {string} */ expression) => evaluateInChrome(page, expression);
    return {
      name: 'Firefox',
      authenticatorScope: /** @type {const} */ ('browser'),
      // Its stand-in for "no user presence" (the USB token instead of the virtual one) also hides
      // the platform authenticator (isUserVerifyingPlatformAuthenticatorAvailable() → false).
      pendingWithPlatformAuthenticator: false,
      target: () => targetFor(launcher, async () => marionetteDriver(() => marionetteOf(launcher), chrome)),
      /** Firefox prefs (chrome scope): 0 dark, 1 light, 2 follow the system; reduced motion 1/0. */
      async emulateMedia(/** @type {any} */ { colorScheme, reducedMotion }) {
        const scheme = colorScheme === 'dark' ? 0 : colorScheme === 'light' ? 1 : 2;
        const motion =
          reducedMotion === undefined
            ? ''
            : reducedMotion === null
              ? `Services.prefs.clearUserPref('ui.prefersReducedMotion');`
              : `Services.prefs.setIntPref('ui.prefersReducedMotion', ${reducedMotion === 'reduce' ? 1 : 0});`;
        const color =
          colorScheme === undefined ? '' : `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme});`;
        await chrome(`${color}${motion} true`);
      },
    };
  }
  if (launcher?.type === 'playwright' && launcher.product === 'chromium') {
    const page = launcher.getPage(session.id);
    return {
      name: 'Chromium',
      authenticatorScope: /** @type {const} */ ('page'),
      pendingWithPlatformAuthenticator: true,
      target: () =>
        targetFor(
          page,
          async () => cdpDriver(await attachWebAuthn(page)),
          (forget) => page.once('close', forget),
        ),
      emulateMedia: (/** @type {any} */ media) => page.emulateMedia(media),
    };
  }
  throw new Error(`webauthn plugin: no virtual authenticator for ${launcher?.name ?? 'this browser'}`);
}

/** Tests skipped for want of a capability, per engine, in order. @type {Map<string, string[]>} */
const skipped = new Map();

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function webauthnPlugin() {
  return {
    name: 'webauthn-virtual-authenticator',

    async executeCommand({ command, payload, session }) {
      if (command.startsWith('webauthn:')) {
        const target = engineOf(session).target();
        return runCommand(await target.driver, target.authenticators, command, payload);
      }
      if (command === 'engine:capabilities') {
        const { name, authenticatorScope, pendingWithPlatformAuthenticator } = engineOf(session);
        return {
          name,
          virtualAuthenticator: true,
          pendingCeremony: true,
          pendingWithPlatformAuthenticator,
          mediaEmulation: true,
          authenticatorScope,
        };
      }
      if (command === 'engine:emulate-media') {
        await engineOf(session).emulateMedia(payload ?? {});
        return true;
      }
      if (command === 'engine:skipped') {
        const { title, reason } = /** @type {{title: string; reason: string}} */ (payload);
        const name = /** @type {any} */ (session.browser)?.name ?? 'browser';
        const list = skipped.get(name) ?? [];
        list.push(`${title} — ${reason}`);
        skipped.set(name, list);
        return true;
      }
      return undefined;
    },

    serverStop() {
      for (const [name, list] of skipped) {
        console.log(`\n${name}: ${list.length} skipped for want of a capability:`);
        for (const line of list) console.log(`  - ${line}`);
      }
    },
  };
}

export default webauthnPlugin;
