/**
 * The emulator as its own HTTP server, for a page served from another origin.
 *
 * Usage: `npm run emulator -- --origin http://localhost:8080 [--port 8787] [--host 127.0.0.1]`
 * Env: `PORT` (default 8787; `0` = a free port chosen by the OS), `HOST` (default 127.0.0.1), `ALLOW_ORIGIN` (default
 * http://localhost:5173; `--origin` wins). CORS allows exactly that origin, with credentials. Options and
 * hints (a missing `--origin`, a page calling from another origin): cli.js.
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { hintForeignOrigins, readCliOptions, usage } from './cli.js';
import { createEmulator } from './core.js';
import { sendJson } from './http.js';

/** Origin allowed by default: the Vite dev server's. */
export const DEFAULT_ALLOW_ORIGIN = 'http://localhost:5173';

/**
 * Request headers a page may send: everything Corbado's own client (`@corbado/web-core` 3.5.0)
 * sets — `Content-Type`, `X-Corbado-ProjectID`, `X-Corbado-Process-ID`, `X-Corbado-SDK`
 * (JSON `{name, sdkVersion}`), `X-Corbado-Client-Timezone` (IANA name) on the Connect calls, and
 * `X-Corbado-Flags` on its other services. (`Accept` is CORS-safelisted.)
 */
export const ALLOWED_REQUEST_HEADERS = Object.freeze([
  'content-type',
  'x-corbado-projectid',
  'x-corbado-process-id',
  'x-corbado-sdk',
  'x-corbado-client-timezone',
  'x-corbado-flags',
]);

/**
 * CORS headers for the one allowed origin (never `*`, since requests carry credentials).
 * `Date` is exposed so the page can correct `expiresMs` for clock skew (a scenario with
 * `dateHeader: false` withholds it: neither sent nor exposed).
 * @param {string} origin
 */
export function corsHeaders(origin) {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': ALLOWED_REQUEST_HEADERS.join(', '),
    'access-control-expose-headers': 'date',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/**
 * Create (not start) the standalone server.
 * @param {{allowOrigin?: string, emulator?: import('./core.js').Emulator}} [opts]
 *   allowOrigin: the page origin allowed by CORS (default http://localhost:5173)
 */
export function createStandaloneServer({ allowOrigin = DEFAULT_ALLOW_ORIGIN, emulator = createEmulator() } = {}) {
  const origin = new URL(allowOrigin).origin; // normalise, and throw on a bad URL
  const cors = corsHeaders(origin);
  return createServer((req, res) => {
    for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    emulator.handle(req, res).then((handled) => {
      if (!handled) sendJson(res, 404, { message: `not an emulator path: ${req.url}` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let options;
  try {
    options = readCliOptions(process.argv.slice(2), process.env, DEFAULT_ALLOW_ORIGIN);
  } catch (err) {
    console.error(`Corbado Frontend API emulator: ${/** @type {Error} */ (err).message} (--help for usage)`);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage(DEFAULT_ALLOW_ORIGIN));
    process.exit(0);
  }
  const { allowOrigin, port, host, notes } = options;
  const server = createStandaloneServer({ allowOrigin });
  hintForeignOrigins(server, allowOrigin);
  server.once('error', (/** @type {NodeJS.ErrnoException} */ err) => {
    const why = err.code === 'EADDRINUSE' ? `port ${port} is in use (PORT=0 picks a free one)` : err.message;
    console.error(`Corbado Frontend API emulator: cannot listen on ${host}:${port}: ${why}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const { port: bound } = /** @type {import('node:net').AddressInfo} */ (server.address());
    const lines = [`Corbado Frontend API emulator listening on http://${host}:${bound} (CORS origin ${allowOrigin})`, ...notes];
    console.log(lines.join('\n'));
  });
}
