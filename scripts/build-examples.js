#!/usr/bin/env node
// @ts-check
/**
 * `npm run build:examples`: builds examples/react and examples/vue with Vite (each from its own
 * vite.config.ts) into examples/<name>/dist, against the npm build in dist/esm — run
 * `npm run build` first. examples/script-tag needs no build (it loads dist/corbado-append.min.js).
 *
 *   --if-stale   skip an example whose dist is newer than its sources and dist/esm
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
export const FRAMEWORK_EXAMPLES = ['react', 'vue'];

/** @param {string} p @param {(name: string) => boolean} [skip] @returns {number} */
function newest(p, skip = () => false) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(
    0,
    ...readdirSync(p)
      .filter((e) => !skip(e))
      .map((e) => newest(join(p, e), skip)),
  );
}

const ifStale = process.argv.includes('--if-stale');
if (!existsSync(join(root, 'dist/esm/index.js'))) {
  console.error('build-examples: dist/esm/index.js missing; run `npm run build` first');
  process.exit(1);
}
for (const name of FRAMEWORK_EXAMPLES) {
  const dir = join(root, 'examples', name);
  const out = join(dir, 'dist/index.html');
  const inputs = Math.max(
    newest(dir, (e) => e === 'dist'),
    newest(join(root, 'dist/esm')),
    newest(join(root, 'package-lock.json')),
  );
  if (ifStale && existsSync(out) && statSync(out).mtimeMs > inputs) {
    console.log(`build-examples: examples/${name}/dist is up to date`);
    continue;
  }
  const t0 = Date.now();
  await build({ configFile: join(dir, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`build-examples: examples/${name}/dist (${Date.now() - t0} ms)`);
}
