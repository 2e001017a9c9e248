/**
 * The drop-in in Firefox: a plain page with one classic `<script src=dist/corbado-append.min.js>`,
 * the standalone emulator on another origin (CORS), a real click, a real ceremony on Firefox's
 * virtual authenticator (Marionette), a real finish that the emulator verifies and stores.
 *
 * Playwright cannot launch stock Firefox here: this spec drives Debian's Firefox ESR with
 * Puppeteer over WebDriver BiDi (test/engines/firefox.js) and only uses Playwright as the runner.
 * (The Chromium version: examples.spec.ts.)
 */
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { evaluateInChrome, launchFirefox } from '../engines/firefox.js';
import { marionetteDriver, runCommand, type Driver } from '../plugins/webauthn-plugin.js';
import type { VirtualCredential } from '../helpers/webauthn.js';
import { connectEmulator } from '../../emulator/client.js';
import { startStaticServer, type StaticServer } from './static-server';

const DROP_IN = 'dist/corbado-append.min.js';
const BUTTON = 'corbado-append >>> [part~="primary-button"]';

let firefox: Awaited<ReturnType<typeof launchFirefox>> | undefined;
let browser: Browser;
let pageServer: StaticServer;
let api: Server;
let apiBase: string;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  if (!existsSync(fileURLToPath(new URL(`../../${DROP_IN}`, import.meta.url)))) throw new Error(`${DROP_IN} missing: run npm run build`);
  pageServer = await startStaticServer();
  const { createStandaloneServer } = (await import('../../emulator/standalone.js' as string)) as {
    createStandaloneServer(opts: { allowOrigin: string }): Server;
  };
  api = createStandaloneServer({ allowOrigin: pageServer.origin });
  await new Promise<void>((listening) => api.listen(0, '127.0.0.1', listening));
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  firefox = await launchFirefox();
  browser = firefox.browser;
});

test.afterAll(async () => {
  await browser?.close();
  await new Promise((closed) => (api ? api.close(closed) : closed(undefined)));
  await pageServer?.close();
});

/** The emulator's stored passkeys of `project` (ids, base64url). */
async function storedIds(project: string): Promise<string[]> {
  return (await connectEmulator(apiBase, { projectId: project }).listPasskeys()).map((c) => c.id);
}

/** Console errors and uncaught errors of `page`. */
function pageErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('pageerror', (e) => seen.push(`pageerror: ${(e as Error).message}`));
  page.on('console', (m) => void (m.type() === 'error' && seen.push(`console: ${m.text()}`)));
  return seen;
}

test('Firefox: the drop-in alone, from a classic script tag, creates a passkey the emulator verifies', async () => {
  const page = await browser.newPage();
  const errors = pageErrors(page);
  const driver: Driver = marionetteDriver(firefox!.marionette, (expression) => evaluateInChrome(page, expression));
  const ids = new Set<string>();
  const authenticatorId = await runCommand<string>(driver, ids, 'webauthn:add', {});
  try {
    const project = `pro-ff-script-${Date.now().toString(36)}`;
    await page.goto(`${pageServer.origin}/examples/script-tag/index.html?api=${encodeURIComponent(apiBase)}&project=${project}`);
    expect(await page.evaluate(() => navigator.userAgent)).toMatch(/Firefox\//);
    expect(await page.$$eval('script', (s) => s.map((el) => [el.type || 'classic', el.getAttribute('src')]))).toContainEqual([
      'classic',
      `../../${DROP_IN}`,
    ]);
    expect(await page.$$eval('script[type=module]', (s) => s.length)).toBe(0);

    const button = await page.waitForSelector(BUTTON, { visible: true, timeout: 15_000 });
    await page.waitForSelector('#log [data-event="corbado-append-ready"]');
    await button!.click(); // real input: Firefox's own click, with user activation
    const complete = await page.waitForSelector('#log [data-event="corbado-append-complete"]', { timeout: 10_000 });
    expect(await complete!.evaluate((li) => li.textContent)).toContain('"status":"complete"');
    expect(await page.$eval('corbado-append', (el) => (el as HTMLElement & { state: string }).state)).toBe('success');

    const stored = await storedIds(project);
    expect(stored).toHaveLength(1);
    const onDevice = await runCommand<VirtualCredential[]>(driver, ids, 'webauthn:get-credentials', { authenticatorId });
    expect(onDevice.map((c) => c.credentialId)).toEqual(stored);
    expect(errors).toEqual([]);
  } finally {
    await runCommand(driver, ids, 'webauthn:clear', {});
    await page.close();
  }
});
