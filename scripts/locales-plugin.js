// @ts-check
/**
 * Vite plugin: writes the language files beside the build's output — `locales/<lang>.js` for
 * every `src/components/locales/<lang>.ts` (each a default export of all `AppendStrings`).
 *
 *   localeFiles('script')  classic script (the drop-in's dist/locales/); also loads as a module
 *   localeFiles('module')  ES module with `export default` (dist/esm/locales/)
 *
 * Each file registers its texts once `<corbado-append>` is defined
 * (`customElements.whenDefined('corbado-append').then(c => c.addLocale(lang, strings))`), so it
 * works included by the page before or after the element, or imported by it (locale-loader.ts).
 * Non-ASCII is written as `\uXXXX`: the file reads the same whatever charset it is served with.
 */
import { readdir, readFile } from 'node:fs/promises';
import ts from 'typescript';

const DIR = new URL('../src/components/locales/', import.meta.url);

/** Every language file's tag and texts, read from the TypeScript sources (data only). */
export async function readLocales() {
  const langs = (await readdir(DIR)).filter((f) => /^[a-z]{2,3}\.ts$/.test(f)).map((f) => f.slice(0, -3));
  return Promise.all(
    langs.sort().map(async (lang) => {
      const source = await readFile(new URL(`${lang}.ts`, DIR), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      const mod = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
      return { lang, strings: /** @type {Record<string, string>} */ (mod.default) };
    }),
  );
}

/**
 * The text of one language file.
 * @param {string} lang
 * @param {Record<string, string>} strings
 * @param {'script' | 'module'} kind
 */
export function localeSource(lang, strings, kind) {
  const data = JSON.stringify(strings).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const register = `typeof customElements<"u"&&customElements.whenDefined("corbado-append").then(c=>c.addLocale?.(${JSON.stringify(lang)},s))`;
  const head = `/*! <corbado-append> texts: ${lang} */\n`;
  return kind === 'module' ? `${head}const s=${data};${register};export default s;\n` : `${head}(()=>{const s=${data};${register}})();\n`;
}

/**
 * @param {'script' | 'module'} kind
 * @returns {import('vite').Plugin}
 */
export function localeFiles(kind) {
  return {
    name: 'corbado-append-locales',
    apply: 'build',
    async generateBundle() {
      for (const { lang, strings } of await readLocales()) {
        this.emitFile({ type: 'asset', fileName: `locales/${lang}.js`, source: localeSource(lang, strings, kind) });
      }
    },
  };
}
