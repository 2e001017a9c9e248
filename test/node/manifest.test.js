// @ts-check
/**
 * The committed custom-elements.json is what the sources say now: the analyzer run afresh (with the
 * contract plugin, custom-elements-manifest.config.mjs) writes the same manifest. It is published,
 * and the kit's event recorder and the README's API table are read from it: a stale one would tell
 * integrators an old contract. To refresh it: `npm run build:manifest`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join('.typecheck', `manifest-${process.pid}`);

test('custom-elements.json is up to date with the sources (npm run build:manifest)', async () => {
  await mkdir(join(ROOT, OUT), { recursive: true });
  try {
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/cem'), ['analyze', '--litelement', '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, CEM_OUTDIR: OUT },
    });
    const fresh = JSON.parse(await readFile(join(ROOT, OUT, 'custom-elements.json'), 'utf8'));
    const committed = JSON.parse(await readFile(join(ROOT, 'custom-elements.json'), 'utf8'));
    assert.deepEqual(committed, fresh);
  } finally {
    await rm(join(ROOT, OUT), { recursive: true, force: true });
  }
});
