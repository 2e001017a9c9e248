// @ts-check
import { createServer } from 'node:net';

/**
 * A TCP port the OS has just handed out on `host` (every server a test starts takes one: two
 * copies of the project can run their tests at once).
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export const freePort = (host = 'localhost') =>
  new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, host, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
