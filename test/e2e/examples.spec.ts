/**
 * Drop-in anywhere: the shipped builds in real pages, against the standalone emulator on another
 * origin (CORS), with real WebAuthn (CDP virtual authenticator).
 *
 * - examples/script-tag: a plain HTML page with one classic <script src> of dist/corbado-append.min.js
 * - examples/react:      React 19 + the `corbado-append/react` wrapper (@lit/react), built by Vite
 * - examples/vue:        Vue 3 with the element in a template, built by Vite
 * - examples/svelte:     Svelte 5 (corbado-append/svelte typings, svelte-check), built by Vite
 * - examples/angular:    Angular 21 standalone component with CUSTOM_ELEMENTS_SCHEMA, built by the
 *                        Angular CLI from its own lockfile
 *
 * Needs `npm run build` and `npm run build:examples` (the `pretest:e2e` hook runs both when stale).
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { connectEmulator } from '../../emulator/client.js';
import { startStaticServer, type StaticServer } from './static-server';
import { addVirtualAuthenticator } from './virtual-authenticator';

const FRAMEWORKS = ['react', 'vue', 'svelte', 'angular'] as const;

let site: StaticServer;
let emulator: Server;
let api: string;

const built = (p: string) => existsSync(fileURLToPath(new URL(`../../${p}`, import.meta.url)));

/** emulator/standalone.js (plain JS, no declarations). */
type Standalone = { createStandaloneServer(opts: { allowOrigin: string }): Server };
const STANDALONE = '../../emulator/standalone.js';

test.beforeAll(async () => {
  const { createStandaloneServer } = (await import(STANDALONE)) as Standalone;
  for (const p of ['dist/corbado-append.min.js', ...FRAMEWORKS.map((f) => `examples/${f}/dist/index.html`)]) {
    if (!built(p)) throw new Error(`${p} missing: run npm run build && npm run build:examples`);
  }
  site = await startStaticServer();
  emulator = createStandaloneServer({ allowOrigin: site.origin });
  await new Promise<void>((resolve) => emulator.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(emulator.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  if (emulator) await new Promise((resolve) => emulator.close(resolve));
  if (site) await site.close();
});

let n = 0;
const projectId = (name: string) => `pro-ex-${name}-${Date.now().toString(36)}-${++n}`;

async function storedPasskeys(project: string): Promise<string[]> {
  return (await connectEmulator(api, { projectId: project }).listPasskeys()).map((c) => c.id);
}

/** Page errors and console errors, to assert the page stayed clean. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

test('script tag: the drop-in alone runs the whole flow against a cross-origin API', async ({ page }) => {
  const errors = collectErrors(page);
  const project = projectId('script');
  const auth = await addVirtualAuthenticator(page);
  try {
    await page.goto(`${site.origin}/examples/script-tag/index.html?api=${encodeURIComponent(api)}&project=${project}`);
    // Only classic scripts on the page, and the drop-in adds no global.
    expect(await page.locator('script[type=module]').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(window).filter((k) => /corbado/i.test(k)))).toEqual([]);

    const button = page.locator('corbado-append [part~="primary-button"]');
    await expect(button).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('#log [data-event="corbado-append-ready"]')).toHaveCount(1);
    await button.click();

    await expect(page.locator('#log [data-event="corbado-append-complete"]')).toContainText('"status":"complete"');
    await expect(page.locator('corbado-append')).toHaveJSProperty('state', 'success');
    const stored = await storedPasskeys(project);
    expect(stored).toHaveLength(1);
    expect((await auth.getCredentials()).map((c) => c.credentialId)).toEqual(stored);

    // Loading the drop-in a second time (two copies on one page) is harmless.
    await page.addScriptTag({ url: `${site.origin}/dist/corbado-append.min.js` });
    expect(errors).toEqual([]);
  } finally {
    await auth.remove();
  }
});

for (const framework of FRAMEWORKS) {
  test(`${framework}: renders inside the framework, events reach its handlers, click creates a passkey`, async ({ page }) => {
    const errors = collectErrors(page);
    const project = projectId(framework);
    const auth = await addVirtualAuthenticator(page);
    try {
      await page.goto(`${site.origin}/examples/${framework}/dist/index.html?api=${encodeURIComponent(api)}&project=${project}`);
      const status = page.getByTestId('status');
      // corbado-append-ready reached the framework's handler, which re-rendered the status.
      await expect(status).toHaveText('ready:default', { timeout: 15_000 });
      const button = page.locator('corbado-append [part~="primary-button"]');
      await expect(button).toBeVisible();
      await button.click();
      await expect(status).toHaveText('complete:complete', { timeout: 10_000 });
      await expect(page.getByTestId('log')).toContainText('corbado-append-complete');
      const stored = await storedPasskeys(project);
      expect(stored).toHaveLength(1);
      expect((await auth.getCredentials()).map((c) => c.credentialId)).toEqual(stored);
      expect(errors).toEqual([]);
    } finally {
      await auth.remove();
    }
  });
}
