/*
 * Bench init script, part two (bench/browser.js installs it right after hooks.js, in the same
 * init script, before any page script): the leak detectors of the memory bench.
 *   timers    — track live setTimeout/setInterval (deleted when they fire or are cleared)
 *   listeners — track live event listeners (WeakRefs: they keep nothing alive)
 * Options from `globalThis.__BENCH_OPTS`; records on `window.__bench` (made by hooks.js).
 */
// Types: bench/pages/bench.d.ts.
(() => {
  const opts = globalThis.__BENCH_OPTS ?? {};
  const bench = window.__bench;
  const now = () => performance.now();
  // Our own handles on the platform, taken before they are wrapped below.
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const origSetTimeout = setTimeout;
  const origClearTimeout = clearTimeout;

  // ── timers: live ones only (a fired or cleared timer is forgotten) ──
  if (opts.timers) {
    /** @type {Map<unknown, {delay: number, due: number, repeat: boolean}>} */
    const live = new Map();
    // The replacements are typed loosely: `setTimeout` has a DOM and a Node.js declaration here.
    const g = /** @type {any} */ (globalThis);
    /** @param {TimerHandler} fn @param {number} [delay] @param {unknown[]} args */
    g.setTimeout = function (fn, delay = 0, ...args) {
      const d = Math.max(0, Number(delay) || 0);
      const id = origSetTimeout(
        (/** @type {unknown[]} */ ...a) => {
          live.delete(id);
          return typeof fn === 'function' ? fn(...a) : undefined;
        },
        d,
        ...args,
      );
      live.set(id, { delay: d, due: now() + d, repeat: false });
      return id;
    };
    /** @param {number} id */
    g.clearTimeout = function (id) {
      live.delete(id);
      return origClearTimeout(id);
    };
    const origSetInterval = setInterval;
    const origClearInterval = clearInterval;
    /** @param {TimerHandler} fn @param {number} [delay] @param {unknown[]} args */
    g.setInterval = function (fn, delay = 0, ...args) {
      const id = origSetInterval(fn, delay, ...args);
      live.set(id, { delay: Number(delay) || 0, due: Infinity, repeat: true });
      return id;
    };
    /** @param {number} id */
    g.clearInterval = function (id) {
      live.delete(id);
      return origClearInterval(id);
    };
    bench.timers = {
      live: () => [...live.values()].map(({ delay, repeat }) => ({ delay, repeat })),
      /** Resolves once every live one-shot timer of at most `maxDelay` ms has fired or been cleared. */
      async shortOnesDone(maxDelay) {
        for (;;) {
          let due = -Infinity;
          for (const t of live.values()) if (!t.repeat && t.delay <= maxDelay) due = Math.max(due, t.due);
          if (due === -Infinity) return;
          await bench.wait(due - now() + 1);
        }
      },
    };
  }

  // ── listeners: records hold WeakRefs, so a listener only counts while its target lives ──
  if (opts.listeners) {
    /**
     * @typedef {object} ListenerRecord
     * @property {WeakRef<EventTarget>} target
     * @property {string} type
     * @property {WeakRef<EventListenerOrEventListenerObject>} listener
     * @property {boolean} capture
     * @property {string} kind
     */
    /** @type {WeakMap<EventTarget, Set<ListenerRecord>>} */
    const byTarget = new WeakMap();
    /** @type {Set<ListenerRecord>} */
    const all = new Set();
    const captureOf = (/** @type {boolean | EventListenerOptions | undefined} */ o) => (typeof o === 'boolean' ? o : !!o?.capture);
    /**
     * @param {EventTarget} target @param {string} type @param {EventListenerOrEventListenerObject} listener
     * @param {boolean} capture
     */
    const find = (target, type, listener, capture) => {
      for (const r of byTarget.get(target) ?? []) {
        if (r.type === type && r.capture === capture && r.listener.deref() === listener) return r;
      }
      return undefined;
    };
    const drop = (/** @type {ListenerRecord} */ r) => {
      all.delete(r);
      const target = r.target.deref();
      if (target) byTarget.get(target)?.delete(r);
    };
    /**
     * @this {EventTarget} @param {string} type @param {EventListenerOrEventListenerObject | null} listener
     * @param {boolean | AddEventListenerOptions} [options]
     */
    EventTarget.prototype.addEventListener = function (type, listener, options) {
      addListener.call(this, type, listener, options);
      if (!listener) return;
      const capture = captureOf(options);
      if (find(this, type, listener, capture)) return; // a duplicate is a no-op for the platform too
      const r = { target: new WeakRef(this), type, listener: new WeakRef(listener), capture, kind: kindOf(this) };
      all.add(r);
      let set = byTarget.get(this);
      if (!set) byTarget.set(this, (set = new Set()));
      set.add(r);
      if (typeof options === 'object' && options?.once) {
        // The platform drops a `once` listener when it fires: so do we (same dispatch).
        addListener.call(this, type, () => drop(r), { once: true, capture });
      }
      const signal = typeof options === 'object' ? options?.signal : undefined;
      if (signal) {
        if (signal.aborted) drop(r);
        else addListener.call(signal, 'abort', () => drop(r), { once: true });
      }
    };
    /**
     * @this {EventTarget} @param {string} type @param {EventListenerOrEventListenerObject | null} listener
     * @param {boolean | EventListenerOptions} [options]
     */
    EventTarget.prototype.removeEventListener = function (type, listener, options) {
      removeListener.call(this, type, listener, options);
      const r = listener && find(this, type, listener, captureOf(options));
      if (r) drop(r);
    };
    bench.listeners = {
      /** Listeners whose target is still alive (call after a forced GC), grouped as "kind type". */
      live() {
        /** @type {Record<string, number>} */
        const out = {};
        for (const r of all) {
          if (!r.target.deref()) {
            all.delete(r);
            continue;
          }
          const key = `${r.kind} ${r.type}`;
          out[key] = (out[key] ?? 0) + 1;
        }
        return out;
      },
    };
  }

  /** @param {EventTarget} t */
  function kindOf(t) {
    if (t === window) return 'window';
    if (t === document) return 'document';
    if (t instanceof AbortSignal) return 'AbortSignal';
    if (t instanceof Element) return t.localName;
    if (t instanceof ShadowRoot) return 'shadow-root';
    return t?.constructor?.name ?? 'object';
  }
})();
