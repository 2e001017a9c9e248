/**
 * The offer clock: when the creation options of a start response die (`expiresMs`), and when to
 * fetch fresh ones before that. Pure functions of the numbers given; nothing here reads a clock.
 */

/** Options lifetime used when the server sends no usable `expiresMs`: 5 minutes. */
export const DEFAULT_OPTIONS_TTL_MS = 5 * 60_000;
/** Longest options lifetime we believe: 1 hour. Anything beyond is a clock or server error. */
export const MAX_OPTIONS_TTL_MS = 60 * 60_000;
/** Options that live less than this (relative ms) on arrival are treated as already expired. */
export const MIN_OPTIONS_LIFETIME_MS = 1000;
/** The `Date` header has 1 s resolution and is truncated: the server's clock may be up to 1 s ahead. */
const DATE_HEADER_RESOLUTION_MS = 1000;

/**
 * Options lifetime assumed when `expiresMs` cannot be checked against the server's clock (no
 * readable `Date` header, e.g. cross-origin without `Access-Control-Expose-Headers: Date`) and
 * the local clock would call the options dead on arrival or give them more than
 * `DEFAULT_OPTIONS_TTL_MS`: 2 minutes. A wrong local clock must never cost the user the offer.
 */
export const UNCHECKED_OPTIONS_TTL_MS = 2 * 60_000;
/** Any unix-ms time of this century is above this (2001-09-09); smaller `expiresMs` are not unix ms. */
const PLAUSIBLE_UNIX_MS = 1e12;

/**
 * How long (relative ms, from the response's arrival) the options of a start response stay
 * valid. `expiresMs` is absolute unix ms on the *server's* clock:
 *
 * - with the response's `Date` header it is measured against that (client clock skew cancels
 *   out; the header's 1 s resolution is allowed for);
 * - without one, against the local clock, unless that says "dead on arrival" or "longer than
 *   `DEFAULT_OPTIONS_TTL_MS`": then `UNCHECKED_OPTIONS_TTL_MS` (the local clock is likely wrong);
 * - an `expiresMs` below 1e12 cannot be unix ms: if it reads as unix seconds near the server's
 *   time it is taken as such, otherwise it is a relative duration in ms.
 *
 * The result is clamped to `[0, MAX_OPTIONS_TTL_MS]`; a missing `expiresMs` gives `DEFAULT_OPTIONS_TTL_MS`.
 *
 * @param expiresMs `connectAppendStartRsp.expiresMs`, if a number.
 * @param serverDateMs the response's `Date` header (unix ms), if present.
 * @param receivedAtMs local `Date.now()` at arrival (unix ms).
 */
export function optionsLifetimeMs(expiresMs: number | undefined, serverDateMs: number | undefined, receivedAtMs: number): number {
  const clamp = (ms: number) => Math.min(Math.max(ms, 0), MAX_OPTIONS_TTL_MS);
  if (expiresMs === undefined) return DEFAULT_OPTIONS_TTL_MS;
  const serverNow = serverDateMs === undefined ? receivedAtMs : serverDateMs + DATE_HEADER_RESOLUTION_MS;
  if (expiresMs < PLAUSIBLE_UNIX_MS) {
    const asSeconds = expiresMs * 1000 - serverNow;
    // unix seconds within a day of now (on either clock) — else a duration
    if (Math.abs(asSeconds) > 86_400_000) return clamp(expiresMs);
    expiresMs *= 1000;
  }
  const lifetime = expiresMs - serverNow;
  if (serverDateMs === undefined && (lifetime < MIN_OPTIONS_LIFETIME_MS || lifetime > DEFAULT_OPTIONS_TTL_MS)) {
    return UNCHECKED_OPTIONS_TTL_MS;
  }
  return clamp(lifetime);
}

/**
 * When to fetch fresh options (relative ms from arrival) so a click always finds live ones:
 * a quarter of the lifetime, at most 30 s, before it ends.
 */
export function refreshAfterMs(lifetimeMs: number): number {
  return lifetimeMs - Math.min(lifetimeMs / 4, 30_000);
}

/** The offer's clock on the local time line (all unix ms, local clock). */
export interface OfferTimes {
  /** The options are void from here on: no `create()`, a running one is aborted. */
  deadlineMs: number;
  /** Fresh options are fetched from here on (when a token provider can mint a new token). */
  refreshAtMs: number;
}

/**
 * The local deadline and refresh time of a start response, or `undefined` when its options
 * arrived (nearly) expired. Arguments as for {@link optionsLifetimeMs}.
 */
export function offerTimes(expiresMs: number | undefined, serverDateMs: number | undefined, receivedAtMs: number): OfferTimes | undefined {
  const lifetime = optionsLifetimeMs(expiresMs, serverDateMs, receivedAtMs);
  if (lifetime < MIN_OPTIONS_LIFETIME_MS) return undefined;
  return { deadlineMs: receivedAtMs + lifetime, refreshAtMs: receivedAtMs + refreshAfterMs(lifetime) };
}
