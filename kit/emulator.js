/**
 * `corbado-append/emulator`: start the local Frontend API emulator from a test, and drive its demo
 * side (`/emulator/*`: tokens, scenario, stored passkeys). Types and docs: emulator.types.d.ts.
 *
 * Built on the emulator's public factories (`createEmulator`, `createStandaloneServer`) and its one
 * `/emulator/*` client (emulator/client.js, which `connectEmulator` is), so a client works the same
 * for an emulator started here, by `npm run emulator`, or mounted in a dev server.
 */
import { DEFAULT_PROJECT_ID } from '../emulator/contract.js';
import { checkProjectId, connectEmulator } from '../emulator/client.js';

export { EmulatorError, connectEmulator } from '../emulator/client.js';

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
    ...connectEmulator(url, { projectId }),
    origin: allowed.origin,
    port: bound,
    close() {
      emulator.reset();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
