// Builds the Svelte example against the npm build in dist/esm (what `npm i corbado-append` gives).
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const dist = (p: string) => fileURLToPath(new URL(`../../dist/esm/${p}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // configFile: false: the compiler options are here, no svelte.config.js.
  plugins: [svelte({ configFile: false })],
  resolve: {
    alias: [
      { find: /^corbado-append\/svelte$/, replacement: dist('svelte.js') },
      { find: /^corbado-append$/, replacement: dist('index.js') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
