/**
 * The command line of the standalone emulator (`npm run emulator -- --origin http://localhost:8080`):
 * its options, and the hints it prints so that a wrong or missing origin never fails silently.
 */
import { parseArgs } from 'node:util';

/** Port of `npm run emulator` without `PORT` / `--port`. */
export const DEFAULT_PORT = 8787;

/**
 * What `npm run emulator -- --help` prints.
 * @param {string} defaultOrigin the origin allowed when none is given
 */
export const usage = (defaultOrigin) => `Usage: npm run emulator -- --origin <page origin> [--port <port>] [--host <interface>]

  --origin  the origin of the page that embeds <corbado-append>, exactly (scheme, host, port),
            e.g. http://localhost:8080; CORS allows only it (env ALLOW_ORIGIN; default ${defaultOrigin})
  --port    TCP port (env PORT; default ${DEFAULT_PORT}; 0 picks a free one)
  --host    interface to listen on (env HOST; default 127.0.0.1)
  --help    this text

Open the page on localhost, not 127.0.0.1: an IP address is no relying party ID for a passkey.
Routes, scenario knobs and the projectId query: README "The emulator".`;

/**
 * @typedef {object} CliOptions
 * @property {string} allowOrigin the page origin CORS allows (normalised: scheme, host, port)
 * @property {'--origin' | 'argument' | 'npm_config_origin' | 'ALLOW_ORIGIN' | 'default'} originFrom where it came from
 * @property {number} port TCP port (0: a free one)
 * @property {string} host interface to listen on
 * @property {string[]} notes lines to print before listening
 * @property {boolean} [help] `--help` / `-h`: print {@link usage} and exit
 */

/** @param {string} value @param {string} what */
function origin(value, what) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what}: ${JSON.stringify(value)} is not a URL; give the page's origin, e.g. --origin http://localhost:8080`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const guess = /^[\w.-]+:\d+$/.test(value) ? `; did you mean http://${value}?` : '';
    throw new Error(`${what}: ${value} is not an http(s) origin${guess}`);
  }
  return url.origin;
}

/**
 * Reads the options: `--origin`, `--port`, `--host`, then `ALLOW_ORIGIN`, `PORT`, `HOST`.
 *
 * A bare URL argument counts as the origin: that is what the script gets from
 * `npm run emulator --origin http://…` (without `--`, npm keeps `--origin` for itself); with
 * `npm run emulator --origin=http://…` npm hands it over as `npm_config_origin`. Both work, with a note.
 * @param {string[]} args command-line arguments (after the script name)
 * @param {Record<string, string | undefined>} env
 * @param {string} defaultOrigin the origin allowed when none is given
 * @returns {CliOptions}
 * @throws {Error} on an unknown option, a second argument, a value that is not an origin, a bad port
 */
export function readCliOptions(args, env, defaultOrigin) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { origin: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    // Node's own text for an unknown option advises quoting it after "--", which npm would pass on as the origin.
    const option = /** @type {Error} */ (err).message.match(/option '([^']+)'/)?.[1];
    throw new Error(option ? `unknown option ${option}` : /** @type {Error} */ (err).message);
  }
  const { values, positionals } = parsed;
  if (values.help)
    return { allowOrigin: defaultOrigin, originFrom: 'default', port: DEFAULT_PORT, host: '127.0.0.1', notes: [], help: true };
  if (positionals.length > 1)
    throw new Error(`unexpected arguments ${positionals.join(' ')}; usage: npm run emulator -- --origin <page origin>`);
  const notes = [];
  /** @type {[string | undefined, CliOptions['originFrom']][]} */
  const sources = [
    [values.origin, '--origin'],
    [positionals[0], 'argument'],
    [env.npm_config_origin, 'npm_config_origin'],
    [env.ALLOW_ORIGIN, 'ALLOW_ORIGIN'],
  ];
  const [given, originFrom] = sources.find(([v]) => v) ?? [defaultOrigin, 'default'];
  const allowOrigin = origin(given ?? defaultOrigin, originFrom);
  if (originFrom === 'argument' || originFrom === 'npm_config_origin') {
    notes.push(
      `Origin ${allowOrigin} taken from a bare argument (what npm hands over for "npm run emulator --origin …" without "--"); the reliable form is: npm run emulator -- --origin ${allowOrigin}`,
    );
  }
  if (originFrom === 'default') {
    notes.push(
      `No --origin given: CORS allows only ${allowOrigin}. For a page elsewhere: npm run emulator -- --origin http://localhost:<its port>`,
    );
  }
  if (new URL(allowOrigin).hostname === '127.0.0.1') {
    notes.push('A page on 127.0.0.1 cannot create passkeys (an IP address is no relying party ID): open it as http://localhost:<port>');
  }
  const rawPort = values.port ?? env.PORT;
  const port = rawPort === undefined || rawPort === '' ? DEFAULT_PORT : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port ${rawPort} is not a TCP port (0 picks a free one)`);
  return { allowOrigin, originFrom, port, host: values.host || env.HOST || '127.0.0.1', notes };
}

/**
 * Prints, once per origin, a hint when a page on another origin calls (its browser will refuse the
 * answer: a CORS error in the page's console, and the element stays empty).
 * @param {import('node:http').Server} server
 * @param {string} allowOrigin
 * @param {(line: string) => void} [log]
 */
export function hintForeignOrigins(server, allowOrigin, log = (line) => console.error(line)) {
  const seen = new Set();
  server.on('request', (/** @type {import('node:http').IncomingMessage} */ req) => {
    const from = req.headers.origin;
    if (!from || from === allowOrigin || from === 'null' || seen.has(from)) return;
    seen.add(from);
    // A page on an IP address cannot create passkeys even with CORS right: point to localhost instead.
    const url = new URL(from);
    const ip = /^\d+\.\d+\.\d+\.\d+$|^\[/.test(url.hostname);
    const fix = ip
      ? `Open the page as http://localhost${url.port ? `:${url.port}` : ''} (an IP address is no relying party ID: passkeys fail there), ` +
        `and restart with: npm run emulator -- --origin ${url.protocol}//localhost${url.port ? `:${url.port}` : ''}`
      : `Restart with: npm run emulator -- --origin ${from}`;
    log(`Corbado Frontend API emulator: a page on ${from} called ${req.method} ${req.url}, but CORS allows only ${allowOrigin}. ${fix}`);
  });
}
