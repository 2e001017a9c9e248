/**
 * Time to offer, requests before the offer, and component overhead, over page loads of the
 * playground (index.html + playground/main.ts), each a navigation to a new emulator project.
 *
 * Marks (bench/pages/hooks.js, page clock `performance.now()`):
 * - connected: the element's connectedCallback is wrapped before `customElements.define`, so the
 *   mark is taken as the element is connected, before any of its own code runs;
 * - ready: a window capture listener for `corbado-append-ready`.
 * Requests: Playwright `request` events for /v2/* and /emulator/append-token (Chromium's
 * `requestWillBeSent` wall clock, `timing()` for when the response began). Serial round trips =
 * the longest chain of those requests where each starts after the previous one's response began.
 * Connect → init on the wire, two ways: Playwright's request timestamp (wall clock) against the
 * connected mark taken to wall clock with `performance.timeOrigin`; and, on the page's own clock,
 * the init request's Resource Timing entry (`startTime` = fetch() called, `requestStart` = the
 * browser starts sending it) against the connected mark. Where that time goes: wrappers of the
 * client-information probes (hooks.js `probes`) mark when the element calls them and when they
 * settle.
 *
 * The floor, measured in the same run: bench/pages/offer-floor.html does just the protocol's
 * three serial calls (init → token → start) with bare fetch(), then times the five probes alone.
 */
import { newPage } from './browser.js';
import { emulator } from './server.js';
import { serialRoundTrips, withDeadline } from './stats.js';

const FLOW_REQUEST = /\/v2\/connect\/|\/emulator\/append-token/;
const round = (/** @type {string | number} */ v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v);

/** In the page: waits for the offer, then returns its marks (page clock, ms). */
async function readyMarks() {
  const b = window.__bench;
  await b.when('corbado-append-ready');
  const connected = b.connected[0];
  const init = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource')).find((e) =>
    e.name.includes('/v2/connect/append/init'),
  );
  // The element's own probes; the floor page calls its probes only after its offer.
  const own = b.probes.filter((p) => p.called < b.ready[0]);
  const called = own.map((p) => p.called);
  const settled = own.map((p) => p.settled ?? Infinity);
  return {
    timeOrigin: performance.timeOrigin,
    connected,
    ready: b.ready[0],
    initFetch: init && init.startTime - connected,
    initSend: init && init.requestStart - connected,
    toProbes: called.length ? Math.min(...called) - connected : undefined,
    probing: called.length ? Math.max(...settled) - Math.min(...called) : undefined,
    probesToInit: called.length && init ? init.startTime - Math.max(...settled) : undefined,
    // Parallel: every probe was called before the first one settled (no await between them).
    probesParallel: called.length ? Math.max(...called) < Math.min(...settled) : undefined,
    probesMs: b.floorProbes ? await b.floorProbes : undefined, // floor page only
  };
}

/**
 * @typedef {Awaited<ReturnType<typeof loadOnce>>} OfferSample one page load; times in ms after connect
 * @typedef {Record<`${'product' | 'floor'}@${number}`, OfferSample[]>} OfferResults samples by target and latency
 */

/**
 * One page load (a navigation of `page`) until the offer is ready.
 * @param {import('@playwright/test').Page} page
 * @param {string} baseUrl @param {string} path @param {string} projectId @param {number} latencyMs
 */
async function loadOnce(page, baseUrl, path, projectId, latencyMs) {
  if (latencyMs) await emulator(baseUrl, 'PUT', 'scenario', projectId, { latencyMs });
  /** @type {import('@playwright/test').Request[]} */
  const requests = [];
  const onRequest = (/** @type {import('@playwright/test').Request} */ req) => {
    if (FLOW_REQUEST.test(req.url())) requests.push(req);
  };
  page.on('request', onRequest);
  try {
    await page.goto(`${baseUrl}${path}?projectId=${encodeURIComponent(projectId)}`);
    const marks = await withDeadline(page.evaluate(readyMarks), 30_000, `corbado-append-ready on ${path}`);
    const connectedWall = marks.timeOrigin + marks.connected;
    const readyWall = marks.timeOrigin + marks.ready;
    /** @type {{url: string, start: number, end: number, done: number}[]} */
    const spans = [];
    /** @type {number | undefined} */
    let initPw;
    for (const req of requests) {
      const res = await req.response();
      await res?.finished();
      const t = req.timing();
      if (t.startTime > readyWall) continue; // after the offer: not part of it
      // "Ended" = its response began to arrive: Chromium stamps responseEnd when the network
      // service completes, which can trail the page's receipt of the body by a few ms, so a
      // strictly serial next request would look like it overlapped.
      spans.push({ url: req.url(), start: t.startTime, end: t.startTime + t.responseStart, done: t.startTime + t.responseEnd });
      if (initPw === undefined && req.url().includes('/v2/connect/append/init')) initPw = t.startTime - connectedWall;
    }
    return {
      offerMs: marks.ready - marks.connected,
      // For results.json: each request as [path, start, response began, end], ms after connect.
      spans: spans.map((x) => [new URL(x.url).pathname, x.start - connectedWall, x.end - connectedWall, x.done - connectedWall].map(round)),
      requests: spans.length,
      serial: serialRoundTrips(spans),
      initPw,
      initFetch: marks.initFetch,
      initSend: marks.initSend,
      toProbes: marks.toProbes,
      probing: marks.probing,
      probesToInit: marks.probesToInit,
      probesParallel: marks.probesParallel,
      probesMs: marks.probesMs,
    };
  } finally {
    page.off('request', onRequest);
  }
}

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {string} baseUrl
 * @param {{loads: number, latencies: number[], runId: string, log: (s: string) => void}} o
 */
export async function measureOffer(browser, baseUrl, { loads, latencies, runId, log }) {
  // One tab per target, navigated to a new emulator project per load: a returning visitor
  // (HTTP cache warm), but the element's first visit to that project (no stored client handle).
  /** @type {Target[]} */
  const targets = [
    { key: 'product', path: '/', tab: await newPage(browser, { marks: true, probes: true }) },
    { key: 'floor', path: '/bench/pages/offer-floor.html', tab: await newPage(browser, { marks: true, probes: true }) },
  ];
  try {
    return await measureTargets(baseUrl, targets, { loads, latencies, runId, log });
  } finally {
    for (const t of targets) await t.tab.close();
  }
}

/** @typedef {{key: 'product' | 'floor', path: string, tab: Awaited<ReturnType<typeof newPage>>}} Target */

/**
 * Interleaved loads of every target at every latency.
 * @param {string} baseUrl @param {Target[]} targets
 * @param {{loads: number, latencies: number[], runId: string, log: (s: string) => void}} o
 */
async function measureTargets(baseUrl, targets, { loads, latencies, runId, log }) {
  // Warm-up (not counted): Vite transforms the modules on first request, the cache fills.
  for (const t of targets) await loadOnce(t.tab.page, baseUrl, t.path, `bench-${runId}-warm-${t.key}`, 0);

  const results = /** @type {OfferResults} */ ({});
  for (const latencyMs of latencies) {
    for (const t of targets) results[`${t.key}@${latencyMs}`] = [];
    for (let i = 0; i < loads; i++) {
      // Interleaved, so a slow spell of the machine hits product and floor alike.
      for (const t of targets) {
        const projectId = `bench-${runId}-${t.key}-${latencyMs}-${i}`;
        results[`${t.key}@${latencyMs}`].push(await loadOnce(t.tab.page, baseUrl, t.path, projectId, latencyMs));
      }
    }
    log(`time to offer at +${latencyMs} ms: ${loads} loads each of playground and floor`);
  }
  return results;
}
