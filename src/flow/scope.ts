/**
 * One scope per flow: the abort signal of its requests and every timer it set. Disposing the
 * scope (removal of the element) aborts the signal and clears the timers; nothing it started
 * can call back into a later flow.
 */

import { browserClock, clampDelay, type Clock } from '../clock.js';

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
