/**
 * What users load: the bench pages built for production (Vite, minified; the drop-in as
 * `npm run build` wrote it), served by a plain static server with the emulator on the same
 * origin (so rp.id `localhost` works), on a free port. No dev server, no transform on request.
 *
 * Each page is one HTML skeleton ({@link pageHtml}) around its module script `bench/pages/<name>.js`;
 * Vite builds it as if it were `bench/pages/<name>.html`.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';
import { createEmulator } from '../emulator/core.js';
import { ROOT } from './server.js';

export const WWW = `${ROOT}.bench/www`;
const SOURCES = `${ROOT}bench/pages`;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/**
 * @typedef {object} Page
 * @property {string} title
 * @property {string} [head] what the head holds besides the charset and the title
 * @property {string} [body] what the body holds before the page's module script
 */

/** The pages, by name: `<name>.html` runs `bench/pages/<name>.js`. @type {Record<string, Page>} */
const PAGES = {
  // The protocol's floor for "time to offer": the three serial calls the flow cannot avoid (init →
  // append token → start), as bare fetch() calls with no component, no framework and no client
  // probes. offer-floor.js marks "connected" when it starts and "ready" when start's options are
  // parsed, in the same `window.__bench` arrays the element's marks use.
  'offer-floor': { title: 'bench: time-to-offer floor' },
  // What a customer ships: the drop-in exactly as `npm run build` wrote it (production Lit,
  // minified), by one classic script tag; the page then mounts the element as a signed-in page
  // would (offer-drop-in.js). The bench's hooks mark "connected" in the element's
  // connectedCallback and "ready" at `corbado-append-ready`.
  'offer-drop-in': {
    title: 'bench: time to offer, the built drop-in',
    head: '<script src="/corbado-append.min.js"></script>',
    body: '<main id="slot"></main>',
  },
  // The peer: Corbado's own client (@corbado/web-core, pinned in package.json) doing what
  // CorbadoConnectAppend (@corbado/connect-react) does before it shows its offer (offer-corbado.js).
  'offer-corbado': { title: "bench: time to offer, Corbado's web-core", body: '<main id="slot"></main>' },
  // The mount/unmount cycles: the bench adds the drop-in bundle with a <script> tag, then drives
  // `window.cycles` (cycles.js).
  cycles: { title: 'bench: mount/unmount cycles', body: '<div id="slot"></div>' },
};

/**
 * The one HTML skeleton of the bench pages.
 * @param {string} name @param {Page} page
 */
function pageHtml(name, { title, head, body }) {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8" />',
    `    <title>${title}</title>`,
    ...(head ? [`    ${head}`] : []),
    '  </head>',
    '  <body>',
    ...(body ? [`    ${body}`] : []),
    `    <script type="module" src="./${name}.js"></script>`,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}

/** The page a module id names (`bench/pages/<name>.html`), if any. @param {string} id */
const pageOf = (id) => Object.keys(PAGES).find((name) => id === `${SOURCES}/${name}.html`);

/**
 * Vite: the pages' HTML from {@link pageHtml}, at the paths of `bench/pages/<name>.html`.
 * @returns {import('vite').Plugin}
 */
const pagesPlugin = () => ({
  name: 'bench-pages',
  enforce: 'pre',
  resolveId: (id) => pageOf(id) && id,
  load(id) {
    const name = pageOf(id);
    return name && pageHtml(name, PAGES[name]);
  },
});

/**
 * Build the bench pages into `.bench/www/` and put the drop-in beside them.
 * @param {string} dropInFile dist/corbado-append.min.js
 */
export async function buildPages(dropInFile) {
  const names = Object.keys(PAGES);
  await build({
    root: SOURCES,
    configFile: false,
    logLevel: 'error',
    mode: 'production',
    plugins: [pagesPlugin()],
    build: {
      outDir: WWW,
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: false,
      rolldownOptions: { input: Object.fromEntries(names.map((p) => [p, `${SOURCES}/${p}.html`])) },
    },
  });
  for (const p of names) if (!existsSync(`${WWW}/${p}.html`)) throw new Error(`bench: the page build wrote no ${p}.html`);
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
