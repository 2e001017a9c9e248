/**
 * The languages (src/components/locales/*.ts): each one complete — every key of English, no
 * other — with no text left in English, the `{name}` placeholder kept where English has it, and
 * the list the element loads from (`LANGUAGES`) equal to the files shipped. (The built files:
 * test/node/locales.test.js.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LANGUAGES } from '../../src/components/messages.js';
import { en, type AppendStrings } from '../../src/strings.js';
import de from '../../src/components/locales/de.js';
import es from '../../src/components/locales/es.js';
import fr from '../../src/components/locales/fr.js';
import it_ from '../../src/components/locales/it.js';
import ja from '../../src/components/locales/ja.js';
import nl from '../../src/components/locales/nl.js';
import pl from '../../src/components/locales/pl.js';
import pt from '../../src/components/locales/pt.js';

const SHIPPED: Record<string, AppendStrings> = { de, es, fr, it: it_, ja, nl, pl, pt };
const keys = Object.keys(en).sort();

describe('languages', () => {
  it('the element loads exactly the languages shipped (English is built in)', () => {
    assert.deepEqual([...LANGUAGES].sort(), Object.keys(SHIPPED).sort());
  });

  for (const [lang, strings] of Object.entries(SHIPPED)) {
    it(`${lang}: every key of English and no other; no text left in English; placeholders and ellipses kept`, () => {
      assert.deepEqual(Object.keys(strings).sort(), keys, `${lang} keys`);
      for (const key of keys as (keyof AppendStrings)[]) {
        const text = strings[key];
        assert.ok(typeof text === 'string' && text !== '', `${lang}.${key}: a text`);
        assert.notEqual(text, en[key], `${lang}.${key} is the English text`);
        assert.equal(text.includes('{name}'), en[key].includes('{name}'), `${lang}.${key}: {name}`);
        assert.equal(text.trim(), text, `${lang}.${key}: no stray spaces`);
        // Busy texts end in an ellipsis in every language (they are read as "in progress").
        if (en[key].endsWith('…')) assert.equal(text.endsWith('…'), true, `${lang}.${key}: …`);
      }
    });
  }

  it('no language reuses one text for two keys (one text per variant, no phrase repeated)', () => {
    for (const [lang, strings] of Object.entries({ en, ...SHIPPED })) {
      const seen = new Map<string, string>();
      for (const [key, text] of Object.entries(strings)) {
        assert.equal(seen.get(text), undefined, `${lang}: ${key} repeats ${seen.get(text)}`);
        seen.set(text, key);
      }
      assert.equal(strings.defaultText.includes(strings.defaultTitle), false, `${lang}: the text repeats the title`);
    }
  });
});
