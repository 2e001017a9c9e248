// See offer-corbado.html. What CorbadoConnectAppend (@corbado/connect-react 0.2.4-alpha.0,
// components/append/AppendInitScreen.tsx) does from mount to its offer, step by step, on
// @corbado/web-core's ConnectService as it ships (its probes, FingerprintJS and
// detectIncognito included):
//   SharedProvider: new ConnectService(projectId, frontendApiUrlSuffix, isDebug)
//   effect: loadedMs = Date.now(); appendInit(ac) → appendAllowed? → appendTokenProvider()
//           → startAppend(token, loadedMs, ac) → attestationOptions !== '' → offer shown
// Only the API base differs: web-core's `customDomain` (4th argument) points it at the emulator
// on this origin. The bench's "connected" mark is taken as the component would be mounted, just
// before the ConnectService is made; "ready" once startAppend answered usable options — React's
// own render before and after is not counted (in the peer's favour).
// Query: `projectId`, `mintMs` (as offer-drop-in.js). Types: bench/pages/bench.d.ts.
import { ConnectService } from '@corbado/web-core';
import { mintToken } from './mint.js';

const params = new URLSearchParams(location.search);
const projectId = params.get('projectId') ?? 'pro-local';
const mintMs = Number(params.get('mintMs') ?? 0);
const bench = window.__bench;
// web-core bundles FingerprintJS 3.4, whose load() sends a statistics request to its CDN
// (m1.openfpcdn.io) in 0.1% of calls unless this flag is set (its CDN build sets it): the bench
// sends nothing off this machine. The request is fire-and-forget; it is not on the offer's path.
/** @type {Window & {__fpjs_d_m?: boolean}} */ (window).__fpjs_d_m = true;

/** The bench's hooks take their marks from these events, as they do for the element's. @param {string} type @param {unknown} detail */
const emit = (type, detail) => window.dispatchEvent(new CustomEvent(type, { detail }));

async function offer() {
  bench.connected.push(performance.now());
  const service = new ConnectService(projectId, 'frontendapi.corbado.io', false, location.origin);
  const ac = new AbortController();
  const loadedMs = Date.now();
  const init = await service.appendInit(ac);
  if (init.err) throw new Error(`appendInit: ${init.val.message}`);
  if (!init.val.appendAllowed) throw new Error('appendInit: appendAllowed false');
  const token = await mintToken(projectId, mintMs);
  const start = await service.startAppend(token, loadedMs, ac);
  if (start.err) throw new Error(`startAppend: ${start.val.message}`);
  if (start.val.attestationOptions === '') throw new Error('startAppend: no attestationOptions');
  emit('corbado-append-ready', { variant: start.val.variant });
}

offer().catch((e) => emit('corbado-append-error', { message: e instanceof Error ? e.message : String(e) }));
