// Vite dev server for `npm start`: the playground with the Corbado Frontend API emulator mounted
// on the same origin (so rp.id `localhost` works). Build settings are added separately.
import { defineConfig } from 'vite';
import corbadoEmulator from './emulator/vite-plugin.js';

export default defineConfig({
  server: {
    host: 'localhost',
    port: Number(process.env.PORT) || 5173,
    strictPort: true,
  },
  // Pre-bundle what the playground needs, not the examples (built separately against dist/).
  optimizeDeps: { entries: ['index.html'] },
  plugins: [corbadoEmulator()],
});
