// `npm run build:drop-in`: dist/corbado-append.min.js, the drop-in — one classic script (IIFE),
// everything bundled, the Lit templates and styles minified, then terser. It runs src/index.ts,
// which defines <corbado-append> once; an IIFE without `name` drops the entry's exports, so it
// adds no global. Empties dist/ first (the other builds write into it afterwards).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { localeFiles } from './scripts/locales-plugin.js';

const src = fileURLToPath(new URL('./src/', import.meta.url));

export default defineConfig({
  plugins: [
    {
      // html`` and css`` literals of our own sources, before TypeScript is stripped.
      ...minifyLiterals({ failOnError: true, filter: (id: string) => id.startsWith(src) && id.endsWith('.ts') }),
      enforce: 'pre',
    },
    // dist/locales/<lang>.js: the other languages, classic scripts beside the drop-in.
    localeFiles('script'),
  ],
  // A classic script has no import.meta: locale-loader.ts finds the drop-in by document.currentScript.
  define: { 'import.meta.url': 'undefined' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    copyPublicDir: false,
    modulePreload: false,
    minify: 'terser',
    // Measured on this bundle (gzip -9): oxc's minifier +130 B, esbuild's +480 B; terser with 5
    // passes, `unsafe`/`unsafe_arrows`/`unsafe_methods` or `toplevel` saves ≤ 50 B, and mangling
    // `_`-prefixed properties 110 B but would break Lit's cross-bundle `_$litType$` protocol.
    terserOptions: {
      ecma: 2020,
      safari10: false,
      compress: { passes: 3 },
      // The locale loader's import() keeps its ignore comments: a dev server or bundler that meets the
      // drop-in (Vite, webpack) must leave that import() alone, or it turns the classic script into a module.
      format: { comments: /@vite-ignore|webpackIgnore/ },
    },
    rolldownOptions: {
      input: 'src/index.ts',
      output: { format: 'iife', entryFileNames: 'corbado-append.min.js' },
    },
  },
});
