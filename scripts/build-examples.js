#!/usr/bin/env node
// @ts-check
/**
 * `npm run build:examples`: builds each framework example in examples/<name>/dist with its own
 * toolchain, against the npm build in dist/ (run `npm run build` first, or at least build:esm and
 * build:types). examples/script-tag and examples/embed need no build (they load the drop-in);
 * examples/shared holds what every framework example takes from its URL and its "backend".
 *
 * - react, vue: Vite with the framework's plugin (examples/<name>/vite.config.ts, which holds only
 *   what an app of that framework needs; where and how this repository builds it is here, in
 *   `buildOne`).
 * - svelte: svelte-check (the template's use of <corbado-append> against corbado-append/svelte's
 *   typings), then Vite with @sveltejs/vite-plugin-svelte.
 * - angular: its own package.json and lockfile (the Angular CLI is too heavy for the root install):
 *   `npm ci` there when its node_modules is missing or older than its lockfile, this package
 *   linked in as node_modules/corbado-append, then `ng build` (which type-checks the template).
 *
 *   --if-stale   skip an example whose dist was built from the same inputs (a hash of its sources,
 *                dist/esm, dist/types and the lockfiles, kept in examples/<name>/dist/.inputs)
 *   --only a,b   build only these examples
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
export const FRAMEWORK_EXAMPLES = ['react', 'vue', 'svelte', 'angular'];
/** The caller's NODE_ENV: Vite's build() sets process.env.NODE_ENV = 'production' in this process. */
const NODE_ENV = process.env.NODE_ENV;
/** Folders that are outputs or installs, not sources. */
const NOT_SOURCES = new Set(['dist', 'node_modules', '.angular']);

/**
 * Feeds every file below p (path and content, in name order) into `hash`.
 * @param {import('node:crypto').Hash} hash @param {string} p @param {(name: string) => boolean} [skip]
 */
function hashTree(hash, p, skip = () => false) {
  if (!existsSync(p)) return;
  if (!statSync(p).isDirectory()) {
    hash.update(`${p.slice(root.length)}\0`).update(readFileSync(p));
    return;
  }
  for (const e of readdirSync(p).sort()) if (!skip(e)) hashTree(hash, join(p, e), skip);
}

/**
 * Runs a command in `cwd`, output shown; exits this script when it fails.
 * @param {string} cwd @param {string} cmd @param {string[]} args
 */
function run(cwd, cmd, args) {
  /** @type {NodeJS.ProcessEnv} */
  // npm test runs with --silent; npm's own warnings (an install script, a failure) should show here.
  const env = {
    ...process.env,
    NG_CLI_ANALYTICS: 'false',
    npm_config_loglevel: 'warn',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  if (NODE_ENV === undefined) delete env.NODE_ENV;
  else env.NODE_ENV = NODE_ENV;
  const { status } = spawnSync(cmd, args, { cwd, stdio: 'inherit', env });
  if (status !== 0) {
    console.error(`build-examples: ${cmd} ${args.join(' ')} failed (exit ${status}) in ${cwd}`);
    process.exit(1);
  }
}

/** The Angular example: install (when stale), link this package, `ng build`. @param {string} dir */
function buildAngular(dir) {
  const installed = join(dir, 'node_modules/.package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(dir, 'package-lock.json')).mtimeMs) {
    const t0 = Date.now();
    // --include=dev: the toolchain is in devDependencies, whatever NODE_ENV says.
    run(dir, 'npm', ['ci', '--include=dev', '--prefer-offline', '--no-audit', '--no-fund']);
    console.log(`build-examples: examples/angular npm ci (${Date.now() - t0} ms)`);
  }
  // As `npm i corbado-append` would put it there; resolved through the link, so lit & co. come
  // from this repository's node_modules.
  const link = join(dir, 'node_modules/corbado-append');
  if (existsSync(link) || lstatSync(link, { throwIfNoEntry: false })) rmSync(link, { recursive: true, force: true });
  symlinkSync('../../..', link, 'dir');
  run(dir, 'npx', ['--no-install', 'ng', 'build']);
}

/** @param {string} name @param {string} dir */
async function buildOne(name, dir) {
  if (name === 'angular') return buildAngular(dir);
  if (name === 'svelte') {
    run(root, 'npx', ['--no-install', 'svelte-check', '--tsconfig', join(dir, 'tsconfig.json'), '--fail-on-warnings', '--output', 'human']);
  }
  // From the example's folder into its dist/, with relative URLs (served from any path). Its
  // `corbado-append` imports resolve through this package's own exports (the example lies inside
  // it): dist/esm, as `npm i corbado-append` gives; lit & co. from this repository's node_modules.
  await build({
    configFile: join(dir, 'vite.config.ts'),
    root: dir,
    base: './',
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
    logLevel: 'warn',
  });
}

const ifStale = process.argv.includes('--if-stale');
const onlyArg = process.argv.indexOf('--only');
const selected = onlyArg > 0 ? process.argv[onlyArg + 1].split(',') : FRAMEWORK_EXAMPLES;
for (const f of ['dist/esm/index.js', 'dist/types/index.d.ts']) {
  if (!existsSync(join(root, f))) {
    console.error(`build-examples: ${f} missing; run \`npm run build\` first`);
    process.exit(1);
  }
}
for (const name of selected) {
  if (!FRAMEWORK_EXAMPLES.includes(name)) throw new Error(`build-examples: no example ${name} (${FRAMEWORK_EXAMPLES.join(', ')})`);
  const dir = join(root, 'examples', name);
  const stamp = join(dir, 'dist/.inputs');
  const hash = createHash('sha256');
  for (const d of [dir, join(root, 'examples/shared')]) hashTree(hash, d, (e) => NOT_SOURCES.has(e));
  for (const p of ['dist/esm', 'dist/types', 'package-lock.json']) hashTree(hash, join(root, p));
  const inputs = hash.digest('hex');
  if (ifStale && existsSync(join(dir, 'dist/index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) {
    console.log(`build-examples: examples/${name}/dist is up to date`);
    continue;
  }
  const t0 = Date.now();
  await buildOne(name, dir);
  writeFileSync(stamp, inputs);
  console.log(`build-examples: examples/${name}/dist (${Date.now() - t0} ms)`);
}
