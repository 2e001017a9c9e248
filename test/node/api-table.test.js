// @ts-check
/**
 * The generated API documentation is current: custom-elements.json is what `cem analyze` makes of
 * src/ now, and README.md's API tables (between `<!-- api:start -->` and `<!-- api:end -->`) are
 * what scripts/api-table.js makes of that manifest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { apiSection, readApiSection } from '../../scripts/api-table.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const readJson = async (/** @type {string} */ file) => JSON.parse(await readFile(file, 'utf8'));

test('custom-elements.json is up to date with src/ (else: npm run build:manifest)', async () => {
  const out = await mkdtemp(join(tmpdir(), 'corbado-append-cem-'));
  try {
    const cem = join(dirname(require.resolve('@custom-elements-manifest/analyzer/package.json')), 'cem.js');
    // The analyzer reads custom-elements-manifest.config.mjs from the working directory and
    // resolves --outdir against it.
    await promisify(execFile)(process.execPath, [cem, 'analyze', '--litelement', '--quiet', '--outdir', relative(ROOT, out)], {
      cwd: ROOT,
    });
    assert.deepEqual(await readJson(join(ROOT, 'custom-elements.json')), await readJson(join(out, 'custom-elements.json')));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test("README.md's API tables are generated from custom-elements.json (else: npm run api-table -- --write)", async () => {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const section = readApiSection(readme);
  assert.ok(section !== undefined, 'README.md has no <!-- api:start --> … <!-- api:end --> part');
  assert.equal(section, apiSection(await readJson(join(ROOT, 'custom-elements.json'))));
});
