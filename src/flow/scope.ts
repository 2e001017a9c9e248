/**
 * One scope per flow: the abort signal of its requests and every timer it set. Disposing the
 * scope (removal of the element) aborts the signal and clears the timers; nothing it started
 * can call back into a later flow.
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

export class Scope {
  private readonly ctrl = new AbortController();
  private readonly timers = new Set<unknown>();

  constructor(private readonly clock: Clock = browserClock) {}

  /** Aborted when the scope is disposed; given to every request of the flow. */
  get signal(): AbortSignal {
    return this.ctrl.signal;
  }

  get disposed(): boolean {
    return this.ctrl.signal.aborted;
  }

  /**
   * Run `fn` after `ms` (relative, clamped by {@link clampDelay}) unless cancelled or disposed first.
   * @returns cancels the timer (idempotent)
   */
  later(ms: number, fn: () => void): () => void {
    if (this.disposed) return () => undefined;
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, clampDelay(ms));
    this.timers.add(timer);
    return () => {
      this.clock.clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** A scope of its own that this one's disposal disposes too (one load of the flow, say). */
  child(): Scope {
    const child = new Scope(this.clock);
    if (this.disposed) child.dispose();
    else {
      const dispose = () => child.dispose();
      this.signal.addEventListener('abort', dispose, { once: true });
      child.signal.addEventListener('abort', () => this.signal.removeEventListener('abort', dispose), { once: true });
    }
    return child;
  }

  dispose(): void {
    if (this.disposed) return;
    this.ctrl.abort();
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
  }
}
