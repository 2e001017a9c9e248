/*
 * Bench init script (page.addInitScript): runs in every page before any page script.
 * Options come from `globalThis.__BENCH_OPTS` (set just before this file, in the same init script):
 *   marks     — `connected` marks (wrap of the element's connectedCallback) and `ready` marks
 *   fetches   — count pending fetch() calls; announce each one (for "init is in flight")
 *   ceremony  — wrap navigator.credentials.create: user activation, delay from the click, same task
 *   probes    — when each client-information probe (WebAuthn, Bluetooth, UA-CH) is called and settles
 *   timers, listeners — in hooks-leaks.js (installed right after this file, same init script)
 * Everything it records lives on `window.__bench`. Every clock is the page's `performance.now()`.
 */
// Types: bench/pages/bench.d.ts.
(() => {
  const opts = globalThis.__BENCH_OPTS ?? {};
  const now = () => performance.now();
  // Our own handles on the platform, taken before anything is wrapped.
  const addListener = EventTarget.prototype.addEventListener;
  const origSetTimeout = setTimeout;

  // The other fields are filled in below, one group per hook that is on.
  const bench = /** @type {import('./bench.js').Bench} */ (
    /** @type {unknown} */ ({
      connected: [],
      ready: [],
      /** Resolve after `ms` with the page's own setTimeout (untracked): waiting for a known deadline. */
      wait: (/** @type {number} */ ms) => new Promise((resolve) => origSetTimeout(resolve, Math.max(0, ms))),
    })
  );
  Object.defineProperty(globalThis, '__bench', { value: bench });

  // ── marks: when the element is connected (before its own connectedCallback runs) and ready ──
  if (opts.marks) {
    const define = CustomElementRegistry.prototype.define;
    /** @this {CustomElementRegistry} @param {string} name @param {CustomElementConstructor} ctor @param {ElementDefinitionOptions} [options] */
    CustomElementRegistry.prototype.define = function (name, ctor, options) {
      // The registry reads the lifecycle callbacks at define time: wrap before defining.
      if (name === 'corbado-append') {
        const connected = ctor.prototype.connectedCallback;
        ctor.prototype.connectedCallback = function () {
          bench.connected.push(now());
          return connected?.call(this);
        };
      }
      return define.call(this, name, ctor, options);
    };
    // The element's outcome events, in order, with their time; `when(type)` awaits one.
    /** @type {{type: string, resolve: (e: import('./bench.js').BenchEvent) => void, reject: (e: Error) => void}[]} */
    const waiters = [];
    bench.events = [];
    bench.when = (type) =>
      new Promise((resolve, reject) => {
        waiters.push({ type, resolve, reject });
        settleWaiters();
      });
    const settleWaiters = () => {
      for (const w of waiters.splice(0)) {
        const hit = bench.events.find((e) => e.type === w.type);
        const end = bench.events.find((e) => e.type === 'corbado-append-skip' || e.type === 'corbado-append-error');
        if (hit) w.resolve(hit);
        else if (end) w.reject(new Error(`${end.type} ${JSON.stringify(end.detail)} before ${w.type}`));
        else waiters.push(w);
      }
    };
    for (const type of ['corbado-append-ready', 'corbado-append-complete', 'corbado-append-skip', 'corbado-append-error']) {
      addListener.call(
        window,
        type,
        (e) => {
          const at = now();
          if (type === 'corbado-append-ready') bench.ready.push(at);
          bench.events.push({ type, at, detail: /** @type {CustomEvent} */ (e).detail });
          settleWaiters();
        },
        { capture: true },
      );
    }
  }

  // ── fetches: pending count, and a hook per call ──
  if (opts.fetches) {
    const origFetch = fetch;
    /** @type {(() => void)[]} */
    const idle = [];
    bench.fetches = { pending: 0, started: 0, onFetch: undefined };
    const settleOne = () => {
      if (--bench.fetches.pending === 0) for (const r of idle.splice(0)) r();
    };
    /** @this {unknown} @param {RequestInfo | URL} input @param {RequestInit} [init] */
    globalThis.fetch = function (input, init) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      bench.fetches.started++;
      bench.fetches.pending++;
      const p = origFetch.call(this, input, init);
      p.then(settleOne, settleOne);
      bench.fetches.onFetch?.(url);
      return p;
    };
    /** Resolves once no fetch is pending, or after `capMs` (then returns false). */
    bench.fetchesIdle = (capMs) =>
      bench.fetches.pending === 0
        ? Promise.resolve(true)
        : Promise.race([
            new Promise((/** @type {(v: boolean) => void} */ r) => idle.push(() => r(true))),
            bench.wait(capMs).then(() => false),
          ]);
  }

  // ── ceremony: every create() call, with user activation and its distance from the last click ──
  if (opts.ceremony) {
    /** @type {import('./bench.js').CreateCall[]} */
    const calls = [];
    let pendingCreates = 0;
    /** @type {{timeStamp: number, dispatchedAt: number, isTrusted: boolean, taskOpen: boolean} | undefined} */
    let lastClick;
    /** @type {(() => void)[]} */
    const idle = [];
    bench.creates = calls;
    bench.createsStarted = 0;
    bench.pendingCreates = () => pendingCreates;
    /** Resolves once no create() is pending, or after `capMs` (then returns false). */
    bench.createsIdle = (capMs) =>
      pendingCreates === 0
        ? Promise.resolve(true)
        : Promise.race([
            new Promise((/** @type {(v: boolean) => void} */ r) => idle.push(() => r(true))),
            bench.wait(capMs).then(() => false),
          ]);
    // First listener of every click (window, capture). The click's task ends before a message
    // posted now is handled: a create() seen while `taskOpen` ran in the click's task.
    addListener.call(
      window,
      'click',
      (e) => {
        const click = { timeStamp: e.timeStamp, dispatchedAt: now(), isTrusted: e.isTrusted, taskOpen: true };
        lastClick = click;
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          click.taskOpen = false;
          ch.port1.close();
        };
        ch.port2.postMessage(0);
      },
      { capture: true },
    );
    const create = CredentialsContainer.prototype.create;
    /** @this {CredentialsContainer} @param {CredentialCreationOptions} [options] */
    CredentialsContainer.prototype.create = function (options) {
      const at = now();
      calls.push({
        at,
        // `mediation` on create() (conditional create) is newer than TypeScript's DOM library.
        conditional: /** @type {{mediation?: string} | undefined} */ (options)?.mediation === 'conditional',
        // Chromium has `navigator.userActivation`; other engines may not.
        userActivation: /** @type {Navigator & {userActivation?: {isActive: boolean}}} */ (navigator).userActivation?.isActive ?? null,
        click: lastClick && {
          ...lastClick,
          delayMs: at - lastClick.timeStamp, // since the input event was created (browser side)
          inPageMs: at - lastClick.dispatchedAt, // since the first click listener ran
          sameTask: lastClick.taskOpen,
        },
      });
      bench.createsStarted++;
      pendingCreates++;
      const p = create.call(this, options);
      const done = () => {
        if (--pendingCreates === 0) for (const r of idle.splice(0)) r();
      };
      p.then(done, done);
      return p;
    };
  }

  // ── probes: when the client-information probes are called and when each settles ──
  if (opts.probes) {
    bench.probes = [];
    /** Replaces `obj[name]` (a function) with one that records when it is called and settles. */
    const wrap = (/** @type {any} */ obj, /** @type {string} */ name, /** @type {string} */ label) => {
      const fn = obj?.[name];
      if (typeof fn !== 'function') return;
      /** @this {unknown} @param {unknown[]} a */
      obj[name] = function (...a) {
        /** @type {import('./bench.js').ProbeCall} */
        const rec = { name: label, called: now(), settled: undefined };
        bench.probes.push(rec);
        const p = fn.apply(this, a);
        const done = () => (rec.settled = now());
        Promise.resolve(p).then(done, done);
        return p;
      };
    };
    if (typeof PublicKeyCredential === 'function') {
      wrap(PublicKeyCredential, 'isUserVerifyingPlatformAuthenticatorAvailable', 'uvpaa');
      wrap(PublicKeyCredential, 'isConditionalMediationAvailable', 'conditionalMediation');
      wrap(PublicKeyCredential, 'getClientCapabilities', 'clientCapabilities');
    }
    // Chromium-only interfaces, not in TypeScript's DOM library.
    const g = /** @type {any} */ (globalThis);
    if (g.Bluetooth) wrap(g.Bluetooth.prototype, 'getAvailability', 'bluetooth');
    if (g.NavigatorUAData) wrap(g.NavigatorUAData.prototype, 'getHighEntropyValues', 'highEntropy');
  }
})();
