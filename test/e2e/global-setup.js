// @ts-check
/**
 * Playwright global setup: the playground's Vite dev server (same-origin emulator) on a port the
 * OS picks, so two copies of the project can run `npm test` side by side. Its URL reaches the
 * workers through `E2E_BASE_URL` (workers inherit the environment of the main process).
 */
import { startServer } from '../../bench/server.js';

export default async function globalSetup() {
  const server = await startServer({ cacheDir: 'node_modules/.vite-e2e' });
  process.env.E2E_BASE_URL = server.url;
  return () => server.close();
}
