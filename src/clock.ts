/**
 * The page's clock — wall time, monotonic time and timers — below everything that waits: the API
 * client's timeouts and the flow's timers (flow/scope.ts).
 */

/** Longest delay `setTimeout` honours (2^31−1 ms, ≈ 24.8 days); a longer one would fire at once. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A delay `setTimeout` takes as meant: finite, within `[0, MAX_TIMER_DELAY_MS]` (relative ms). */
export const clampDelay = (ms: number): number => Math.min(Math.max(0, Number.isFinite(ms) ? ms : MAX_TIMER_DELAY_MS), MAX_TIMER_DELAY_MS);

/**
 * The page's clock: its wall time and its timers. The browser's (`browserClock`) in the element;
 * under Node a test gives each simulated page its own (paused in the back/forward cache, jumped
 * by a sleeping device).
 */
export interface Clock {
  /** Local wall time, unix ms (`Date.now()`): for what is kept or sent, never for deadlines. */
  now(): number;
  /** Monotonic ms (`performance.now()`): deadlines, immune to the wall clock being set. */
  mono(): number;
  /** `setTimeout` (relative ms, clamped by the caller). */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserClock: Clock = {
  now: () => Date.now(),
  mono: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms` (relative, clamped) on `clock`; no scope, so nothing cancels it. */
export const sleep = (clock: Clock, ms: number): Promise<void> => new Promise((resolve) => void clock.setTimeout(resolve, clampDelay(ms)));
