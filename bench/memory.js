/**
 * Memory and leaks over mount/unmount cycles of the drop-in bundle (cycles.html, bench/static.js):
 * each cycle connects a fresh element, waits until its flow reached a stage (loading, init in
 * flight, ready, creating — round robin, see cycles.js) and removes it.
 *
 * Before the cycles, half-way and after, the page settles — no fetch and no create() pending
 * (capped at 15 s), every one-shot timer of ≤ 2 s fired or cleared (the element's bounded
 * probes) — then the bench forces a GC over CDP (HeapProfiler.collectGarbage) and reads:
 * JS heap used (Runtime.getHeapUsage), live CorbadoAppend instances (Runtime.queryObjects),
 * live timers and live listeners (bench/pages/hooks.js; listeners are held by WeakRef, so only
 * those whose target survived the GC count), pending fetches and pending create() calls.
 * The listener records of collected targets, the bench's per-call create() records and the
 * browser's resource-timing buffer are dropped before the heap is read, so the heap figure holds
 * what the element and the page keep, plus bench records of what is still alive.
 */
import { addVirtualAuthenticator, newPage } from './browser.js';
import { connectEmulator } from '../emulator/client.js';
import { withDeadline } from './stats.js';

const SHORT_TIMER_MS = 2000;
const IDLE_CAP_MS = 15_000;

/** @typedef {import('@playwright/test').CDPSession} CDPSession */

/** @param {CDPSession} cdp */
async function gc(cdp) {
  // Twice: the second pass collects what finalizers / weak callbacks of the first released.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
}

/**
 * Settle, GC, and read everything the budget is about.
 * @param {import('@playwright/test').Page} page @param {CDPSession} cdp
 */
async function snapshot(page, cdp) {
  await page.evaluate(
    async ({ cap, short }) => {
      const b = window.__bench;
      await b.fetchesIdle(cap);
      await b.createsIdle(cap);
      await b.timers.shortOnesDone(short);
    },
    { cap: IDLE_CAP_MS, short: SHORT_TIMER_MS },
  );
  await gc(cdp);
  const live = await page.evaluate(() => {
    const b = window.__bench;
    // Not the element's: the bench's own per-call records and the browser's resource-timing
    // buffer (one entry per fetch, up to 250).
    b.creates.splice(0);
    performance.clearResourceTimings();
    return {
      listeners: b.listeners.live(), // also forgets records of collected targets
      timers: b.timers.live(),
      pendingFetches: b.fetches.pending,
      fetchesStarted: b.fetches.started,
      pendingCreates: b.pendingCreates(),
      createsStarted: b.createsStarted,
    };
  });
  await gc(cdp);
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return { ...live, heapUsed: usedSize, elements: await liveElements(cdp) };
}

/**
 * Live instances of the element class (anything whose prototype chain holds its prototype).
 * @param {CDPSession} cdp @returns {Promise<number>}
 */
async function liveElements(cdp) {
  const objectGroup = 'bench-elements';
  const { result: proto } = await cdp.send('Runtime.evaluate', {
    expression: "customElements.get('corbado-append').prototype",
    objectGroup,
  });
  if (!proto.objectId) throw new Error('bench: <corbado-append> is not defined on the page');
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.objectId, objectGroup });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup });
  return result.value;
}

/**
 * `after` minus `before`, per "target type" key, only the keys that grew.
 * @param {Record<string, number>} before @param {Record<string, number>} after
 */
function listenerGrowth(before, after) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const [k, n] of Object.entries(after)) if (n > (before[k] ?? 0)) out[k] = n - (before[k] ?? 0);
  return out;
}

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {string} baseUrl the static server of the built pages (bench/static.js), the drop-in beside them
 * @param {{cycles: number, warmup: number, runId: string, log: (s: string) => void}} o
 */
export async function measureMemory(browser, baseUrl, { cycles, warmup, runId, log }) {
  /**
   * @param {import('./pages/bench.js').CycleStage['stage']} name
   * @param {import('../emulator/contract.js').ScenarioPatch} [scenario] emulator scenario (PUT)
   */
  const stage = (name, scenario) => ({ stage: name, projectId: `bench-${runId}-mem-${name}`, scenario });
  const stages = [stage('loading'), stage('init-sent', { latencyMs: 50 }), stage('ready'), stage('creating', { autoAppend: true })];
  for (const s of stages) if (s.scenario) await connectEmulator(baseUrl, { projectId: s.projectId }).setScenario(s.scenario);

  const { page, close } = await newPage(browser, { fetches: true, ceremony: true, timers: true, listeners: true });
  /** @type {string[]} */
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    // Presence off: the autoAppend create() stays pending until the element aborts it.
    const authenticator = await addVirtualAuthenticator(page, { presence: false });
    const { cdp } = authenticator;
    await cdp.send('HeapProfiler.enable');
    await page.goto(`${baseUrl}/cycles.html`);
    await page.addScriptTag({ url: `${baseUrl}/corbado-append.min.js` });
    const plan = stages.map(({ stage: s, projectId }) => ({ stage: s, projectId }));
    const runCycles = (/** @type {number} */ n) =>
      withDeadline(
        page.evaluate(([count, p]) => window.cycles(count, p), /** @type {const} */ ([n, plan])),
        n * 1000 + 30_000,
        `${n} mount/unmount cycles`,
      );

    await runCycles(warmup); // Lit's template and style caches, the emulator's first calls
    const before = await snapshot(page, cdp);
    // In two halves: a leak keeps growing, V8's warm-up (optimised code, feedback) levels off.
    const half = Math.floor(cycles / 2);
    const first = await runCycles(half);
    const mid = await snapshot(page, cdp);
    const second = await runCycles(cycles - half);
    const runMs = first.ms + second.ms;
    log(`memory: ${cycles} mount/unmount cycles in ${(runMs / 1000).toFixed(1)} s`);
    const after = await snapshot(page, cdp);
    await authenticator.remove(); // and detaches its CDP session
    return {
      cycles,
      stages: plan.map((p) => p.stage),
      cyclesMs: runMs,
      heapBefore: before.heapUsed,
      heapMid: mid.heapUsed,
      heapAfter: after.heapUsed,
      heapDelta: after.heapUsed - before.heapUsed,
      heapFirstHalf: mid.heapUsed - before.heapUsed,
      heapSecondHalf: after.heapUsed - mid.heapUsed,
      elementsLeft: after.elements,
      timersLeft: after.timers.length - before.timers.length,
      timersAfter: after.timers,
      listenersLeft: listenerGrowth(before.listeners, after.listeners),
      pendingFetches: after.pendingFetches,
      fetchesStarted: after.fetchesStarted - before.fetchesStarted,
      pendingCreates: after.pendingCreates,
      createsStarted: after.createsStarted - before.createsStarted,
      pageErrors,
    };
  } finally {
    await close();
  }
}
