/**
 * What the fixture (test/helpers/fixture.ts) and the second tab (test/helpers/tabs.ts) share: the
 * record of an element's `corbado-append-*` events, what tests read of it, and waiting for one on
 * the page's real timers.
 */
import type { AppendEventName } from '../../src/contract.js';
import { realTimers } from './spies.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- event details are checked field by field */

/** Every event of the element (the public contract). */
export type AppendEventType = AppendEventName;

export interface Recorded {
  type: AppendEventType;
  detail: any;
}

/** Polling of this suite: every 10 ms, for 5 s (the defaults of @open-wc's `waitUntil`: 50 ms, 1 s). */
export const POLL = { interval: 10, timeout: 5000 };

/**
 * Waits on the page's real timers, and on every `changed` callback, until `done()` holds
 * (for tests that stub the global `setTimeout`).
 */
export function until(done: () => boolean, what: () => string, timeoutMs: number, changed: Set<() => void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let timer: number | undefined;
    const check = () => {
      realTimers.clearTimeout(timer);
      if (done()) {
        changed.delete(check);
        resolve();
      } else if (performance.now() - t0 > timeoutMs) {
        changed.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`));
      } else {
        timer = realTimers.setTimeout(check, 20);
      }
    };
    changed.add(check);
    check();
  });
}

/** The events but the state changes, as JSON: what a wait that timed out says it saw. */
export const eventsButStates = (events: Recorded[]): string => JSON.stringify(events.filter((e) => e.type !== 'corbado-append-state'));

/** An element's events, as tests read them. */
export interface EventLog {
  /** Every `corbado-append-*` event, in order. */
  events: Recorded[];
  /** Details of the events of `type` so far. */
  of(type: AppendEventType): any[];
  /** The `state` of each `corbado-append-state` event so far. */
  states(): string[];
  /** The detail of the first event of `type`; waits for it if none came yet. */
  event(type: AppendEventType, timeoutMs?: number): Promise<any>;
}

/**
 * Reads `events`, which its owner fills, running every check in `changed` after each new one.
 * `waiting(type, seen)` names what an `event(type)` that timed out waited for (`seen`: {@link eventsButStates}).
 */
export function eventLog(events: Recorded[], changed: Set<() => void>, waiting: (type: AppendEventType, seen: string) => string): EventLog {
  const of = (type: AppendEventType) => events.filter((e) => e.type === type).map((e) => e.detail);
  return {
    events,
    of,
    states: () => of('corbado-append-state').map((s) => s.state),
    async event(type, timeoutMs = POLL.timeout) {
      await until(
        () => of(type).length > 0,
        () => waiting(type, eventsButStates(events)),
        timeoutMs,
        changed,
      );
      return of(type)[0];
    },
  };
}
