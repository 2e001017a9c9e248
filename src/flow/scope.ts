/**
 * One scope per flow: the abort signal of its requests and every timer it set. Disposing the
 * scope (removal of the element) aborts the signal and clears the timers; nothing it started
 * can call back into a later flow.
 */

/** Longest delay `setTimeout` honours (2^31−1 ms, ≈ 24.8 days); a longer one would fire at once. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A delay `setTimeout` takes as meant: finite, within `[0, MAX_TIMER_DELAY_MS]` (relative ms). */
export const clampDelay = (ms: number): number => Math.min(Math.max(0, Number.isFinite(ms) ? ms : MAX_TIMER_DELAY_MS), MAX_TIMER_DELAY_MS);

export class Scope {
  private readonly ctrl = new AbortController();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

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
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, clampDelay(ms));
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  dispose(): void {
    this.ctrl.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
