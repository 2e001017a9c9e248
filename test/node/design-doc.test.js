// @ts-check
/**
 * No file cites a document the repository lacks: every `docs/design.md` citation in the sources,
 * tests, scripts and bench names a section the design doc has (`docs/design.md "The flow"`), and
 * nothing cites the old, outside `DESIGN.md`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIRS = ['src', 'test', 'scripts', 'bench', 'emulator', 'kit', 'playground'];

/** @param {string} dir @returns {string[]} */
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'node_modules' || e.name.startsWith('.')
        ? []
        : files(join(dir, e.name))
      : /\.(ts|js|mjs|md)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );

test('every citation of the design doc names a section it has; none cites DESIGN.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/design.md'), 'utf8');
  const headings = new Set([...doc.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]?.trim() ?? ''));
  /** A cited name is a heading, or the start of one ("Request fields" of "Request fields and `clientInformation`"). */
  const has = (/** @type {string} */ name) => [...headings].some((h) => h === name || h.startsWith(`${name} `) || h.includes(name));
  const problems = [];
  let citations = 0;
  for (const file of DIRS.flatMap((d) => files(join(ROOT, d)))) {
    if (file.endsWith('design-doc.test.js')) continue;
    const text = readFileSync(file, 'utf8');
    const where = relative(ROOT, file);
    if (/(?<![\w/])DESIGN\.md/.test(text)) problems.push(`${where}: cites DESIGN.md, which the repository lacks`);
    // `docs/design.md, "A", "B"` or `docs/design.md "A"`: the quoted names right after the citation.
    for (const m of text.matchAll(/docs\/design\.md,?((?:\s*,?\s*"[^"\n]+")*)/g)) {
      citations++;
      for (const [, name] of (m[1] ?? '').matchAll(/"([^"\n]+)"/g)) if (name && !has(name)) problems.push(`${where}: no section "${name}"`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(citations >= 10, `found only ${citations} citations: the pattern no longer matches`);
});
