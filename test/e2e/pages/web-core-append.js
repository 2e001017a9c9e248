// @ts-check
/**
 * Corbado's own client, unchanged: `@corbado/web-core`'s `ConnectService`, driven the way
 * Corbado's `CorbadoConnectAppend` drives it (connect-react's AppendInitScreen): `appendInit` →
 * the host's `appendTokenProvider` → `startAppend(token, loadedMs)` → on the user's click
 * `completeAppend(attestationOptions, 'manual')` (create() + finish) → events such as
 * `recordEventAppendLearnMore`. Bundled by test/e2e/web-core.spec.ts; the page is
 * web-core-append.html.
 */
import { ConnectService } from '@corbado/web-core';

const params = new URLSearchParams(location.search);
const projectId = params.get('projectId') ?? '';
/** The emulator's origin: Corbado's `customDomain` (a Frontend API on another origin than the page). */
const apiUrl = params.get('api') ?? '';

/** The customer backend's job (Corbado's backend API `/v2/connectTokens`): the emulator's demo side. */
async function appendTokenProvider() {
  const res = await fetch(`${apiUrl}/emulator/append-token?projectId=${encodeURIComponent(projectId)}`, { method: 'POST' });
  if (!res.ok) throw new Error(`append-token: HTTP ${res.status}`);
  return /** @type {{appendToken: string}} */ (await res.json()).appendToken;
}

/** @param {import('ts-results').Result<unknown, unknown>} r a result made plain for the test */
const plain = (r) => (r.ok ? { ok: true, val: r.val } : { ok: false, err: String(/** @type {Error} */ (r.val)?.message ?? r.val) });

const service = new ConnectService(projectId, 'frontendapi.corbado.io', false, apiUrl);
/** @type {Record<string, unknown>} what each step answered, read by the test */
const results = {};
Object.assign(window, { corbadoResults: results });

/** The component's mount: init, token, start (unix ms `loadedMs` taken first, as the component does). */
async function prepare() {
  const loadedMs = Date.now();
  const ac = new AbortController();
  const init = await service.appendInit(ac);
  results.init = plain(init);
  if (init.err || !init.val.appendAllowed) return;
  const start = await service.startAppend(await appendTokenProvider(), loadedMs, ac);
  results.start = plain(start);
  if (start.err || start.val.attestationOptions === '') return;
  const button = /** @type {HTMLButtonElement} */ (document.querySelector('#activate'));
  button.onclick = async () => {
    button.disabled = true;
    results.finish = plain(await service.completeAppend(start.val.attestationOptions, 'manual'));
  };
  button.disabled = false;
  const learnMore = /** @type {HTMLButtonElement} */ (document.querySelector('#learn-more'));
  learnMore.onclick = async () => {
    const event = await service.recordEventAppendLearnMore();
    results.event = event ? plain(event) : { ok: false, err: 'no process' };
  };
  learnMore.disabled = false;
}

prepare().catch((e) => (results.crash = String(e)));
