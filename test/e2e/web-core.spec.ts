/**
 * Conformance: Corbado's own client (`@corbado/web-core`, pinned in devDependencies), bundled
 * unchanged into a page (test/e2e/pages/web-core-append.js), runs the append flow the way
 * Corbado's `CorbadoConnectAppend` does — init → start → create() (CDP virtual authenticator) →
 * finish → an event — against the standalone emulator (`node emulator/standalone.js`, PORT=0) on
 * another origin than the page, so CORS preflights with Corbado's headers come first. It passes
 * when finish succeeds and the emulator lists the passkey; every /v2 call on the wire also
 * matches the repository's API description.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CHROME_PATH, CHROMIUM_ARGS } from '../chromium.js';
import { connectEmulator } from '../../emulator/client.js';
import { recordApiTraffic } from './api-traffic';
import { addVirtualAuthenticator } from './virtual-authenticator';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = `${ROOT}test/e2e/pages/`;

// Nothing leaves the machine (web-core's fingerprinting library reports home now and then): every
// host name but the loopback ones fails to resolve. Not `page.route`: with any route set, Playwright
// answers the CORS preflights itself, and the emulator's CORS would go untested.
test.use({
  launchOptions: {
    executablePath: CHROME_PATH,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  },
});

let pageServer: Server;
let pageOrigin: string;
let emulatorProcess: ChildProcess;
let emulatorUrl: string;

/** `node emulator/standalone.js` on a free port, CORS for `origin`; resolves its printed URL. */
function startStandalone(origin: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['emulator/standalone.js', '--origin', origin], { cwd: ROOT, env: { ...process.env, PORT: '0' } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const url = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`standalone emulator exited ${code}: ${out}`)));
  });
}

test.beforeAll(async () => {
  const bundle = await build({
    entryPoints: [`${PAGES}web-core-append.js`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', await readFile(`${PAGES}web-core-append.html`, 'utf8')],
    '/web-core-append.bundle.js': ['text/javascript; charset=utf-8', bundle.outputFiles[0]!.text],
  };
  pageServer = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://localhost:${(pageServer.address() as AddressInfo).port}`;
  ({ child: emulatorProcess, url: emulatorUrl } = await startStandalone(pageOrigin));
});

test.afterAll(async () => {
  emulatorProcess?.kill();
  await new Promise((resolve) => pageServer?.close(resolve));
});

test("Corbado's web-core ConnectService: init → start → create() → finish → event, against the standalone emulator", async ({ page }) => {
  const projectId = `pro-webcore-${Date.now().toString(36)}`;
  const traffic = recordApiTraffic(page);
  const authenticator = await addVirtualAuthenticator(page);
  /** What each step of the page answered: `{ok: true, val}` or `{ok: false, err}` (web-core's `Result`s, made plain). */
  interface Step {
    ok: boolean;
    val?: { appendAllowed?: boolean; attestationOptions?: string; passkeyOperation?: object };
    err?: string;
  }
  const results = () =>
    page.evaluate(
      () =>
        (window as unknown as { corbadoResults: Partial<Record<'init' | 'start' | 'event' | 'finish', Step>> & { crash?: string } })
          .corbadoResults,
    );
  try {
    await page.goto(`${pageOrigin}/?projectId=${projectId}&api=${encodeURIComponent(emulatorUrl)}`);
    // init and start, as the component runs them on mount (a CORS refusal shows here as `init: …`)
    const step = async () => {
      const r = await results();
      return (
        r.crash ?? (r.init?.ok === false ? `init: ${r.init.err}` : r.start ? (r.start.ok ? 'started' : `start: ${r.start.err}`) : undefined)
      );
    };
    await expect.poll(step, { timeout: 15_000 }).toBe('started');
    expect((await results()).init).toMatchObject({ ok: true, val: { appendAllowed: true } });
    await expect(page.locator('#activate')).toBeEnabled();

    await page.locator('#learn-more').click();
    await expect.poll(async () => (await results()).event?.ok).toBe(true);
    await page.locator('#activate').click();
    await expect.poll(async () => (await results()).finish, { timeout: 10_000 }).toBeDefined();
    const { finish } = await results();
    expect(finish).toMatchObject({ ok: true, val: { passkeyOperation: { operationType: 'append', identifierType: 'email' } } });

    // The emulator lists the passkey the authenticator holds, and the event.
    const emulator = connectEmulator(emulatorUrl, { projectId });
    const credentials = await emulator.listPasskeys();
    expect(credentials.map((c) => c.id)).toEqual((await authenticator.getCredentials()).map((c) => c.credentialId));
    expect(credentials).toHaveLength(1);
    const events = await emulator.listEvents();
    expect(events.map((e) => e.eventType)).toEqual(['append-learn-more']);

    // On the wire: Corbado's headers went through CORS, one process throughout, all of it as described.
    const calls = await traffic.calls();
    expect(calls.map((c) => c.path)).toEqual([
      '/v2/connect/append/init',
      '/v2/connect/append/start',
      '/v2/connect/events',
      '/v2/connect/append/finish',
    ]);
    const processID = (calls[0]!.response as { processID: string }).processID;
    for (const c of calls) {
      expect(c.origin).toBe(emulatorUrl);
      expect(c.headers['x-corbado-projectid']).toBe(projectId);
      expect(JSON.parse(c.headers['x-corbado-sdk'] ?? '{}')).toMatchObject({ name: 'web-core', sdkVersion: '3.5.0' });
      expect(c.headers['x-corbado-client-timezone']).toBeTruthy();
      if (c !== calls[0]) expect(c.headers['x-corbado-process-id']).toBe(processID);
    }
    expect(await traffic.problems()).toEqual([]);
  } finally {
    await authenticator.remove();
  }
});
