// Vite. `npm start`: the playground with the Corbado Frontend API emulator mounted on the same
// origin (so rp.id `localhost` works). `vite build` (npm run build:esm): the npm build in
// dist/esm/ — ES modules, not minified, dependencies left as imports. The drop-in has its own
// config: vite.drop-in.config.ts.
import { defineConfig } from 'vite';
import corbadoEmulator from './emulator/vite-plugin.js';
import { localeFiles } from './scripts/locales-plugin.js';

/** Imports that stay imports in the npm build (dependencies and peer dependencies). */
const EXTERNAL = /^(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/react|@simplewebauthn\/browser|react|react-dom)(\/|$)/;

export default defineConfig({
  server: {
    host: 'localhost',
    // `PORT=0`: a free port chosen by the OS (printed by Vite).
    port: process.env.PORT ? Number(process.env.PORT) : 5173,
    strictPort: true,
  },
  // Pre-bundle what the playground needs, not the examples (built separately against dist/).
  optimizeDeps: { entries: ['index.html'] },
  // dist/esm/locales/<lang>.js: the other languages, ES modules beside index.js (build only).
  plugins: [corbadoEmulator(), localeFiles('module')],
  build: {
    outDir: 'dist/esm',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    copyPublicDir: false,
    lib: { entry: { index: 'src/index.ts', react: 'src/react.ts', svelte: 'src/svelte.ts' }, formats: ['es'] },
    rolldownOptions: {
      external: (id) => EXTERNAL.test(id),
      // Lets the index entry hold the code both entries share, so react.js imports the element
      // from ./index.js instead of both importing a hashed chunk.
      preserveEntrySignatures: 'allow-extension',
    },
  },
});
