// All a React app needs in its Vite config for corbado-append: React's plugin. `corbado-append`
// and `corbado-append/react` resolve as installed (here through the package's own exports, to
// the npm build in dist/esm); scripts/build-examples.js builds this folder into dist/.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
});
