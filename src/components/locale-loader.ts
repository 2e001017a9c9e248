/**
 * Loads a language file from where the page loaded the element — never from another host:
 *
 * - the drop-in (a classic script): `locales/<lang>.js` beside `corbado-append.min.js`, the URL
 *   taken from its own `<script>` (`document.currentScript`, readable only while it first runs);
 * - the ES modules (`dist/esm/`): `./locales/<lang>.js` beside this module (`import.meta.url`);
 * - the sources (dev server, tests): `./locales/<lang>.ts`.
 *
 * Each is loaded with `import()` (a script-src fetch, no Trusted Types sink; the nonce of the
 * importing script carries over). A language file registers itself with the element once it is
 * defined (`customElements.whenDefined`), so it may also be included by the page, before or after
 * the element. Where the element was bundled into an app (no file beside it), nothing is found,
 * a warning is logged and English stays: import the language module there (README).
 */
import type { AppendStrings } from '../strings.js';

/** The drop-in's own `<script>`: set only while a classic script runs, so taken once, now. */
const script = typeof document === 'undefined' ? null : (document.currentScript as HTMLScriptElement | null);
/** This module's URL; `undefined` in the drop-in (its build defines it so). */
const moduleUrl: string | undefined = import.meta.url;
const requested = new Set<string>();

/** The URL of the language file `lang` (`de`), or undefined where the element cannot tell where it lives. */
export function localeUrl(lang: string): string | undefined {
  if (script?.src) return new URL(`locales/${lang}.js`, script.src).href;
  if (!moduleUrl) return undefined;
  return new URL(`./locales/${lang}.${/\.ts([?#]|$)/.test(moduleUrl) ? 'ts' : 'js'}`, moduleUrl).href;
}

/** Loads the language file `lang` once; `loaded` gets its texts when the file exports them. */
export function loadLocale(lang: string, loaded: (strings: AppendStrings) => void): void {
  const url = localeUrl(lang);
  if (!url || requested.has(lang)) return;
  requested.add(lang);
  import(/* @vite-ignore */ /* webpackIgnore: true */ url).then(
    (mod: { default?: AppendStrings }) => mod.default && loaded(mod.default),
    (e: unknown) => console.warn(`<corbado-append>: language file ${url} did not load; English is shown`, e),
  );
}
