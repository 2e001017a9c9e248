/**
 * Time to offer, requests before the offer, and component overhead, over page loads — each a
 * navigation to a new emulator project (a first visit), or, for targets with `repeat`, a second
 * navigation to the same project right after (a repeat visit: the process kept in localStorage).
 * Every target loads in its own tab (own browser context), interleaved load by load, so a slow
 * spell of the machine hits all alike.
 *
 * Targets (TARGETS): the built pages on the static server (bench/static.js) — the floor (three
 * bare fetch() calls), the built drop-in, Corbado's web-core, the drop-in with a 300 ms token
 * mint without and with `early-token` — and the playground on the Vite dev server (Lit's
 * development build, the figure of earlier runs).
 *
 * Marks (bench/pages/hooks.js, page clock `performance.now()`): connected (the element's
 * connectedCallback, wrapped before `customElements.define`; the floor and Corbado pages push it
 * themselves), ready (a window capture listener for `corbado-append-ready`). Requests: Playwright
 * `request` events for /v2/* and /emulator/append-token (Chromium's wall clock, `timing()` for
 * when the response began); serial round trips = the longest chain of those requests where each
 * starts after the previous one's response began. Connect → init on the wire: Playwright's
 * request timestamp against the connected mark taken to wall clock with `performance.timeOrigin`,
 * and the init request's Resource Timing entry on the page's own clock. The probes' wrappers
 * (hooks.js `probes`) mark when they are called and settle.
 */
import { newPage } from './browser.js';
import { connectEmulator } from '../emulator/client.js';
import { serialRoundTrips, withDeadline } from './stats.js';

const FLOW_REQUEST = /\/v2\/connect\/|\/emulator\/append-token/;
const round = (/** @type {string | number} */ v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v);

/**
 * @typedef {object} Target one page to load
 * @property {string} key results key (`${key}@${latency}`, `${key}-repeat@${latency}`)
 * @property {'built' | 'dev'} server the static server of built pages, or the Vite dev server
 * @property {string} path @property {Record<string, string>} [query]
 * @property {boolean} [repeat] also load each project a second time (the repeat visit)
 * @property {number[]} [only] load it only at these latencies (ms per request)
 */
/** @type {Target[]} */
export const TARGETS = [
  { key: 'floor', server: 'built', path: '/offer-floor.html' },
  { key: 'drop-in', server: 'built', path: '/offer-drop-in.html', repeat: true },
  { key: 'corbado', server: 'built', path: '/offer-corbado.html', repeat: true },
  { key: 'mint', server: 'built', path: '/offer-drop-in.html', query: { mintMs: '300' } },
  { key: 'mint-early', server: 'built', path: '/offer-drop-in.html', query: { mintMs: '300', early: '1' } },
  { key: 'playground', server: 'dev', path: '/', only: [0] },
];

/** In the page: waits for the offer, then returns its marks (page clock, ms). */
async function readyMarks() {
  const b = window.__bench;
  await b.when('corbado-append-ready');
  const connected = b.connected[0];
  const init = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource')).find((e) =>
    e.name.includes('/v2/connect/append/init'),
  );
  // The client's own probes; the floor page calls its probes only after its offer.
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
 * @typedef {Record<string, OfferSample[]>} OfferResults samples by `${target}@${latency}`
 */

/**
 * One page load (a navigation of `page`) until the offer is ready.
 * @param {import('@playwright/test').Page} page
 * @param {string} url the page, with its query @param {string} baseUrl its server
 */
async function loadOnce(page, url, baseUrl) {
  /** @type {import('@playwright/test').Request[]} */
  const requests = [];
  let foreign = 0;
  const onRequest = (/** @type {import('@playwright/test').Request} */ req) => {
    if (!req.url().startsWith(baseUrl)) foreign++;
    else if (FLOW_REQUEST.test(req.url())) requests.push(req);
  };
  page.on('request', onRequest);
  try {
    await page.goto(url);
    const marks = await withDeadline(page.evaluate(readyMarks), 30_000, `corbado-append-ready on ${url}`);
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
      foreign,
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
 * @param {{built: string, dev?: string}} servers base URLs (the dev server is optional: its targets are skipped without it)
 * @param {{loads: number, latencies: number[], runId: string, log: (s: string) => void, targets?: Target[]}} o
 * @returns {Promise<OfferResults>}
 */
export async function measureOffer(browser, servers, { loads, latencies, runId, log, targets = TARGETS }) {
  const tabs = [];
  try {
    for (const t of targets) {
      const baseUrl = servers[t.server];
      if (baseUrl) tabs.push({ ...t, baseUrl, tab: await newPage(browser, { marks: true, probes: true }) });
    }
    /** @param {(typeof tabs)[number]} t @param {string} projectId @param {number} latencyMs */
    const visit = async (t, projectId, latencyMs) => {
      if (latencyMs) await connectEmulator(t.baseUrl, { projectId }).setScenario({ latencyMs });
      const q = new URLSearchParams({ projectId, ...t.query });
      const url = `${t.baseUrl}${t.path}?${q}`;
      const first = await loadOnce(t.tab.page, url, t.baseUrl);
      return { first, repeat: t.repeat ? await loadOnce(t.tab.page, url, t.baseUrl) : undefined };
    };
    // Warm-up (not counted): the dev server transforms modules on first request, caches fill.
    for (const t of tabs) await visit(t, `bench-${runId}-warm-${t.key}`, 0);

    /** @type {OfferResults} */
    const results = {};
    const push = (/** @type {string} */ key, /** @type {OfferSample | undefined} */ s) => s && (results[key] ??= []).push(s);
    for (const latencyMs of latencies) {
      for (let i = 0; i < loads; i++) {
        for (const t of tabs) {
          if (t.only && !t.only.includes(latencyMs)) continue;
          const { first, repeat } = await visit(t, `bench-${runId}-${t.key}-${latencyMs}-${i}`, latencyMs);
          push(`${t.key}@${latencyMs}`, first);
          push(`${t.key}-repeat@${latencyMs}`, repeat);
        }
      }
      const keys = tabs.filter((t) => !t.only || t.only.includes(latencyMs)).map((t) => t.key);
      log(`time to offer at +${latencyMs} ms: ${loads} visits of ${keys.join(', ')}`);
    }
    return results;
  } finally {
    for (const t of tabs) await t.tab.close();
  }
}
