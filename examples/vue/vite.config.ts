// What a Vue app needs in its Vite config for corbado-append: Vue's plugin, told that the tag is a
// custom element. `corbado-append` resolves as installed (here through the package's own exports,
// to the npm build in dist/esm); scripts/build-examples.js builds this folder into dist/.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    vue({
      // <corbado-append> is a custom element, not a Vue component.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'corbado-append' } },
    }),
  ],
});
