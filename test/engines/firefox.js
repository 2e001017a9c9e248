// @ts-check
/**
 * Firefox for web-test-runner and the e2e tests: Debian's Firefox ESR (or `FIREFOX_PATH`) driven
 * by Puppeteer over WebDriver BiDi (`puppeteer-core`, through `@web/test-runner-chrome`'s
 * launcher, which takes any Puppeteer), with its Marionette server open beside it for the virtual
 * authenticator (test/engines/marionette.js) and chrome-scope prefs reachable through BiDi
 * (`-remote-allow-system-access`). No geckodriver: none can be installed here.
 *
 * One fresh profile directory per browser: Marionette writes its port there
 * (`MarionetteActivePort`; `marionette.port = 0` asks the OS for a free one).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import { connectMarionette } from './marionette.js';

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** Prefs of the test profile: a free Marionette port, the virtual authenticator on, no real USB token. */
export const FIREFOX_PREFS = Object.freeze({
  'marionette.port': 0,
  'security.webauth.webauthn_enable_softtoken': true,
  'security.webauth.webauthn_enable_usbtoken': false,
  // Offline and quiet: no update checks, telemetry or first-run pages.
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  // A popup a test opens (test/helpers/tabs.ts) becomes a background tab: the test page stays the
  // selected tab of the focused window, the only one where Firefox runs WebAuthn.
  'browser.link.open_newwindow.restriction': 0,
  'browser.tabs.loadDivertedInBackground': true,
});

/** A fresh profile directory, removed when the process exits. */
function newProfile() {
  const profile = mkdtempSync(join(tmpdir(), 'corbado-append-firefox-'));
  process.once('exit', () => rmSync(profile, { recursive: true, force: true }));
  return profile;
}

/** Puppeteer launch options of a test Firefox on `profile` (BiDi, Marionette, chrome-scope access). @param {string} profile */
export const firefoxLaunchOptions = (profile) => ({
  browser: /** @type {const} */ ('firefox'),
  executablePath: FIREFOX_PATH,
  headless: true,
  userDataDir: profile,
  args: ['--marionette', '-remote-allow-system-access'],
  extraPrefsFirefox: FIREFOX_PREFS,
});

/** @type {WeakMap<object, string>} launcher → its profile directory */
const profiles = new WeakMap();

/**
 * A web-test-runner launcher of Firefox (`concurrency`: test files at once; the virtual
 * authenticator belongs to the whole browser, so tests that use one want 1).
 * @param {{ concurrency?: number }} [opts]
 */
export function firefoxLauncher({ concurrency = 1 } = {}) {
  const profile = newProfile();
  // chromeLauncher only calls `launch` of the Puppeteer it is given.
  const launcher = chromeLauncher({ puppeteer: /** @type {any} */ (puppeteer), concurrency, launchOptions: firefoxLaunchOptions(profile) });
  profiles.set(launcher, profile);
  return launcher;
}

/**
 * A test Firefox of its own (for Playwright tests, which cannot launch stock Firefox): the
 * Puppeteer browser and its Marionette connection.
 */
export async function launchFirefox() {
  const profile = newProfile();
  const browser = await puppeteer.launch(firefoxLaunchOptions(profile));
  return { browser, marionette: () => marionetteAt(profile) };
}

/** @type {Map<string, Promise<import('./marionette.js').Marionette>>} profile → connection */
const connections = new Map();

/**
 * The Marionette connection of the Firefox running on `profile` (opened on first use, reopened
 * when the browser restarted).
 * @param {string} profile
 */
async function marionetteAt(profile) {
  const open = connections.get(profile);
  if (open) {
    const client = await open.catch(() => undefined);
    if (client && !client.closed) return client;
  }
  const connecting = (async () => {
    const portFile = join(profile, 'MarionetteActivePort');
    for (let i = 0; !existsSync(portFile); i++) {
      if (i > 200) throw new Error(`marionette: no ${portFile} after 10 s (was Firefox started with --marionette?)`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return connectMarionette(Number(readFileSync(portFile, 'utf8').trim()));
  })();
  connections.set(profile, connecting);
  return connecting;
}

/** The Marionette connection of the Firefox a `firefoxLauncher()` started. @param {object} launcher */
export function marionetteOf(launcher) {
  const profile = profiles.get(launcher);
  if (!profile) throw new Error('marionetteOf: not a firefoxLauncher()');
  return marionetteAt(profile);
}

/** Is this web-test-runner launcher one of `firefoxLauncher()`'s? */
export const isFirefoxLauncher = (/** @type {unknown} */ launcher) =>
  typeof launcher === 'object' && launcher !== null && profiles.has(launcher);

/**
 * Runs `expression` in Firefox's privileged (chrome) scope through the page's BiDi connection —
 * for prefs (`Services.prefs`), which Firefox reads at run time. Firefox internals, not an API.
 * @param {any} page a Puppeteer page of that Firefox
 * @param {string} expression
 */
export async function evaluateInChrome(page, expression) {
  const connection = page.browser().connection;
  const { result: tree } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const context = tree.contexts[0].context;
  const { result } = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true });
  if (result.type === 'exception') throw new Error(`firefox chrome scope: ${result.exceptionDetails?.text ?? expression}`);
  return result.result?.value;
}
