/**
 * The offer clock: when the creation options of a start response die (`expiresMs`), and when to
 * fetch fresh ones before that. Pure functions of the numbers given; nothing here reads a clock.
 *
 * Absolute times from the server (`expiresMs`, `expiresAt`) become lifetimes (relative ms from the
 * answer's arrival); the flow keeps deadlines on the page's monotonic clock (`Clock.mono`), so a
 * wall clock set forward or back while the offer is shown changes nothing.
 */
import {
  DEFAULT_OPTIONS_TTL_MS,
  MAX_OPTIONS_TTL_MS,
  MIN_OPTIONS_LIFETIME_MS,
  FINISH_MARGIN_MS,
  UNCHECKED_OPTIONS_TTL_MS,
  MAX_CLOCK_SKEW_MS,
} from '../times.js';

/** The `Date` header has 1 s resolution and is truncated: the server's clock may be up to 1 s ahead. */
const DATE_HEADER_RESOLUTION_MS = 1000;

/** Any unix-ms time of this century is above this (2001-09-09); smaller `expiresMs` are not unix ms. */
const PLAUSIBLE_UNIX_MS = 1e12;
/** Unix seconds of this century are above this (2001-09-09); smaller values are relative ms. */
const PLAUSIBLE_UNIX_S = 1e9;

/**
 * The server's "now" (unix ms) at the arrival of an answer, as late as it can be: its `Date`
 * header (when believable) plus the header's resolution plus the round trip (the answer may have
 * spent all of it on the way back); else the local clock.
 */
function serverNowMs(serverDateMs: number | undefined, receivedAtMs: number, roundTripMs = 0): { nowMs: number; dated: boolean } {
  const read = dateNowMs(serverDateMs, roundTripMs);
  const dated = read !== undefined && Math.abs(serverDateMs! - receivedAtMs) <= MAX_CLOCK_SKEW_MS;
  return dated ? { nowMs: read, dated } : { nowMs: receivedAtMs, dated };
}

/** What a `Date` header (unix ms) says of the server's "now" at the answer's arrival, as late as it can be; however far off. */
function dateNowMs(serverDateMs: number | undefined, roundTripMs = 0): number | undefined {
  if (serverDateMs === undefined || !Number.isFinite(serverDateMs)) return undefined;
  return serverDateMs + DATE_HEADER_RESOLUTION_MS + Math.max(0, roundTripMs);
}

/**
 * A `Date` too far from the local clock to be believed (a stale answer — or this device's clock
 * off by days): the server's "now" it reads, as late as it can be; undefined otherwise. Still a
 * reading: a lifetime is the shorter of what it and the local clock give — unless it says the
 * answer's own fresh expiry has passed (a proxy's clock far ahead, not the server's).
 */
function farDateNowMs(serverDateMs: number | undefined, receivedAtMs: number, roundTripMs = 0): number | undefined {
  return serverNowMs(serverDateMs, receivedAtMs).dated ? undefined : dateNowMs(serverDateMs, roundTripMs);
}

/**
 * How far (ms) the server's clock is ahead of this device's at an answer's arrival, as far as it
 * can be (the `Date` header plus its resolution and the round trip); undefined without a `Date`.
 * Used to read times on the server's clock against later answers' `Date` (reconciliation), so
 * believed however far off the device's clock is.
 */
export function serverSkewMs(serverDateMs: number | undefined, receivedAtMs: number, roundTripMs = 0): number | undefined {
  const read = dateNowMs(serverDateMs, roundTripMs);
  return read === undefined ? undefined : read - receivedAtMs;
}

/** The server's "now" (unix ms) at an answer's arrival, as early as it can be: its `Date` header (however far off the device's clock). */
export function serverDateNowMs(serverDateMs: number | undefined): number | undefined {
  return serverDateMs !== undefined && Number.isFinite(serverDateMs) ? serverDateMs : undefined;
}

/**
 * How long (relative ms, from the response's arrival) the options of a start response stay
 * valid. `expiresMs` is absolute unix ms on the *server's* clock:
 *
 * - with the response's `Date` header (within {@link MAX_CLOCK_SKEW_MS} of the local clock) it is
 *   measured against that (client clock skew cancels out; the header's 1 s resolution and the
 *   round trip, which the answer may have spent on its way back, are allowed for);
 * - without one, against the local clock; when that gives more than `DEFAULT_OPTIONS_TTL_MS`,
 *   `UNCHECKED_OPTIONS_TTL_MS` (the local clock may be behind); a `Date` further off than that
 *   (a stale answer, or a device clock off by days) still cuts it short: the shorter reading;
 * - below 1e12 it cannot be unix ms: from 1e9 on it is unix seconds, below that a relative duration in ms.
 *
 * The result is clamped to `[0, MAX_OPTIONS_TTL_MS]` (0: dead on arrival); a missing `expiresMs`
 * gives `DEFAULT_OPTIONS_TTL_MS`.
 *
 * @param expiresMs `connectAppendStartRsp.expiresMs`, if a number.
 * @param serverDateMs the response's `Date` header (unix ms), if present.
 * @param receivedAtMs local `Date.now()` at arrival (unix ms).
 * @param roundTripMs how long the request took, relative ms (default 0).
 */
export function optionsLifetimeMs(
  expiresMs: number | undefined,
  serverDateMs: number | undefined,
  receivedAtMs: number,
  roundTripMs = 0,
): number {
  const clamp = (ms: number) => Math.min(Math.max(ms, 0), MAX_OPTIONS_TTL_MS);
  if (expiresMs === undefined) return DEFAULT_OPTIONS_TTL_MS;
  if (expiresMs < PLAUSIBLE_UNIX_S) return clamp(expiresMs);
  const { nowMs, dated } = serverNowMs(serverDateMs, receivedAtMs, roundTripMs);
  const end = expiresMs < PLAUSIBLE_UNIX_MS ? expiresMs * 1000 : expiresMs;
  let lifetime = end - nowMs;
  if (!dated && lifetime > DEFAULT_OPTIONS_TTL_MS) lifetime = UNCHECKED_OPTIONS_TTL_MS;
  const far = farDateNowMs(serverDateMs, receivedAtMs, roundTripMs);
  // (A `Date` at or after the fresh expiry beside it is no server's clock: a proxy's, ignored.)
  return clamp(far === undefined || far >= end ? lifetime : Math.min(lifetime, end - far));
}

/**
 * How long a process lives from the arrival of an answer (relative ms; ≤ 0: dead): init's
 * `expiresAt` (unix **seconds**, the server's clock) measured like `expiresMs`. Without a
 * believable `Date` header (a kept process, or none sent) the local clock is taken as it is — cut
 * short by a `Date` too far off to be believed (the shorter reading).
 * @param expiresAtS `connectAppendInitRsp.expiresAt`
 */
export function processLifetimeMs(expiresAtS: number, serverDateMs: number | undefined, receivedAtMs: number, roundTripMs = 0): number {
  const lifetime = expiresAtS * 1000 - serverNowMs(serverDateMs, receivedAtMs, roundTripMs).nowMs;
  const far = farDateNowMs(serverDateMs, receivedAtMs, roundTripMs);
  return far === undefined || far >= expiresAtS * 1000 ? lifetime : Math.min(lifetime, expiresAtS * 1000 - far);
}

/**
 * When to fetch fresh options (relative ms from arrival) so a click always finds live ones:
 * a quarter of the lifetime, at most 30 s, before it ends.
 */
export function refreshAfterMs(lifetimeMs: number): number {
  return lifetimeMs - Math.min(lifetimeMs / 4, 30_000);
}

/** The offer's clock, on the page's monotonic clock (`Clock.mono`, ms). */
export interface OfferTimes {
  /** The options are void from here on: no `create()`, a running one is aborted. */
  deadlineMs: number;
  /** Fresh options are fetched from here on (when a token provider can mint a new token). */
  refreshAtMs: number;
}

/**
 * The deadline and refresh time of options that live `lifetimeMs` (relative) from `arrivedAt`
 * (the page's monotonic ms), or `undefined` when they arrived (nearly) dead. Their lifetime is the
 * shorter of the options' ({@link optionsLifetimeMs}) and their process's: options may die with
 * their process (Corbado's contract does not say they outlive it). The deadline comes
 * {@link FINISH_MARGIN_MS} before their end, the refresh a quarter of what is left (at most 30 s)
 * before the deadline.
 */
export function offerTimes(lifetimeMs: number, arrivedAt: number): OfferTimes | undefined {
  const usable = lifetimeMs - FINISH_MARGIN_MS;
  if (!(usable >= MIN_OPTIONS_LIFETIME_MS)) return undefined;
  return { deadlineMs: arrivedAt + usable, refreshAtMs: arrivedAt + refreshAfterMs(usable) };
}
