/**
 * What users load: the bench pages built for production (Vite, minified; the drop-in as
 * `npm run build` wrote it), served by a plain static server with the emulator on the same
 * origin (so rp.id `localhost` works), on a free port. No dev server, no transform on request.
 *
 * Pages (bench/pages/): offer-floor.html (three bare fetch() calls), offer-drop-in.html (the
 * drop-in by a classic <script> tag), offer-corbado.html (Corbado's @corbado/web-core), and
 * cycles.html (the mount/unmount cycles; the bench adds the drop-in beside it by a classic script).
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';
import { createEmulator } from '../emulator/core.js';
import { ROOT } from './server.js';

export const WWW = `${ROOT}.bench/www`;
export const OFFER_PAGES = ['offer-floor', 'offer-drop-in', 'offer-corbado'];
const PAGES = [...OFFER_PAGES, 'cycles'];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/**
 * Build the bench pages into `.bench/www/` and put the drop-in beside them.
 * @param {string} dropInFile dist/corbado-append.min.js
 */
export async function buildPages(dropInFile) {
  await build({
    root: `${ROOT}bench/pages`,
    configFile: false,
    logLevel: 'error',
    mode: 'production',
    build: {
      outDir: WWW,
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: false,
      rolldownOptions: { input: Object.fromEntries(PAGES.map((p) => [p, `${ROOT}bench/pages/${p}.html`])) },
    },
  });
  for (const p of PAGES) if (!existsSync(`${WWW}/${p}.html`)) throw new Error(`bench: the page build wrote no ${p}.html`);
  copyFileSync(dropInFile, `${WWW}/corbado-append.min.js`);
}

/**
 * The static server (files of `.bench/www/`, read once per request, no cache headers) with the
 * emulator mounted first.
 * @returns {Promise<{url: string, close: () => Promise<void>}>} `url` without trailing slash
 */
export async function startStaticServer() {
  const emulator = createEmulator();
  const server = createServer((req, res) => {
    emulator.handle(req, res).then((handled) => {
      if (handled) return;
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      const file = join(WWW, path);
      if (!file.startsWith(WWW) || !existsSync(file) || extname(file) === '') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
        return;
      }
      const type = TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(file));
    });
  });
  await new Promise((resolve) => server.listen(0, 'localhost', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
