/**
 * The element under a strict Content Security Policy with Trusted Types:
 *
 *   default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self';
 *   require-trusted-types-for 'script'
 *
 * No 'unsafe-inline', no 'unsafe-eval'. Vite's dev client injects inline scripts, so this test
 * serves its own page from a tiny Node server (same origin as the emulator, so rp.id `localhost`
 * works): test/e2e/pages/csp.html + csp-probe.js (records `securitypolicyviolation`) + csp-page.js
 * (mounts the element), and the element as one classic script — a minified esbuild bundle of
 * src/index.ts, and the built drop-in dist/corbado-append.min.js as well when it is up to date
 * (`npm run build`). It proves: the element renders, no CSP/Trusted Types violation is reported
 * (listener and console), and a click creates a passkey (virtual authenticator).
 */
import { expect, test, type ConsoleMessage } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFile, stat, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { connectEmulator } from '../../emulator/client.js';
import { addVirtualAuthenticator } from './virtual-authenticator';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = join(ROOT, 'test/e2e/pages');
const DROP_IN = join(ROOT, 'dist/corbado-append.min.js');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

/** Newest mtime (ms) under `dir`. */
async function newest(dir: string): Promise<number> {
  let max = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) max = Math.max(max, (await stat(join(e.parentPath, e.name))).mtimeMs);
  }
  return max;
}

/** emulator/core.js is plain JS (JSDoc types, no declarations): the part used here. */
interface Emulator {
  handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<boolean>;
}
const EMULATOR_MODULE = '../../emulator/core.js';

const bundles = new Map<string, string>();
let server: Server;
let origin: string;

test.beforeAll(async () => {
  const out = await build({
    entryPoints: [join(ROOT, 'src/index.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
  });
  bundles.set('esbuild.js', out.outputFiles[0]!.text);
  if (existsSync(DROP_IN) && (await stat(DROP_IN)).mtimeMs >= (await newest(join(ROOT, 'src')))) {
    bundles.set('corbado-append.min.js', await readFile(DROP_IN, 'utf8'));
  }

  const { createEmulator } = (await import(EMULATOR_MODULE)) as { createEmulator: () => Emulator };
  const emulator = createEmulator();
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (await emulator.handle(req, res)) return;
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, {
        'content-type': type,
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(body);
    };
    if (url.pathname === '/csp.html') {
      const bundle = url.searchParams.get('bundle') ?? '';
      if (!bundles.has(bundle)) return send(404, 'text/plain', `no bundle ${bundle}`);
      return send(200, 'text/html; charset=utf-8', (await readFile(join(PAGES, 'csp.html'), 'utf8')).replace('{{BUNDLE}}', bundle));
    }
    if (url.pathname === '/csp-probe.js' || url.pathname === '/csp-page.js') {
      return send(200, 'text/javascript; charset=utf-8', await readFile(join(PAGES, url.pathname.slice(1)), 'utf8'));
    }
    const code = bundles.get(url.pathname.slice(1));
    if (code !== undefined) return send(200, 'text/javascript; charset=utf-8', code);
    return send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const address = server.address();
  origin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
});

test.afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

for (const bundle of ['esbuild.js', 'corbado-append.min.js']) {
  test(`strict CSP + Trusted Types (${bundle}): renders, no violation, a click creates a passkey`, async ({ page }) => {
    test.skip(!bundles.has(bundle), `${bundle}: no up-to-date dist/corbado-append.min.js (npm run build)`);
    const projectId = `pro-csp-${Date.now().toString(36)}`;
    const console: string[] = [];
    const pageErrors: string[] = [];
    page.on('console', (m: ConsoleMessage) => console.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    const authenticator = await addVirtualAuthenticator(page);
    try {
      const response = await page.goto(`${origin}/csp.html?bundle=${bundle}&projectId=${projectId}`);
      expect(response!.headers()['content-security-policy']).toBe(CSP);

      // The policy is really in force: Trusted Types is enforced for this document.
      expect(await page.evaluate(() => typeof (window as unknown as { trustedTypes?: unknown }).trustedTypes)).toBe('object');

      const button = page.locator('corbado-append [part~="primary-button"]');
      await expect(button).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('corbado-append [part~="title"]')).not.toBeEmpty();
      // Styles applied (constructable stylesheets are not blocked by style-src 'self').
      const radius = await button.evaluate((b) => getComputedStyle(b).borderTopLeftRadius);
      expect(radius).not.toBe('0px');

      await button.click();
      await expect(page.locator('corbado-append')).toHaveJSProperty('state', 'success', { timeout: 10_000 });
      const events = await page.evaluate(() => (window as unknown as { __events: { type: string; detail: unknown }[] }).__events);
      expect(events.map((e) => e.type)).toEqual(['corbado-append-ready', 'corbado-append-complete']);

      const stored = await connectEmulator(origin, { projectId }).listPasskeys();
      expect(stored).toHaveLength(1);
      expect((await authenticator.getCredentials()).map((c) => c.credentialId)).toEqual(stored.map((c) => c.id));

      // No violation reported, none logged.
      expect(await page.evaluate(() => (window as unknown as { __violations: unknown[] }).__violations)).toEqual([]);
      expect(console.filter((l) => /content security policy|trusted ?type|refused to/i.test(l))).toEqual([]);
      expect(pageErrors).toEqual([]);

      // Control: the probe does see a violation when there is one (an HTML string into innerHTML).
      await page.evaluate(() => {
        try {
          document.createElement('div').innerHTML = '<b>x</b>';
        } catch {
          /* TypeError: this document requires 'TrustedHTML' assignment */
        }
      });
      await expect
        .poll(() =>
          page.evaluate(() => (window as unknown as { __violations: { directive: string }[] }).__violations.map((v) => v.directive)),
        )
        .toEqual(['require-trusted-types-for']);
    } finally {
      await authenticator.remove();
    }
  });
}
