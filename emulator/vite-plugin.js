/**
 * Vite plugin mounting the Corbado Frontend API emulator into the dev server and the preview
 * server (same origin as the page, so rp.id `localhost` works).
 *
 * @example
 * // vite.config.ts
 * import corbadoEmulator from './emulator/vite-plugin.js';
 * export default { plugins: [corbadoEmulator()] };
 */
import { createEmulator } from './core.js';

/**
 * @param {import('./core.js').EmulatorOptions} [opts] passed to `createEmulator`
 * @returns {import('vite').Plugin}
 */
export default function corbadoEmulator(opts) {
  const emulator = createEmulator(opts);
  /** @param {{middlewares: import('vite').Connect.Server}} server */
  const mount = (server) => {
    server.middlewares.use((req, res, next) => {
      emulator.handle(req, res).then((handled) => handled || next(), next);
    });
  };
  return {
    name: 'corbado-emulator',
    configureServer: mount,
    configurePreviewServer: mount,
  };
}
