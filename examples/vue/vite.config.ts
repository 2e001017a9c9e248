// Builds the Vue example against the npm build in dist/esm (what `npm i corbado-append` gives).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [
    vue({
      // <corbado-append> is a custom element, not a Vue component.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'corbado-append' } },
    }),
  ],
  resolve: {
    alias: [{ find: /^corbado-append$/, replacement: fileURLToPath(new URL('../../dist/esm/index.js', import.meta.url)) }],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
