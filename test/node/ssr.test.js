// @ts-check
/**
 * The npm build under Node without a DOM (server-side rendering, static site generation, tests
 * that import the package): importing it must not throw, and must not need `window`/`document`.
 * Runs on dist/ (`npm run test:node` builds it first when stale).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

const dist = new URL('../../dist/', import.meta.url);

test('dist/esm/index.js imports under Node without a DOM', async () => {
  assert.ok(existsSync(new URL('esm/index.js', dist)), 'dist/esm/index.js missing: run npm run build');
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
  const mod = await import(new URL('esm/index.js', dist).href);
  assert.equal(typeof mod.CorbadoAppend, 'function');
  assert.equal(typeof mod.CorbadoAppendError, 'function');
  const err = new mod.CorbadoAppendError('config-invalid', 'x');
  assert.equal(err.code, 'config-invalid');
  assert.equal(err.recoverable, false);
  // Importing twice (two bundles on one page, or a re-import) is harmless.
  await import(`${new URL('esm/index.js', dist).href}?again`);
});

test('dist/esm/react.js imports and server-renders under Node', async () => {
  const mod = await import(new URL('esm/react.js', dist).href);
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const html = renderToString(React.createElement(mod.CorbadoAppend, { projectId: 'pro-ssr', onCorbadoAppendReady: () => {} }));
  assert.match(html, /^<corbado-append[^>]*><\/corbado-append>$/);
});

test('the drop-in file exists and is a classic script (no import/export statements)', async () => {
  const { readFile } = await import('node:fs/promises');
  const code = await readFile(new URL('corbado-append.min.js', dist), 'utf8');
  assert.doesNotMatch(code, /^\s*(import|export)\s/m);
  assert.match(code, /customElements\.define\("corbado-append"/);
});
