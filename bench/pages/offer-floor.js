// See offer-floor.html. `?projectId=` names the emulator project (one per page load).
// Types: bench/pages/bench.d.ts.
const projectId = new URLSearchParams(location.search).get('projectId') ?? 'pro-local';
const bench = window.__bench;
bench.connected.push(performance.now());

/** @type {string | undefined} */
let processId;
/** @param {string} path @param {unknown} body */
async function post(path, body) {
  /** @type {Record<string, string>} */
  const headers = { 'Content-Type': 'application/json', 'X-Corbado-ProjectID': projectId };
  if (processId) headers['X-Corbado-Process-ID'] = processId;
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'include' });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

const init = await post('/v2/connect/append/init', { clientInformation: {}, flags: {} });
processId = init.processID;
const { appendToken } = await post(`/emulator/append-token?projectId=${encodeURIComponent(projectId)}`, {});
const start = await post('/v2/connect/append/start', { appendTokenValue: appendToken, loadedMs: Date.now() });
JSON.parse(start.attestationOptions);
// The bench's hooks take the "ready" mark from this event, as they do for the element's.
window.dispatchEvent(new CustomEvent('corbado-append-ready', { detail: {} }));

// After the offer, outside the measured span: the client probes the design requires before init
// (docs/design.md "clientInformation"), alone, in parallel, each bounded at 1 s — the floor of the
// element's connect → init time. `bench.floorProbes` resolves with their duration (ms).
const bounded = (/** @type {() => unknown} */ fn) =>
  new Promise((/** @type {(v?: undefined) => void} */ resolve) => {
    const timer = setTimeout(resolve, 1000);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    Promise.resolve().then(fn).then(done, done);
  });
/** Chromium-only navigator members, not in TypeScript's DOM library. */
const nav =
  /** @type {Navigator & {bluetooth?: {getAvailability(): Promise<boolean>}, userAgentData?: {getHighEntropyValues(hints: string[]): Promise<object>}}} */ (
    navigator
  );
bench.floorProbes = (async () => {
  const t0 = performance.now();
  await Promise.all([
    bounded(() => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable()),
    bounded(() => PublicKeyCredential.isConditionalMediationAvailable?.()),
    bounded(() => PublicKeyCredential.getClientCapabilities?.()),
    bounded(() => nav.bluetooth?.getAvailability()),
    bounded(() => nav.userAgentData?.getHighEntropyValues(['platform', 'platformVersion'])),
  ]);
  return performance.now() - t0;
})();
