// Mount/unmount cycles of <corbado-append> (loaded by cycles.html; the bench adds the drop-in).
// Each cycle appends a fresh element, waits until its flow reached the stage under test, and
// removes it. Stages (round robin):
//   loading   — the flow started: client probes are running, nothing sent yet
//   init-sent — the init request is on its way (the project answers /v2 calls 50 ms late)
//   ready     — the offer is shown: options held, refresh and expiry timers armed
//   creating  — autoAppend started create(); the authenticator never answers (presence off)
// Types: bench/pages/bench.d.ts.
import { mintToken } from './mint.js';

(() => {
  const slot = /** @type {HTMLElement} */ (document.getElementById('slot'));

  /**
   * Resolves when `el` reaches `stage`; rejects when its flow ends before (skip or error).
   * @param {HTMLElement} el @param {import('./bench.js').CycleStage['stage']} stage
   * @returns {Promise<void>}
   */
  function reached(el, stage) {
    return new Promise((resolve, reject) => {
      const ac = new AbortController();
      /** @template T @param {(v?: T) => void} fn @param {T} [v] */
      const done = (fn, v) => {
        ac.abort();
        if (window.__bench.fetches) window.__bench.fetches.onFetch = undefined;
        fn(v);
      };
      /** @param {string} type @param {(e: CustomEvent) => unknown} fn */
      const on = (type, fn) => el.addEventListener(type, /** @type {EventListener} */ (fn), { signal: ac.signal });
      const stuck = setTimeout(() => done(reject, new Error(`not at ${stage} after 10 s (state ${el.getAttribute('state')})`)), 10_000);
      ac.signal.addEventListener('abort', () => clearTimeout(stuck));
      on('corbado-append-skip', (e) => done(reject, new Error(`skipped before ${stage}: ${JSON.stringify(e.detail)}`)));
      on('corbado-append-error', (e) => done(reject, new Error(`error before ${stage}: ${JSON.stringify(e.detail)}`)));
      if (stage === 'ready') on('corbado-append-ready', () => done(resolve));
      else if (stage === 'init-sent') {
        window.__bench.fetches.onFetch = (url) => {
          if (url.includes('/v2/connect/append/init')) done(resolve);
        };
      } else on('corbado-append-state', (e) => e.detail.state === stage && done(resolve));
    });
  }

  /** Run `count` cycles over `stages` (round robin). */
  window.cycles = async (count, stages) => {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const { stage, projectId } = stages[i % stages.length];
      // The element's class is TypeScript (src/): the one property this page sets.
      const el = /** @type {HTMLElement & {appendTokenProvider?: () => Promise<string>}} */ (document.createElement('corbado-append'));
      el.setAttribute('project-id', projectId);
      el.setAttribute('frontend-api-url', location.origin);
      el.appendTokenProvider = () => mintToken(projectId);
      const at = reached(el, stage);
      slot.append(el);
      await at;
      el.remove();
    }
    return { cycles: count, ms: performance.now() - t0 };
  };
})();
