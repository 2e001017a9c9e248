/**
 * The languages (src/components/locales/*.ts): each one complete — every key of English, no
 * other — with no text left in English, the `{name}` placeholder kept where English has it, and
 * the list the element loads from (`LANGUAGES`) equal to the files shipped.
 */
import { expect } from '@open-wc/testing';
import { LANGUAGES, en, type AppendStrings } from '../../src/components/messages.js';
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
    expect([...LANGUAGES].sort()).to.deep.equal(Object.keys(SHIPPED).sort());
  });

  for (const [lang, strings] of Object.entries(SHIPPED)) {
    it(`${lang}: every key of English and no other; no text left in English; placeholders and ellipses kept`, () => {
      expect(Object.keys(strings).sort(), `${lang} keys`).to.deep.equal(keys);
      for (const key of keys as (keyof AppendStrings)[]) {
        const text = strings[key];
        expect(text, `${lang}.${key}`).to.be.a('string').and.not.equal('');
        expect(text, `${lang}.${key} is the English text`).to.not.equal(en[key]);
        expect(text.includes('{name}'), `${lang}.${key}: {name}`).to.equal(en[key].includes('{name}'));
        expect(text.trim(), `${lang}.${key}: no stray spaces`).to.equal(text);
        // Busy texts end in an ellipsis in every language (they are read as "in progress").
        if (en[key].endsWith('…')) expect(text.endsWith('…'), `${lang}.${key}: …`).to.equal(true);
      }
    });
  }

  it('no language reuses one text for two keys (one text per variant, no phrase repeated)', () => {
    for (const [lang, strings] of Object.entries({ en, ...SHIPPED })) {
      const seen = new Map<string, string>();
      for (const [key, text] of Object.entries(strings)) {
        expect(seen.get(text), `${lang}: ${key} repeats ${seen.get(text)}`).to.equal(undefined);
        seen.set(text, key);
      }
      expect(strings.defaultText.includes(strings.defaultTitle), `${lang}: the text repeats the title`).to.equal(false);
    }
  });
});
