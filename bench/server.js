/**
 * The Vite dev server with the repo's vite.config.ts (playground + same-origin emulator), on a
 * free port chosen by the OS, without file watching or HMR (others may edit the tree while the
 * bench runs; a reload would break a measurement) and with its own dependency cache.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {{cacheDir?: string}} [opts] cacheDir: Vite's dependency cache (default `.bench/vite-cache`)
 * @returns {Promise<{url: string, close: () => Promise<void>}>} `url` without trailing slash
 */
export async function startServer({ cacheDir = `${ROOT}.bench/vite-cache` } = {}) {
  const server = await createServer({
    root: ROOT,
    configFile: `${ROOT}vite.config.ts`,
    cacheDir,
    logLevel: 'warn',
    clearScreen: false,
    server: { host: 'localhost', port: 0, strictPort: true, hmr: false, watch: null },
    // Pre-bundle what the playground imports; do not crawl every HTML file of the tree.
    optimizeDeps: { entries: ['index.html'] },
  });
  await server.listen();
  // Listening on a TCP port (not a pipe): the address is an AddressInfo.
  const { port } = /** @type {import('node:net').AddressInfo} */ (/** @type {import('node:http').Server} */ (server.httpServer).address());
  return { url: `http://localhost:${port}`, close: () => server.close() };
}
