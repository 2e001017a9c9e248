/**
 * Spies and stubs of page globals: timers (real, fake), the clock, any property, what the page is
 * left holding (timers and listeners: {@link spyLeaks}), `console`, uncaught errors.
 */
import sinon from 'sinon';
import { onCleanup, once } from '../cleanup.js';

/** The page's own timers, taken before any test can wrap or fake `setTimeout`. */
export const realTimers = {
  setTimeout: window.setTimeout.bind(window),
  clearTimeout: window.clearTimeout.bind(window),
};

/**
 * Resolves after `ms` of real time (immune to wrapped or fake timers). Only for a window in which
 * something must *not* happen; wait for what must happen with `waitUntil` or the fixture instead.
 */
export const pause = (ms: number): Promise<void> => new Promise((r) => realTimers.setTimeout(r, ms));

/**
 * sinon fake `setTimeout`/`clearTimeout` (nothing else: `Date`, `performance` and the network stay
 * real), restored after the test. Advance with `await clock.tickAsync(ms)`; wait meanwhile only on
 * what needs no timer (events, `FetchSpy.reached`, the fixture's waits, which use {@link realTimers}).
 */
export function fakeTimers(): sinon.SinonFakeTimers {
  const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  onCleanup(once(() => clock.restore()));
  return clock;
}

/** Makes `Date.now()` read `offsetMs` off the real clock (a client clock that is wrong). */
export function skewClock(offsetMs: number): { restore(): void } {
  const real = Date.now;
  return { restore: stubProperty(Date, 'now', () => real.call(Date) + offsetMs) };
}

/**
 * Replaces `obj[key]` by an own property with `value` (or deletes it, `remove`) until the
 * returned undo runs — by the test or after it, whichever comes first.
 */
export function stubProperty(obj: object, key: string, value: unknown, remove = false): () => void {
  const own = Object.getOwnPropertyDescriptor(obj, key);
  if (remove) delete (obj as Record<string, unknown>)[key];
  else Object.defineProperty(obj, key, { value, configurable: true, writable: true });
  const undo = once(() => {
    if (own) Object.defineProperty(obj, key, own);
    else delete (obj as Record<string, unknown>)[key];
  });
  onCleanup(undo);
  return undo;
}

type TimerFn = (handler: TimerHandler, ms?: number, ...args: unknown[]) => number;
type ClearFn = (id?: number) => void;

/** What the page still holds of what was made since {@link spyLeaks}: each entry says what it is. */
export interface Leaks {
  /** Timeouts set and neither run nor cleared (`"<ms> ms"`). */
  timeouts: string[];
  /** Intervals set and not cleared (`"<ms> ms"`). */
  intervals: string[];
  /** Listeners added to the watched targets and not removed (`"<target> <type> capture=… #<n>"`). */
  listeners: string[];
}

/**
 * The one leak tracker: from now on, every timeout and interval the page sets and every listener
 * added to `targets` (e.g. `{ window, document }`), until run, cleared or removed. `left()` is what
 * is still held; `timeoutsMade()` counts every timeout set (for the message). Undone after the test.
 */
export function spyLeaks(targets: Record<string, EventTarget>): { left(): Leaks; timeoutsMade(): number; restore(): void } {
  const timeouts = new Map<number, string>();
  const intervals = new Map<number, string>();
  let made = 0;
  /** Wraps `set`/`clear`: ids are kept in `ids` until cleared (or, for a timeout, run). */
  const track = (set: 'setTimeout' | 'setInterval', clear: 'clearTimeout' | 'clearInterval', ids: Map<number, string>) => {
    const realSet = window[set] as unknown as TimerFn;
    const realClear = window[clear] as ClearFn;
    const oneShot = set === 'setTimeout';
    const wrappedSet: TimerFn = (handler, ms, ...args) => {
      if (oneShot) made++;
      // Function handlers only (the element passes no strings).
      const run = (...a: unknown[]) => {
        if (oneShot) ids.delete(id);
        if (typeof handler === 'function') (handler as (...x: unknown[]) => void)(...a);
      };
      const id = realSet.call(window, run, ms, ...args);
      ids.set(id, `${ms} ms`);
      return id;
    };
    const wrappedClear: ClearFn = (id) => {
      if (id !== undefined) ids.delete(id);
      realClear.call(window, id);
    };
    return [stubProperty(window, set, wrappedSet), stubProperty(window, clear, wrappedClear)];
  };
  const listeners = new Set<string>();
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const keyOf = (name: string, type: string, l: object, opts: unknown) => {
    if (!ids.has(l)) ids.set(l, nextId++);
    const capture = typeof opts === 'boolean' ? opts : !!(opts as { capture?: boolean } | undefined)?.capture;
    return `${name} ${type} capture=${capture} #${ids.get(l)}`;
  };
  const undo = [...track('setTimeout', 'clearTimeout', timeouts), ...track('setInterval', 'clearInterval', intervals)];
  for (const [name, target] of Object.entries(targets)) {
    /** `method` of `target`, recording each listener it is given (`record`), then doing its work. */
    const recorded = (method: 'addEventListener' | 'removeEventListener', record: (key: string) => unknown) => {
      const original = target[method];
      return stubProperty(
        target,
        method,
        function (this: EventTarget, type: string, l: EventListenerOrEventListenerObject | null, o?: boolean | AddEventListenerOptions) {
          if (l) record(keyOf(name, type, l, o));
          return original.call(this, type, l, o);
        },
      );
    };
    undo.push(
      recorded('addEventListener', (key) => listeners.add(key)),
      recorded('removeEventListener', (key) => listeners.delete(key)),
    );
  }
  return {
    left: () => ({ timeouts: [...timeouts.values()], intervals: [...intervals.values()], listeners: [...listeners] }),
    timeoutsMade: () => made,
    restore: () => undo.forEach((u) => u()),
  };
}

/** Records every `console` line (still printed), errors with their stack, objects as JSON. */
export function spyConsole(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const undo = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((level) => {
    const orig = console[level];
    return stubProperty(console, level, (...args: unknown[]) => {
      lines.push(
        args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}\n${a.stack}` : typeof a === 'string' ? a : safeJson(a))).join(' '),
      );
      orig.apply(console, args);
    });
  });
  return { lines, restore: () => undo.forEach((u) => u()) };
}

/** Records uncaught errors and unhandled rejections of the page. */
export function spyPageErrors(): { errors: unknown[] } {
  const errors: unknown[] = [];
  const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push('reason' in e ? e.reason : e.error);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onError);
  onCleanup(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
  });
  return { errors };
}

/** JSON text of `v`, or `String(v)` where JSON cannot say it. */
export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Bytes of a BufferSource. */
export function bytesOf(b: BufferSource | undefined): number[] {
  if (!b) return [];
  const u8 = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return Array.from(u8);
}
