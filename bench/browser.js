/** Headless Chromium (Debian's, or CHROME_PATH) and the bench's per-page instrumentation. */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROME_PATH, CHROMIUM_ARGS as ARGS } from '../test/chromium.js';

export { CHROME_PATH };

/** hooks.js, then hooks-leaks.js (which reads the `window.__bench` hooks.js made), as one init script. */
const HOOKS = ['hooks.js', 'hooks-leaks.js'].map((f) => readFileSync(new URL(`./pages/${f}`, import.meta.url), 'utf8')).join('\n');

/**
 * The bench's Chromium resolves no host name but localhost: a page (or a peer's library) that
 * tries another host fails at once, on this machine (offer.js counts such requests).
 */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: [...ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost'],
  });
}

/**
 * A new page with bench/pages/hooks.js and hooks-leaks.js installed before any page script: in `context` when
 * given (`close` then closes the page only), else in a fresh context of its own.
 * @param {import('@playwright/test').Browser} browser
 * @param {import('./pages/bench.js').HookOptions} hooks
 * @param {import('@playwright/test').BrowserContext} [context]
 */
export async function newPage(browser, hooks, context) {
  const ctx = context ?? (await browser.newContext());
  const page = await ctx.newPage();
  await page.addInitScript({ content: `globalThis.__BENCH_OPTS = ${JSON.stringify(hooks)};\n${HOOKS}` });
  return { context: ctx, page, close: () => (context ? page.close() : ctx.close()) };
}

/**
 * A CDP virtual authenticator on `page` (WebAuthn.enable + addVirtualAuthenticator).
 * @param {import('@playwright/test').Page} page
 * @param {{presence?: boolean}} [opts] presence: automatic presence simulation (default true)
 */
export async function addVirtualAuthenticator(page, { presence = true } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: presence,
    },
  });
  return {
    cdp,
    async remove() {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      await cdp.detach();
    },
  };
}
