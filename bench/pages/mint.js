// The host backend's part, for the bench pages: an append token from the emulator's demo route
// (what a backend gets from Corbado's backend API), after `mintMs` (a slow backend's mint).
import { connectEmulator } from '../../emulator/client.js';

/**
 * @param {string} projectId @param {number} [mintMs] wait this long (ms) before asking
 * @returns {Promise<string>}
 */
export async function mintToken(projectId, mintMs = 0) {
  if (mintMs > 0) await new Promise((resolve) => setTimeout(resolve, mintMs));
  return connectEmulator(location.origin, { projectId }).mintAppendToken();
}
