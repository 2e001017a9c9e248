/**
 * What every framework example takes from its page URL, and the part your backend plays.
 *
 * Query parameters: `?api=<Frontend API base URL>&project=<project id>` (the tests pass their
 * emulator's); defaults: `npm run emulator` on http://localhost:8787 and its default project.
 */
const params = new URLSearchParams(location.search);

/** The element's `frontend-api-url`. In production leave it unset: https://{projectId}.frontendapi.corbado.io. */
export const api = params.get('api') ?? 'http://localhost:8787';

/** The element's `project-id`: your Corbado project (`pro-…`); `pro-local` is the emulator's default. */
export const projectId = params.get('project') ?? 'pro-local';

/**
 * The element's `appendTokenProvider`. In production: `POST` to your own backend, which mints the
 * token for the signed-in user with Corbado's backend API (`POST /v2/connectTokens`, type
 * `passkey-append`). Here the emulator's demo route plays that backend.
 */
export async function appendTokenProvider(): Promise<string> {
  const res = await fetch(`${api}/emulator/append-token?projectId=${encodeURIComponent(projectId)}`, { method: 'POST' });
  if (!res.ok) throw new Error(`no append token: HTTP ${res.status}`);
  return ((await res.json()) as { appendToken: string }).appendToken;
}
