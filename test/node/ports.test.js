// @ts-check
/**
 * `PORT=0` means a free port for the servers a developer starts: `npm start` (the playground's
 * Vite dev server) as well as `npm run emulator` (test/emulator/cli.test.js). Two of them at once
 * get two ports; neither takes 5173.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Starts `npm start` with PORT=0; resolves with its URL and a stop function. */
function npmStart() {
  const child = spawn('npm', ['start', '--silent', '--', '--clearScreen', 'false'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' },
    detached: true, // npm runs vite through a shell: stop the whole group
  });
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  /** @type {Promise<string>} */
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Local:\s+(http:\/\/localhost:\d+)/.exec(out.replace(/\u001b\[[0-9;]*m/g, '')); // eslint-disable-line no-control-regex
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited ${code}: ${out}`)));
  });
  return { url, stop };
}

test('PORT=0 npm start, twice at once: two free ports, each serving the playground and its emulator', async () => {
  const servers = [npmStart(), npmStart()];
  try {
    const urls = await Promise.all(servers.map((s) => s.url));
    assert.notEqual(urls[0], urls[1]);
    for (const url of urls) {
      assert.doesNotMatch(url, /:5173$/);
      assert.match(await (await fetch(url)).text(), /<corbado-append|playground/i);
      assert.equal((await fetch(`${url}/emulator/scenario`)).status, 200);
    }
  } finally {
    for (const s of servers) s.stop();
  }
});
