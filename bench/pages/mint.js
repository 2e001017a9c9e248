// The host backend's part, for the bench pages: an append token from the emulator's demo route
// (what a backend gets from Corbado's backend API), after `mintMs` (a slow backend's mint).

/**
 * @param {string} projectId @param {number} [mintMs] wait this long (ms) before asking
 * @returns {Promise<string>}
 */
export async function mintToken(projectId, mintMs = 0) {
  if (mintMs > 0) await new Promise((resolve) => setTimeout(resolve, mintMs));
  const res = await fetch(`/emulator/append-token?projectId=${encodeURIComponent(projectId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`append-token: HTTP ${res.status}`);
  return (await res.json()).appendToken;
}
