/**
 * `corbado-append/emulator`: start the local Frontend API emulator from a test, and drive its demo
 * side (`/emulator/*`: tokens, scenario, stored passkeys). Types and docs: emulator.types.d.ts.
 *
 * Built on the emulator's public factories (`createEmulator`, `createStandaloneServer`) and its
 * HTTP routes only, so a client works the same for an emulator started here, by
 * `npm run emulator`, or mounted in a dev server.
 */

/** The emulator's default project (`emulator/state.js` DEFAULT_PROJECT_ID). */
const DEFAULT_PROJECT_ID = 'pro-local';
/** A Corbado project ID: one DNS label. */
const PROJECT_ID = /^[a-z0-9-]{1,63}$/;

/** @type {typeof import('./emulator.types.js').EmulatorError} */
export class EmulatorError extends Error {
  /** @param {string} message @param {number} status @param {unknown} body */
  constructor(message, status, body) {
    super(message);
    this.name = 'EmulatorError';
    this.status = status;
    this.body = body;
  }
}

/** @param {unknown} projectId */
function checkProjectId(projectId) {
  if (typeof projectId !== 'string' || !PROJECT_ID.test(projectId)) {
    throw new TypeError(`projectId must be one DNS label ([a-z0-9-], 1-63 characters), e.g. pro-local; got ${JSON.stringify(projectId)}`);
  }
  return projectId;
}

/**
 * @param {string} url
 * @param {string} projectId
 * @returns {import('./emulator.types.js').EmulatorClient}
 */
function client(url, projectId) {
  checkProjectId(projectId);
  /** @param {string} method @param {string} route @param {unknown} [body] */
  async function call(method, route, body) {
    const res = await fetch(`${url}/emulator/${route}?projectId=${projectId}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // The emulator answers JSON (or 204); anything else is someone else's server.
    const json = /json/.test(res.headers.get('content-type') ?? '') ? await res.json().catch(() => undefined) : undefined;
    if (!res.ok) {
      const why = json?.error?.details ?? json?.message ?? res.statusText;
      throw new EmulatorError(`${method} /emulator/${route}: HTTP ${res.status}: ${why}`, res.status, json);
    }
    return json;
  }
  return {
    url,
    projectId,
    mintAppendToken: async (options = {}) => (await call('POST', 'append-token', options)).appendToken,
    setScenario: (patch) => call('PUT', 'scenario', patch),
    getScenario: () => call('GET', 'scenario'),
    listPasskeys: async () => (await call('GET', 'credentials')).credentials,
    listRequests: async () => (await call('GET', 'requests')).requests,
    listEvents: async () => (await call('GET', 'events')).events,
    reset: async () => void (await call('POST', 'reset')),
    forProject: (other) => client(url, other),
  };
}

/** @type {typeof import('./emulator.types.js').connectEmulator} */
export function connectEmulator(url, { projectId = DEFAULT_PROJECT_ID } = {}) {
  return client(new URL(url).origin, projectId);
}

/** The emulator's modules; they need the optional peer dependency @simplewebauthn/server. */
async function loadEmulator() {
  try {
    const [{ createEmulator }, { createStandaloneServer }] = await Promise.all([
      import('../emulator/core.js'),
      import('../emulator/standalone.js'),
    ]);
    return { createEmulator, createStandaloneServer };
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code === 'ERR_MODULE_NOT_FOUND' && /@simplewebauthn\/server/.test(String(err))) {
      throw new Error('corbado-append/emulator needs @simplewebauthn/server to verify attestations: npm i -D @simplewebauthn/server@14', {
        cause: err,
      });
    }
    throw err;
  }
}

/** @type {typeof import('./emulator.types.js').startEmulator} */
export async function startEmulator(options) {
  const { origin, projectId = DEFAULT_PROJECT_ID, port = 0, host = '127.0.0.1' } = options ?? {};
  /** @type {URL} */
  let allowed;
  try {
    allowed = new URL(origin);
  } catch {
    throw new TypeError(`startEmulator: origin must be the page's origin, e.g. http://localhost:3000; got ${JSON.stringify(origin)}`);
  }
  if (allowed.protocol !== 'http:' && allowed.protocol !== 'https:') throw new TypeError(`startEmulator: origin ${origin} is not http(s)`);
  checkProjectId(projectId);

  const { createEmulator, createStandaloneServer } = await loadEmulator();
  const emulator = createEmulator();
  const server = createStandaloneServer({ allowOrigin: allowed.origin, emulator });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const bound = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  return {
    ...client(url, projectId),
    origin: allowed.origin,
    port: bound,
    close() {
      emulator.reset();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
