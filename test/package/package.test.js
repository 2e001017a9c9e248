// @ts-check
/**
 * The package as a customer gets it: `npm pack` (which builds, `prepack`), the tarball installed
 * into a fresh copy of test/fixtures/integrator-app outside this repository (so nothing resolves
 * from our node_modules), then that app's own type check and its own Playwright test of
 * login → passkey append with corbado-append/emulator and corbado-append/testing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/integrator-app');
const exec = promisify(execFile);
// `npm test` runs each suite with `npm run --silent`, whose loglevel its children inherit: set
// npm's own default back, or its warnings (what these tests look for) would not be printed.
const NPM_ENV = { npm_config_loglevel: 'notice', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

/**
 * Runs a command; resolves with its output (stdout + stderr) whatever its status.
 * @param {string} cmd @param {string[]} args @param {string} cwd
 */
async function run(cmd, args, cwd) {
  try {
    const { stdout, stderr } = await exec(cmd, args, { cwd, env: { ...process.env, ...NPM_ENV }, maxBuffer: 64 << 20 });
    return { status: 0, output: stdout + stderr };
  } catch (err) {
    const e = /** @type {{code?: number, stdout?: string, stderr?: string}} */ (err);
    return { status: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** `npm warn …` lines of an npm run. @param {string} output */
const npmWarnings = (output) => output.split('\n').filter((line) => /^npm (warn|WARN)/.test(line));

/** @type {string} */ let dir;
/** @type {string} */ let tarball;
/** @type {string} */ let app;
/** @type {{status: number, output: string}} */ let install;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corbado-append-package-'));
  const pack = await run('npm', ['pack', '--pack-destination', dir], ROOT);
  assert.equal(pack.status, 0, pack.output);
  const { name, version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  tarball = join(dir, `${name}-${version}.tgz`);
  app = join(dir, 'integrator-app');
  await cp(FIXTURE, app, { recursive: true, filter: (src) => !/node_modules|test-results/.test(src) });
  install = await run('npm', ['install', '--prefer-offline', tarball], app);
});

after(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

test('the tarball holds the builds, the kit, the emulator and the docs, and nothing else', async () => {
  const { output } = await run('tar', ['-tzf', tarball], dir);
  const files = output
    .trim()
    .split('\n')
    .map((f) => f.replace(/^package\//, ''));
  for (const f of [
    'package.json',
    'README.md',
    'LICENSE',
    'custom-elements.json',
    'dist/corbado-append.min.js',
    'dist/esm/index.js',
    'dist/esm/react.js',
    'dist/types/index.d.ts',
    'dist/types/react.d.ts',
    'dist/esm/svelte.js',
    'dist/types/svelte.d.ts',
    'kit/emulator.js',
    'kit/emulator.types.d.ts',
    'kit/testing.js',
    'kit/testing.types.d.ts',
    'emulator/standalone.js',
    'emulator/core.js',
    'api/connect-append.openapi.yaml',
  ]) {
    assert.ok(files.includes(f), `${f} missing from the tarball`);
  }
  const stray = files.filter(
    (f) =>
      !/^(package\.json|README\.md|LICENSE|custom-elements\.json|api\/connect-append\.openapi\.yaml|dist\/.+|kit\/.+|emulator\/[\w-]+\.js)$/.test(
        f,
      ),
  );
  assert.deepEqual(stray, []);
});

test('npm publish --dry-run is clean', async () => {
  // --ignore-scripts: `npm pack` above has just built; prepack would build again.
  const { status, output } = await run('npm', ['publish', '--dry-run', '--ignore-scripts'], ROOT);
  assert.equal(status, 0, output);
  assert.match(output, /\+ corbado-append@\d+\.\d+\.\d+/);
  // Not logged in to a registry here, by design: npm says so even for a dry run.
  const warnings = npmWarnings(output).filter((line) => !/requires you to be logged in/.test(line));
  assert.deepEqual(warnings, []);
});

test('installing the tarball into a fresh app prints no warning (install scripts, peers, deprecations)', () => {
  assert.equal(install.status, 0, install.output);
  assert.deepEqual(npmWarnings(install.output), []);
});

test("this repository's own install has no install script left unreviewed (package.json allowScripts)", async () => {
  const { status, output } = await run('npm', ['install-scripts', 'ls'], ROOT);
  assert.equal(status, 0, output);
  assert.match(output, /No packages with unreviewed install scripts/);
});

test('the drop-in resolves inside the package: corbado-append/corbado-append.min.js', async () => {
  const script =
    "import { fileURLToPath } from 'node:url'; process.stdout.write(fileURLToPath(import.meta.resolve('corbado-append/corbado-append.min.js')))";
  const { status, output } = await run(process.execPath, ['--input-type=module', '-e', script], app);
  assert.equal(status, 0, output);
  assert.ok(output.startsWith(join(app, 'node_modules/corbado-append/dist/')), output);
  const dropIn = await readFile(output, 'utf8');
  assert.match(dropIn, /customElements\.define\(["']corbado-append["']/);
  assert.doesNotMatch(dropIn, /^\s*(import|export)\s/m, 'a classic script, not a module');
});

describe('the fresh app', { concurrency: true }, () => {
  test('type-checks against the package: the element, its events, the React wrapper, the kit (tsc)', async () => {
    const { status, output } = await run('npx', ['--no-install', 'tsc', '-p', '.'], app);
    assert.equal(status, 0, output);
  });

  test('passes its own Playwright test of login → passkey append, offline, with the kit', async () => {
    const { status, output } = await run('npx', ['--no-install', 'playwright', 'test'], app);
    assert.equal(status, 0, output);
    assert.match(output, /\b3 passed\b/, output);
  });
});
