// Builds the React example against the npm build in dist/esm (what `npm i corbado-append` gives):
// `corbado-append` and `corbado-append/react` point there; lit, @lit/react and react resolve
// from the repo's node_modules as a consumer's bundler would resolve them.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const dist = (p: string) => fileURLToPath(new URL(`../../dist/esm/${p}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^corbado-append\/react$/, replacement: dist('react.js') },
      { find: /^corbado-append$/, replacement: dist('index.js') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
