// @ts-check
/**
 * The built language files (scripts/locales-plugin.js): for every language a classic script beside
 * the drop-in (dist/locales/<lang>.js, also loadable as a module) and an ES module beside the npm
 * build (dist/esm/locales/<lang>.js), each with every key of English, ASCII only, registering
 * itself with `<corbado-append>` once it is defined — and importable under Node without a DOM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import vm from 'node:vm';

const dist = new URL('../../dist/', import.meta.url);
const LANGS = ['de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt'];

for (const lang of LANGS) {
  test(`${lang}: dist/locales/${lang}.js is a classic script that registers every text once the element is defined`, async () => {
    const code = await readFile(new URL(`locales/${lang}.js`, dist), 'utf8');
    assert.doesNotMatch(code, /^\s*(import|export)\s/m);
    assert.doesNotMatch(code, /[^\t\n\x20-\x7e]/, 'printable ASCII only: reads the same in any charset');
    const registered = /** @type {[string, Record<string, string>][]} */ ([]);
    const element = { addLocale: (/** @type {string} */ l, /** @type {Record<string, string>} */ s) => registered.push([l, s]) };
    const customElements = {
      whenDefined: (/** @type {string} */ name) => (assert.equal(name, 'corbado-append'), Promise.resolve(element)),
    };
    vm.runInNewContext(code, { customElements });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(registered.length, 1);
    assert.equal(registered[0]?.[0], lang);
    // The same texts as the ES module (the unit tests check them against English, key by key).
    const mod = await import(new URL(`esm/locales/${lang}.js`, dist).href);
    assert.equal(JSON.stringify(registered[0]?.[1]), JSON.stringify(mod.default)); // (another realm: compared as JSON)
  });

  test(`${lang}: dist/esm/locales/${lang}.js is an ES module with a default export, harmless under Node`, async () => {
    const mod = await import(new URL(`esm/locales/${lang}.js`, dist).href);
    const classic = await readFile(new URL(`locales/${lang}.js`, dist), 'utf8');
    assert.equal(typeof mod.default.defaultTitle, 'string');
    assert.ok(
      classic.includes(
        JSON.stringify(mod.default.defaultTitle).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      ),
    );
  });
}

test('German is not in the drop-in any more (English only is built in)', async () => {
  const code = await readFile(new URL('corbado-append.min.js', dist), 'utf8');
  assert.match(code, /Create passkey/);
  assert.doesNotMatch(code, /Passkey erstellen/);
});
