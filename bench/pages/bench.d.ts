/**
 * What bench/pages/hooks.js installs on `window.__bench` (every clock is the page's
 * `performance.now()`), and the globals of the bench pages. Types only: the bench's JavaScript is
 * checked against them (tsconfig.js.json).
 */

/** Which hooks to install (bench/browser.js `newPage`); each group of `Bench` fields below needs its option. */
export interface HookOptions {
  marks?: boolean;
  fetches?: boolean;
  ceremony?: boolean;
  probes?: boolean;
  timers?: boolean;
  listeners?: boolean;
}

export interface BenchEvent {
  type: string;
  at: number;
  detail: unknown;
}

export interface CreateCall {
  at: number;
  conditional: boolean;
  userActivation: boolean | null;
  /** The last click before this create() call, if any. */
  click?: {
    timeStamp: number;
    dispatchedAt: number;
    isTrusted: boolean;
    taskOpen: boolean;
    /** ms since the input event was created (browser side). */
    delayMs: number;
    /** ms since the first click listener ran. */
    inPageMs: number;
    sameTask: boolean;
  };
}

export interface ProbeCall {
  name: string;
  called: number;
  settled: number | undefined;
}

export interface Bench {
  /** Resolve after `ms` with the page's own setTimeout (untracked). */
  wait(ms: number): Promise<void>;

  // marks (also pushed by bench/pages/offer-floor.js)
  connected: number[];
  ready: number[];
  events: BenchEvent[];
  /** The first event of `type`; rejects when the flow ended (skip, error) before it. */
  when(type: string): Promise<BenchEvent>;

  // fetches
  fetches: { pending: number; started: number; onFetch: ((url: string) => void) | undefined };
  /** Resolves once no fetch is pending (true), or after `capMs` (false). */
  fetchesIdle(capMs: number): Promise<boolean>;

  // ceremony
  creates: CreateCall[];
  createsStarted: number;
  pendingCreates(): number;
  /** Resolves once no create() is pending (true), or after `capMs` (false). */
  createsIdle(capMs: number): Promise<boolean>;

  // probes
  probes: ProbeCall[];

  // timers
  timers: {
    live(): { delay: number; repeat: boolean }[];
    /** Resolves once every live one-shot timer of at most `maxDelay` ms has fired or been cleared. */
    shortOnesDone(maxDelay: number): Promise<void>;
  };

  // listeners
  listeners: {
    /** Live listeners, "kind type" → count (call after a forced GC). */
    live(): Record<string, number>;
  };

  /** bench/pages/offer-floor.js: how long the client probes took alone (ms). */
  floorProbes?: Promise<number>;
}

/** One stage of bench/pages/cycles.js: the element is removed once its flow reached `stage`. */
export interface CycleStage {
  stage: 'loading' | 'init-sent' | 'ready' | 'creating';
  projectId: string;
}

declare global {
  interface Window {
    __bench: Bench;
    /** bench/pages/cycles.js */
    cycles(count: number, stages: CycleStage[]): Promise<{ cycles: number; ms: number }>;
  }
  /** Set by bench/browser.js just before hooks.js, in the same init script. */
  var __BENCH_OPTS: HookOptions | undefined;
}
