/**
 * The hosts of the emulator: standalone server with CORS, Vite plugin (dev and preview), koa
 * middleware for @web/test-runner.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Koa from 'koa';
import { createServer as createViteServer, preview } from 'vite';
import { createEmulator } from '../../emulator/core.js';
import { emulatorKoaMiddleware } from '../../emulator/koa.js';
import { createStandaloneServer } from '../../emulator/standalone.js';
import corbadoEmulator from '../../emulator/vite-plugin.js';
import { client, newProjectId } from './helpers.js';

/**
 * Listen on an ephemeral port of 127.0.0.1.
 * @param {import('node:http').Server} server
 */
async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  return `http://localhost:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
}

/** Init through a host and check the emulator answered. @param {string} base */
async function assertServesInit(base) {
  const res = await client(base, newProjectId()).api('/v2/connect/append/init', { clientInformation: {}, flags: {} });
  assert.equal(res.status, 200, res.text);
  assert.ok(res.json.processID);
}

describe('standalone server', () => {
  const origin = 'http://localhost:5173';
  /** @type {import('node:http').Server} */
  let server;
  /** @type {string} */
  let base;
  before(async () => {
    server = createStandaloneServer({ allowOrigin: origin });
    base = await listen(server);
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('answers a CORS preflight with 204 for exactly the allowed origin, with credentials', async () => {
    // What @corbado/web-core 3.5.0 sends on every Connect call (ConnectService's axios instance).
    const corbadoClientHeaders = [
      'content-type',
      'x-corbado-client-timezone',
      'x-corbado-process-id',
      'x-corbado-projectid',
      'x-corbado-sdk',
    ];
    const res = await fetch(`${base}/v2/connect/append/start`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': corbadoClientHeaders.join(',') },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), origin);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    const allowed = (/** @type {string} */ name) => (res.headers.get(name) ?? '').toLowerCase().split(/\s*,\s*/);
    for (const h of [...corbadoClientHeaders, 'x-corbado-flags']) assert.ok(allowed('access-control-allow-headers').includes(h), h);
    for (const m of ['get', 'post', 'put', 'delete', 'options']) assert.ok(allowed('access-control-allow-methods').includes(m), m);
  });

  it('withholds Date (neither sent nor exposed) while the scenario says dateHeader: false', async () => {
    const c = client(base, newProjectId(), origin);
    await c.scenario({ dateHeader: false });
    const withheld = await c.api('/v2/connect/append/init', { clientInformation: {}, flags: {} });
    assert.equal(withheld.status, 200);
    assert.equal(withheld.headers.get('date'), null);
    assert.doesNotMatch(withheld.headers.get('access-control-expose-headers') ?? '', /date/i);
    assert.equal(withheld.headers.get('access-control-allow-origin'), origin);
    // another project, same server: Date sent and exposed
    const other = await client(base, newProjectId(), origin).api('/v2/connect/append/init', { clientInformation: {}, flags: {} });
    assert.ok(other.headers.get('date'));
    assert.match(other.headers.get('access-control-expose-headers') ?? '', /date/i);
  });

  it('puts the CORS headers on API, demo, error and unknown-path answers, and exposes Date', async () => {
    const c = client(base, newProjectId(), origin);
    const answers = [
      await c.api('/v2/connect/append/init', { clientInformation: {}, flags: {} }),
      await c.api('/v2/connect/append/start', {}),
      await c.demo('GET', '/emulator/scenario'),
      await c.demo('GET', '/nope'),
    ];
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 400, 200, 404],
    );
    for (const { headers } of answers) {
      assert.equal(headers.get('access-control-allow-origin'), origin);
      assert.equal(headers.get('access-control-allow-credentials'), 'true');
      assert.match(headers.get('access-control-expose-headers') ?? '', /date/i);
      assert.ok(headers.get('date'));
    }
  });

  it('PORT=0: takes a free port, prints its URL; takes the origin from --origin over ALLOW_ORIGIN', async () => {
    const child = spawnStandalone(['--origin', 'http://127.0.0.1:4000/'], { PORT: '0', ALLOW_ORIGIN: 'http://ignored.example' });
    try {
      const line = await new Promise((resolve, reject) => {
        child.stdout.once('data', (d) => resolve(String(d)));
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const url = /** @type {string} */ (line).match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];
      assert.ok(url, line);
      const res = await fetch(`${url}/emulator/scenario`, { method: 'OPTIONS' });
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://127.0.0.1:4000');
    } finally {
      child.kill();
    }
  });

  it('a busy port: exits 1 with one clear line on stderr, no stack', async () => {
    const busy = createServer();
    const taken = await listen(busy);
    try {
      const child = spawnStandalone([], { PORT: new URL(taken).port });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise((resolve) => child.once('exit', resolve));
      assert.equal(code, 1);
      const lines = stderr.split('\n').filter((l) => l.trim() !== '');
      assert.equal(lines.length, 1, stderr);
      assert.match(
        lines[0] ?? '',
        new RegExp(`cannot listen on 127\\.0\\.0\\.1:${new URL(taken).port}: port .* is in use \\(PORT=0 picks a free one\\)`),
      );
    } finally {
      busy.close();
    }
  });
});

/**
 * `node emulator/standalone.js …args` with extra environment.
 * @param {string[]} args
 * @param {Record<string, string>} env
 */
function spawnStandalone(args, env) {
  return spawn(process.execPath, ['emulator/standalone.js', ...args], {
    cwd: new URL('../..', import.meta.url),
    env: { ...process.env, ...env },
  });
}

describe('vite plugin', () => {
  /** @type {string} */
  let root;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'corbado-emulator-vite-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>page</title>');
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('mounts the emulator in the dev server, and leaves other paths to Vite', async () => {
    const server = await createViteServer({
      configFile: false,
      root,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0 },
      plugins: [corbadoEmulator()],
    });
    await server.listen();
    try {
      const base = await baseOf(server.httpServer);
      await assertServesInit(base);
      assert.match(await (await fetch(`${base}/index.html`)).text(), /<title>page<\/title>/);
    } finally {
      await server.close();
    }
  });

  it('mounts the emulator in the preview server', async () => {
    const server = await preview({
      configFile: false,
      root,
      logLevel: 'silent',
      build: { outDir: root },
      preview: { host: '127.0.0.1', port: 0 },
      plugins: [corbadoEmulator()],
    });
    try {
      await assertServesInit(await baseOf(server.httpServer));
    } finally {
      await server.close();
    }
  });
});

describe('koa middleware', () => {
  it('answers emulator paths and passes the rest to the next middleware', async () => {
    const app = new Koa();
    app.use(emulatorKoaMiddleware(createEmulator()));
    app.use((ctx) => {
      ctx.body = 'next middleware';
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://localhost:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
      await assertServesInit(base);
      assert.equal(await (await fetch(`${base}/other`)).text(), 'next middleware');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

/** @param {any} httpServer */
async function baseOf(httpServer) {
  return `http://localhost:${httpServer.address().port}`;
}
