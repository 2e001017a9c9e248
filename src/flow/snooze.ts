/**
 * "Not now", remembered (`snooze-days`, opt-in): the unix ms of the user's last "Not now" is kept
 * per project in `localStorage` (`corbado-append:snooze:<projectId>`). While it lasts the flow
 * skips at once (`skip-implicit`, reason `snoozed`) and sends no request; a success clears it.
 * Anything unreadable — no storage, a foreign value, a time in the future — fails open (no snooze).
 */

/** One day in ms. */
export const DAY_MS = 86_400_000;
/** The longest snooze honoured, in days. */
export const MAX_SNOOZE_DAYS = 365;
/** A stored time this far (ms) ahead of the local clock is still taken (clock adjustments). */
const SKEW_MS = 5 * 60_000;

const key = (projectId: string) => `corbado-append:snooze:${projectId}`;

/** `snooze-days` as a number of days (fractions allowed, capped at 365); 0 = off. */
export function snoozeDays(value: unknown): number {
  const days = Number(value);
  return Number.isFinite(days) && days > 0 ? Math.min(days, MAX_SNOOZE_DAYS) : 0;
}

/** Whether a "Not now" at `atMs` (unix ms) still holds at `nowMs` for `days` days. */
export function isSnoozed(atMs: number | undefined, nowMs: number, days: number): boolean {
  return days > 0 && atMs !== undefined && atMs <= nowMs + SKEW_MS && nowMs - atMs < days * DAY_MS;
}

/** The stored "Not now" time of `projectId` (unix ms), or undefined (none, unreadable, corrupt). */
export function readSnooze(storage: Pick<Storage, 'getItem'> | undefined, projectId: string): number | undefined {
  try {
    const raw = storage?.getItem(key(projectId)) ?? '';
    const atMs = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
    return Number.isSafeInteger(atMs) && atMs > 0 ? atMs : undefined;
  } catch {
    return undefined; // storage blocked (sandboxed frame, privacy settings)
  }
}

/** Keep `atMs` (unix ms) as the "Not now" of `projectId`, or forget it (`undefined`). Never throws. */
export function writeSnooze(storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined, projectId: string, atMs?: number): void {
  try {
    if (atMs === undefined) storage?.removeItem(key(projectId));
    else storage?.setItem(key(projectId), String(Math.round(atMs)));
  } catch {
    // quota or blocked storage: the snooze is a convenience, the flow goes on without it
  }
}

/** What the flow asks of the snooze (FlowPorts): backed by `localStorage` in the browser, by a stand-in in tests. */
export interface SnoozePort {
  /** A "Not now" for `projectId` holds now, for `days` (`snooze-days`, raw; ≤ 0 or unset: never). */
  snoozed(projectId: string, days: number | undefined): boolean;
  /** Remember a "Not now" now when `days` > 0 (`snooze-days`, raw), else forget any. */
  snooze(projectId: string, days: number | undefined): void;
}

/**
 * The snooze on `storage()` (called each time: reading `localStorage` may throw).
 * @param now local unix ms
 */
export function snoozeStore(
  storage: () => Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
  now: () => number = () => Date.now(),
): SnoozePort {
  return {
    snoozed: (projectId, days) => isSnoozed(readSnooze(storage(), projectId), now(), snoozeDays(days)),
    snooze: (projectId, days) => writeSnooze(storage(), projectId, snoozeDays(days) > 0 ? now() : undefined),
  };
}
