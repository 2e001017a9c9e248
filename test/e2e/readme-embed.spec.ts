/**
 * README "Embed in 2 minutes", as written: its commands (`npm run emulator -- --origin …`,
 * `npx sirv …`) start the servers, and its page — examples/embed/index.html, which the README
 * quotes verbatim (test/node/readme.test.js) — creates a passkey in Chromium with a virtual
 * authenticator. The only change: the ports (8080, 8787) become free ones, so the page is served
 * from a copy with the emulator's port put in. (`npm install && npm run build`, its first line,
 * is what `pretest:e2e` has done.)
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands, readmeBlocks, ROOT } from '../node/readme-blocks.js';
import { addVirtualAuthenticator } from './virtual-authenticator';

const [embed] = readmeBlocks().filter((b) => b.kind === 'embed');
const lines = commands(embed.code);
const EMULATOR = lines.find((l) => l.startsWith('npm run emulator'))!;
const SIRV = lines.find((l) => l.startsWith('npx sirv'))!;

const children: ChildProcess[] = [];
/** Starts a README command (its own process group, to stop npm and its children); resolves with `pattern`'s match. */
function start(line: string, cwd: string, pattern: RegExp, env: Record<string, string> = {}): Promise<RegExpExecArray> {
  const child = spawn('bash', ['-c', line], { cwd, env: { ...process.env, ...env }, detached: true });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const look = (d: Buffer) => {
      out += d;
      const m = pattern.exec(out.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')); // eslint-disable-line no-control-regex
      if (m) resolve(m);
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => reject(new Error(`${line} exited ${code}:\n${out}`)));
  });
}

let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corbado-readme-embed-'));
});
test.afterAll(async () => {
  for (const c of children) if (c.pid !== undefined && c.exitCode === null) process.kill(-c.pid, 'SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

/**
 * The README's two servers for a page on `host` (`localhost` as written, or `127.0.0.1`), and the
 * page's URL.
 */
async function embedPath(host: string) {
  expect(EMULATOR).toBe('npm run emulator -- --origin http://localhost:8080');
  expect(SIRV).toBe('npx sirv . --dev --host localhost --port 8080');
  const site = join(dir, host);
  await mkdir(join(site, 'examples/embed'), { recursive: true });
  await mkdir(join(site, 'dist'));
  await copyFile(join(ROOT, 'dist/corbado-append.min.js'), join(site, 'dist/corbado-append.min.js'));
  // sirv runs from the repository's node_modules, as `npx` does in the README.
  const sirv = SIRV.replace('npx sirv', join(ROOT, 'node_modules/.bin/sirv')).replace('--host localhost', `--host ${host}`);
  const [, sitePort] = await start(sirv.replace('--port 8080', '--port 0'), site, /Local:\s+http:\/\/[\w.]+:(\d+)/);
  const origin = `http://${host}:${sitePort}`;
  const [, apiPort] = await start(EMULATOR.replace('http://localhost:8080', origin), ROOT, /listening on http:\/\/127\.0\.0\.1:(\d+)/, {
    PORT: '0',
  });
  const page = await readFile(join(ROOT, 'examples/embed/index.html'), 'utf8');
  expect(page.match(/http:\/\/localhost:8787/g)).toHaveLength(2);
  await writeFile(join(site, 'examples/embed/index.html'), page.replaceAll('http://localhost:8787', `http://localhost:${apiPort}`));
  return { url: `${origin}/examples/embed/`, api: `http://localhost:${apiPort}` };
}

test('the README embed page on localhost: offered, a click creates a passkey, the emulator lists it', async ({ page, request }) => {
  const { url, api } = await embedPath('localhost');
  const auth = await addVirtualAuthenticator(page);
  try {
    await page.goto(url);
    const result = page.locator('#result');
    await expect(result).toHaveText('Offered a passkey.', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Create passkey' }).click();
    await expect(result).toHaveText('Passkey complete.');
    // "`curl localhost:8787/emulator/credentials` lists the new passkey"
    const { credentials } = (await (await request.get(`${api}/emulator/credentials`)).json()) as { credentials: { id: string }[] };
    expect(credentials.map((c) => c.id)).toEqual((await auth.getCredentials()).map((c) => c.credentialId));
    expect(credentials).toHaveLength(1);
  } finally {
    await auth.remove();
  }
});

test('the same page on 127.0.0.1 (as the README warns): the click ends in security-error', async ({ page }) => {
  const { url } = await embedPath('127.0.0.1');
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  const auth = await addVirtualAuthenticator(page);
  try {
    await page.goto(url);
    await expect(page.locator('#result')).toHaveText('Offered a passkey.', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Create passkey' }).click();
    await expect.poll(() => warnings.join('\n')).toContain('corbado-append security-error');
    expect(await auth.getCredentials()).toEqual([]);
  } finally {
    await auth.remove();
  }
});
