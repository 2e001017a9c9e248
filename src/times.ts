/**
 * Every duration the element waits, allows or assumes, in one place (docs/design.md, "The flow").
 * All are relative milliseconds (`_MS`). Who reads each is named beside it.
 */

// ── requests (api/client.ts, flow/load-offer.ts) ────────────────────────────

/** How long one request may take before the client gives up on it. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** Longest `Retry-After` honoured: a larger one reads as this. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** How long `appendTokenProvider` may take before the token counts as unavailable (`token-unavailable`). */
export const TOKEN_TIMEOUT_MS = 15_000;

// ── the options' life (flow/offer-clock.ts) ─────────────────────────────────

/** Options lifetime used when the server sends no usable `expiresMs`: 5 minutes. */
export const DEFAULT_OPTIONS_TTL_MS = 5 * 60_000;
/** Longest options lifetime we believe: 1 hour. Anything beyond is a clock or server error. */
export const MAX_OPTIONS_TTL_MS = 60 * 60_000;
/** Options that live less than this on arrival are treated as already expired. */
export const MIN_OPTIONS_LIFETIME_MS = 1000;
/**
 * A passkey made this shortly before its options die would reach the server too late (the
 * finish's way there): the offer's deadline comes this much earlier.
 */
export const FINISH_MARGIN_MS = 2000;
/**
 * Options lifetime assumed when `expiresMs` cannot be checked against the server's clock (no
 * readable `Date` header, e.g. cross-origin without `Access-Control-Expose-Headers: Date`) and the
 * local clock gives them more than `DEFAULT_OPTIONS_TTL_MS`: 2 minutes. A local clock that is
 * behind must not make dead options look alive for long; one that says "already past" is believed
 * (dead options never get a life).
 */
export const UNCHECKED_OPTIONS_TTL_MS = 2 * 60_000;
/**
 * A `Date` header further than this from the local clock is not believed (one day): a stale,
 * replayed or rewritten answer, not a device clock that is off by hours (time zone mistakes are
 * whole hours, under a day).
 */
export const MAX_CLOCK_SKEW_MS = 86_400_000;
/** A refresh that failed with its options in doubt is tried again after this long, while they would live (flow/transition.ts). */
export const REFRESH_RETRY_MS = 3000;
/**
 * A process that dies sooner than this, with less than a quarter of its life left, gets no more
 * starts: a new process first (a short-lived one is not replaced by another as short; flow/controller.ts).
 */
export const PROCESS_MARGIN_MS = 30_000;

// ── ceremonies (flow/transition.ts, flow/load-offer.ts, webauthn/ceremony.ts) ─

/** Conditional create gets this long before we fall through to the normal offer (its time-box). */
export const CONDITIONAL_TIMEBOX_MS = 3000;
/** `create()`'s timeout assumed when the options give none (WebAuthn §5.4 leaves it to the browser). */
export const DEFAULT_CREATE_TIMEOUT_MS = 290_000;
/** The watchdog of a modal ceremony ends it this long after its `timeout` (unless `ceremonyTimeoutMs` is set). */
export const WATCHDOG_GRACE_MS = 10_000;
/**
 * A `NotAllowedError` sooner than this after `create()` was called is the browser's own refusal,
 * not a user's cancel: a cancel needs the passkey sheet to appear and a person to react (≥ ≈ 500
 * ms: the sheet's presentation plus a reaction time of ≈ 250 ms), while the refusals measured here
 * (README "Engines": Chromium, Firefox, under CI load) take 0–330 ms.
 */
export const REFUSED_AT_ONCE_MS = 500;

// ── the finish (flow/finish.ts, flow/reconcile.ts, flow/claims.ts) ──────────

/** Pauses before each further attempt whose outcome is unknown; the last repeats. */
export const FINISH_BACKOFF_MS = [400, 1200, 2500, 5000];
/** After this long on "Saving your passkey…" the user may go on; the finish goes on (flow/transition.ts). */
export const FINISH_PATIENCE_MS = 4000;
/** How long after its finish ended an undecided credential may be settled: a late request has arrived by then. */
export const SETTLE_MS = 60_000;
/** How long a finish may go on past its deadline (its last attempts, their timeouts, a `Retry-After`). */
export const FINISH_TAIL_MS = 2 * 60_000;
/**
 * How long another flow's start may still be on its way to the server after it was marked: the
 * client's timeout, and the minute a request it gave up on may take to arrive (README "Guarantees",
 * the same assumption as `SETTLE_MS`). A process another flow marked within this time is not used:
 * that start may still land and void the options.
 */
export const IN_FLIGHT_MS = ATTEMPT_TIMEOUT_MS + SETTLE_MS;
