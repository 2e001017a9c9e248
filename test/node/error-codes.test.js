// @ts-check
/**
 * `src/errors.ts` is the one definition of the error codes: its doc list and its type union
 * name the same codes, and the README's error table says exactly what the doc list says.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const read = (/** @type {string} */ path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('error codes', () => {
  const source = read('src/errors.ts');
  const documented = [...source.matchAll(/^ \* - `([a-z-]+)`: (.+)$/gm)].map((m) => [m[1], m[2]]);
  const union = source.match(/export type CorbadoAppendErrorCode =([^;]+);/)?.[1] ?? '';
  const typed = [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);

  it('the doc list and the type union of src/errors.ts name the same codes, in the same order', () => {
    assert.ok(documented.length >= 10, 'the doc list is found');
    assert.deepEqual(
      documented.map(([code]) => code),
      typed,
    );
  });

  it("the README's error table mirrors the doc list word for word", () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('### Error codes'), readme.indexOf('### Styling'));
    const rows = [...section.matchAll(/^\| `([a-z-]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(rows, documented);
  });
});
