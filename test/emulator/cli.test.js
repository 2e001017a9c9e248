/**
 * `npm run emulator`: the forms of `--origin` that work (through the real npm), and the hints that
 * keep a missing or wrong origin from failing silently.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { readCliOptions } from '../../emulator/cli.js';

const ROOT = new URL('../..', import.meta.url);
const DEFAULT = 'http://localhost:5173';

/**
 * Starts the emulator as a user would, on a free port; resolves once it listens.
 * @param {string} command `node` or `npm`
 * @param {string[]} args
 */
function start(command, args) {
  // Its own process group: npm runs the script through a shell, and a signal to npm alone would
  // leave the emulator running.
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, PORT: '0', ALLOW_ORIGIN: '' }, detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  /** @type {Promise<string>} the emulator's URL */
  const url = new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const found = stdout.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      if (found) setTimeout(() => resolve(found), 50); // the notes come in the same write
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return {
    url,
    output: () => ({ stdout, stderr }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve(undefined);
        child.once('exit', resolve);
        process.kill(-child.pid, 'SIGTERM');
      }),
  };
}

/** @param {string} base @param {string} origin */
const preflight = (base, origin) =>
  fetch(`${base}/v2/connect/append/init`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });

describe('npm run emulator', () => {
  it('`npm run emulator -- --origin …`: CORS for that origin, no note', async () => {
    const emu = start('npm', ['run', '--silent', 'emulator', '--', '--origin', 'http://localhost:8123']);
    try {
      const res = await preflight(await emu.url, 'http://localhost:8123');
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:8123');
      assert.doesNotMatch(emu.output().stdout, /No --origin|bare argument/);
    } finally {
      await emu.stop();
    }
  });

  it('`npm run emulator --origin …` (npm keeps the flag, hands over the URL) works, with a note on the reliable form', async () => {
    const emu = start('npm', ['run', '--silent', 'emulator', '--origin', 'http://localhost:8124']);
    try {
      const res = await preflight(await emu.url, 'http://localhost:8124');
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:8124');
      assert.match(emu.output().stdout, /npm run emulator -- --origin http:\/\/localhost:8124/);
    } finally {
      await emu.stop();
    }
  });

  it('`npm run emulator --origin=…` (npm_config_origin) works too', async () => {
    const emu = start('npm', ['run', '--silent', 'emulator', '--origin=http://localhost:8125']);
    try {
      const res = await preflight(await emu.url, 'http://localhost:8125');
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:8125');
    } finally {
      await emu.stop();
    }
  });

  it('without --origin: says which origin it allows and how to change it; a page elsewhere gets a hint, once', async () => {
    const emu = start('node', ['emulator/standalone.js']);
    try {
      const base = await emu.url;
      assert.match(emu.output().stdout, new RegExp(`No --origin given: CORS allows only ${DEFAULT}`));
      for (let i = 0; i < 2; i++) await preflight(base, 'http://localhost:9999');
      await fetch(`${base}/emulator/scenario`, { headers: { origin: DEFAULT } });
      await new Promise((r) => setTimeout(r, 100));
      const hints = emu.output().stderr.match(/Restart with: npm run emulator -- --origin http:\/\/localhost:9999/g) ?? [];
      assert.equal(hints.length, 1, emu.output().stderr);
      assert.doesNotMatch(emu.output().stderr, /localhost:5173 called/);
    } finally {
      await emu.stop();
    }
  });

  it('a page on 127.0.0.1 is pointed to localhost, not to an --origin where passkeys fail', async () => {
    const emu = start('node', ['emulator/standalone.js', '--origin', 'http://localhost:9998']);
    try {
      await preflight(await emu.url, 'http://127.0.0.1:9998');
      await new Promise((r) => setTimeout(r, 100));
      const { stderr } = emu.output();
      assert.match(
        stderr,
        /Open the page as http:\/\/localhost:9998 .*restart with: npm run emulator -- --origin http:\/\/localhost:9998/,
        stderr,
      );
      assert.doesNotMatch(stderr, /--origin http:\/\/127\.0\.0\.1/);
    } finally {
      await emu.stop();
    }
  });

  it('`npm run emulator -- --help` prints the usage and exits 0', async () => {
    const child = spawn('npm', ['run', '--silent', 'emulator', '--', '--help'], { cwd: ROOT });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    assert.equal(await new Promise((resolve) => child.once('exit', resolve)), 0);
    assert.match(stdout, /^Usage: npm run emulator -- --origin <page origin>/);
    assert.match(stdout, /not 127\.0\.0\.1/);
  });

  it('a bad origin or port is a clear error and exit status 2', async () => {
    for (const args of [
      ['--origin', 'localhost:8080'],
      ['--port', 'x'],
      ['a', 'b'],
    ]) {
      const child = spawn(process.execPath, ['emulator/standalone.js', ...args], { cwd: ROOT });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise((resolve) => child.once('exit', resolve));
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^Corbado Frontend API emulator: .*(origin|port|usage)/, stderr);
    }
  });

  it('the errors say what to do: a scheme-less origin gets its http:// form, an unknown option is named (no advice to quote it)', () => {
    assert.throws(() => readCliOptions(['--origin', 'localhost:8080'], {}, DEFAULT), /did you mean http:\/\/localhost:8080\?/);
    assert.throws(() => readCliOptions(['--bogus'], {}, DEFAULT), /^Error: unknown option --bogus$/);
    assert.equal(readCliOptions(['-h'], {}, DEFAULT).help, true);
  });
});

describe('readCliOptions', () => {
  it('--origin wins over a bare argument, npm_config_origin and ALLOW_ORIGIN; origins are normalised', () => {
    const env = { npm_config_origin: 'http://localhost:2', ALLOW_ORIGIN: 'http://localhost:3' };
    assert.equal(readCliOptions(['--origin', 'http://localhost:1/x?y'], env, DEFAULT).allowOrigin, 'http://localhost:1');
    assert.equal(readCliOptions(['http://localhost:4'], env, DEFAULT).originFrom, 'argument');
    assert.equal(readCliOptions([], env, DEFAULT).originFrom, 'npm_config_origin');
    assert.equal(readCliOptions([], { ALLOW_ORIGIN: 'http://localhost:3' }, DEFAULT).allowOrigin, 'http://localhost:3');
    assert.equal(readCliOptions([], {}, DEFAULT).originFrom, 'default');
  });

  it('port: --port, else PORT, else 8787; 0 means a free one', () => {
    assert.equal(readCliOptions(['--port', '0'], { PORT: '9' }, DEFAULT).port, 0);
    assert.equal(readCliOptions([], { PORT: '0' }, DEFAULT).port, 0);
    assert.equal(readCliOptions([], { PORT: '' }, DEFAULT).port, 8787);
    assert.throws(() => readCliOptions(['--port', '70000'], {}, DEFAULT), /not a TCP port/);
  });

  it('warns that a page on 127.0.0.1 cannot create passkeys', () => {
    const { notes } = readCliOptions(['--origin', 'http://127.0.0.1:8080'], {}, DEFAULT);
    assert.ok(
      notes.some((n) => /127\.0\.0\.1 cannot create passkeys.*localhost/.test(n)),
      notes.join('\n'),
    );
  });
});
