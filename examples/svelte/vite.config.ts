// All a Svelte app needs in its Vite config for corbado-append: Svelte's plugin. `corbado-append`
// and `corbado-append/svelte` resolve as installed (here through the package's own exports, to
// the npm build in dist/esm); scripts/build-examples.js builds this folder into dist/.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // configFile: false: the compiler options are here, no svelte.config.js.
  plugins: [svelte({ configFile: false })],
});
