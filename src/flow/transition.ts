/**
 * The one table of legal moves of the append flow: `transition(state, event)` → the next state
 * and the effects to run. Pure: no clock, no I/O, no DOM. An event a state has no entry for is
 * not a legal move there and changes nothing (a late answer, a stray click, a stale timer).
 */
import type { CompletionType } from '../api/types.js';
import type { SkipReason } from '../components/events.js';
import { CorbadoAppendError } from '../errors.js';
import type { CeremonyFailure } from '../webauthn/ceremony.js';
import type { FinishOutcome } from './finish.js';
import type { Effect, FlowEvent, FlowEventType, FlowState, FlowStateName, Move, Notice, Offer } from './types.js';

/** After this long (relative ms) on "Saving your passkey…" the user may go on; the finish goes on. */
export const FINISH_PATIENCE_MS = 4000;

type In<N extends FlowStateName> = Extract<FlowState, { name: N }>;
type On<T extends FlowEventType> = Extract<FlowEvent, { type: T }>;
type Moves<N extends FlowStateName> = { [T in FlowEventType]?: (s: In<N>, e: On<T>) => Move };

export function transition(state: FlowState, event: FlowEvent): Move {
  const moves = TABLE[state.name] as Moves<FlowStateName>;
  const move = moves[event.type] as ((s: FlowState, e: FlowEvent) => Move) | undefined;
  return move ? move(state, event) : { state, effects: [] };
}

// ── building blocks ─────────────────────────────────────────────────────────

const to = (state: FlowState, ...effects: Effect[]): Move => ({ state, effects });
const abortConditional: Effect = { type: 'abort', ceremony: 'conditional' };
/** The offer clock of `offer`: fresh options due at `refreshAtMs`, void at `deadlineMs`. */
const clock = ({ refreshAtMs, deadlineMs }: Offer): Effect[] => [
  { type: 'later', slot: 'refresh', atMs: refreshAtMs, event: { type: 'refresh-due' } },
  { type: 'later', slot: 'expiry', atMs: deadlineMs, event: { type: 'expired' } },
];
/** Abort conditional create, if it runs. */
const dropConditional = (s: In<'ready'>): Effect[] => (s.conditional ? [abortConditional] : []);

/** The flow ends with `skipped`; everything still running stops (`stop` aborts every ceremony). */
const skipped = (reason: SkipReason, ...effects: Effect[]): Move =>
  to({ name: 'skipped', reason }, { type: 'stop' }, ...effects, {
    type: 'emit',
    event: 'corbado-append-skip',
    detail: { status: reason === 'user-skipped' || reason === 'finish-pending' ? 'skip-explicit' : 'skip-implicit', reason },
  });

/** The user's "Continue" after a final error; `notNow`: the user's "Not now", remembered with `snooze-days`. */
const explicitSkip = (...effects: Effect[]): Move =>
  skipped('user-skipped', { type: 'track', eventType: 'append-explicit-abort' }, ...effects);
const userSkip = (): Move => explicitSkip();
const notNow = (): Move => explicitSkip({ type: 'snooze', on: true });
/** A success forgets an earlier "Not now". */
const unsnooze: Effect = { type: 'snooze', on: false };

/** Before the offer was shown: report, then step aside quietly (nothing to show the user). */
const failEarly = (error: CorbadoAppendError): Move => skipped('error', { type: 'report', error });

/** After the offer was shown: report and show the final error; the user can still go on. */
const showError = (state: In<'error'>, ...effects: Effect[]): Move =>
  to(state, { type: 'stop' }, ...effects, { type: 'report', error: state.error });
const failLate = (error: CorbadoAppendError, ...effects: Effect[]): Move => showError({ name: 'error', error }, ...effects);

const expiredFinal = () => new CorbadoAppendError('expired', 'expiresMs passed, no appendTokenProvider');

/** The modal ceremony starts now: `create()` runs inside the current task. */
function create(s: In<'ready'>, completionType: CompletionType): Move {
  const { offer, retry, refused } = s;
  return to({ name: 'creating', offer, retry, completionType, ...(refused ? { refused } : {}) }, ...dropConditional(s), {
    type: 'create',
    offer,
  });
}

const ready = (offer: Offer, rest: Partial<In<'ready'>> = {}): In<'ready'> => ({
  name: 'ready',
  offer,
  retry: false,
  refreshing: false,
  conditional: false,
  ...rest,
});

/** Fresh options for void ones, or the end when no new token can be had. */
function renew(s: In<'ready'> | In<'creating'>, announce: boolean, ...effects: Effect[]): Move {
  if (!s.offer.renewable) return failLate(expiredFinal(), ...effects);
  const { offer, notice, retry } = s;
  return to({ name: 'renewing', offer, ...(notice ? { notice } : {}), retry, announce }, ...effects, { type: 'load-offer' });
}

/** The attestation goes to the server (finish.ts); after a while the user may go on. */
function finishing(
  s: In<'ready'> | In<'creating'>,
  { response }: On<'created' | 'conditional-created'>,
  completionType: CompletionType,
): Move {
  const { offer } = s;
  return to(
    { name: 'finishing', offer, response, completionType, slow: false },
    {
      type: 'finish',
      // `connectAppendFinishReq`: the same for every attempt.
      request: {
        attestationResponse: JSON.stringify(response),
        completionType,
        ...(offer.start.customData ? { customData: offer.start.customData } : {}),
      },
      deadlineMs: offer.deadlineMs,
      rpId: offer.options.rp.id,
      credentialId: response.id,
    },
    { type: 'later', slot: 'patience', ms: FINISH_PATIENCE_MS, event: { type: 'finish-slow' } },
  );
}

/** How the finish ended, for the user and the page. */
function finished(s: In<'finishing'>, outcome: FinishOutcome): Move {
  if (outcome.kind === 'confirmed' || outcome.kind === 'unconfirmed') {
    const known = outcome.kind === 'confirmed' ? { passkeyOperation: outcome.passkeyOperation } : { unconfirmed: true as const };
    return to({ name: 'success', alreadyRegistered: false, ...known }, { type: 'stop' }, unsnooze, {
      type: 'complete',
      detail: { status: 'complete', completionType: s.completionType, ...known },
    });
  }
  const { error } = outcome;
  const why = outcome.kind === 'rejected' ? 'server refused' : 'no definitive answer';
  const failed = new CorbadoAppendError('finish-failed', `finish: ${why}: ${error.message}`, {
    requestId: error.requestId,
    errorType: error.errorType,
    cause: error,
  });
  return showError({ name: 'error', error: failed, ...(outcome.kind === 'undecided' ? { maybeStored: true as const } : {}) });
}

/** The passkey is already on this authenticator: success-like `complete-noop`. `message`: how it was told. */
const alreadyRegistered = ({ completionType }: In<'creating'>, message?: string): Move =>
  to(
    { name: 'success', alreadyRegistered: true },
    { type: 'stop' },
    unsnooze,
    { type: 'track', eventType: 'append-credential-exists', ...(message ? { message } : {}) },
    { type: 'complete', detail: { status: 'complete-noop', completionType } },
  );

/**
 * `create()` refused at once (no user cancels that fast; README "Engines"). After autoAppend: the
 * button, silently (Safari refuses without user activation). After a click, with credentials to
 * exclude: they are on this device (Safari's `NotAllowedError` for an excluded credential, WebKit
 * bug 219813) — `complete-noop`. Otherwise the first refusal reads as a cancel; a second one in a
 * row repeats identically: the end, never another "try again".
 */
function refusedAtOnce(s: In<'creating'>, { excluded, error }: Extract<CeremonyFailure, { kind: 'refused' }>): Move {
  const track: Effect = { type: 'track', eventType: 'append-error', message: 'refused-at-once' };
  if (s.completionType === 'auto') return to(ready(s.offer, { retry: s.retry }), track);
  if (excluded) return alreadyRegistered(s, 'refused-at-once');
  if (!s.refused) return to(ready(s.offer, { notice: 'ceremony-cancelled', retry: true, refused: true }), track, { type: 'report', error });
  const final = new CorbadoAppendError('unsupported', `refused at once twice: ${error.message}`, {
    cause: error,
  });
  return failLate(final, { ...track, message: `refused-at-once: ${final.message}` });
}

/** A failed modal ceremony: success-like, back to the offer with a notice, or the end. */
function ceremonyFailed(s: In<'creating'>, failure: CeremonyFailure): Move {
  const { completionType } = s;
  if (failure.kind === 'already-registered') return alreadyRegistered(s);
  if (failure.kind === 'refused') return refusedAtOnce(s, failure);
  const { error, reason } = failure;
  // What happened, by name: user cancel, focus loss, frame permission, environment, unknown.
  const track: Effect =
    reason === 'unknown'
      ? { type: 'track', eventType: 'append-error-unexpected', message: `unknown: ${error.message}` }
      : { type: 'track', eventType: 'append-error', message: error.recoverable ? reason : `${reason}: ${error.message}` };
  if (!error.recoverable) return failLate(error, track);
  // autoAppend refused (a cancel, or no focus/activation yet): the button, silently — no notice, no error, no loop.
  if (completionType === 'auto' && (reason === 'user-cancel' || reason === 'focus-loss'))
    return to(ready(s.offer, { retry: s.retry }), track);
  return to(ready(s.offer, { notice: error.code as Notice, retry: true }), track, { type: 'report', error });
}

/** Conditional create is over without a credential: the normal offer, or autoAppend now. */
const conditionalOver = (s: In<'ready'>): Move =>
  s.offer.start.autoAppend ? create({ ...s, conditional: false }, 'auto') : to({ ...s, conditional: false });

const learnMore = (s: FlowState): Move => to(s, { type: 'track', eventType: 'append-learn-more' });

// ── the table ───────────────────────────────────────────────────────────────

const TABLE: { [N in FlowStateName]: Moves<N> } = {
  idle: {
    start: (_, e) =>
      e.problem === 'unsupported' || e.problem === 'snoozed'
        ? skipped(e.problem)
        : e.problem
          ? failEarly(e.problem)
          : to({ name: 'loading' }, { type: 'init' }),
  },

  loading: {
    'init-done': (s, e) =>
      e.appendAllowed ? to(e.kept ? { name: 'loading', kept: true } : s, { type: 'load-offer' }) : skipped('append-not-allowed'),
    'no-offer': () => skipped('passkey-intel-denied'),
    // A kept process the server refuses (it no longer knows it): once afresh, as a first visit would.
    'load-failed': (s, e) =>
      s.kept && e.error.code === 'api-rejected' ? to({ name: 'loading' }, { type: 'init', fresh: true }) : failEarly(e.error),
    offer: (_, { offer, conditionalCreate }) => {
      const { start } = offer;
      const shown = ready(offer);
      const effects: Effect[] = [
        ...clock(offer),
        {
          type: 'emit',
          event: 'corbado-append-ready',
          detail: {
            variant: start.variant,
            autoAppend: start.autoAppend,
            conditionalAppend: start.conditionalAppend,
            isRestrictedBrowser: start.isRestrictedBrowser,
            customData: start.customData ?? {},
          },
        },
      ];
      // A restricted browser (the server says) or a known limit (we see) saves passkeys badly, if
      // at all: no automatic attempt of either kind.
      if (start.isRestrictedBrowser || offer.limit) return to(shown, ...effects);
      if (start.conditionalAppend && conditionalCreate) {
        return to({ ...shown, conditional: true }, ...effects, { type: 'create-conditional', offer });
      }
      return to(shown, ...effects, ...(start.autoAppend ? [{ type: 'then', event: { type: 'auto' } } as const] : []));
    },
  },

  ready: {
    click: (s, e) => {
      if (s.refreshing) return to(s); // the new start voids these options' challenge
      if (e.now >= s.offer.deadlineMs) return renew(s, true, ...dropConditional(s));
      return create(s, s.retry ? 'manual-retry' : 'manual');
    },
    auto: (s) => create(s, 'auto'),
    skip: notNow,
    'learn-more': learnMore,
    'refresh-due': (s) =>
      s.offer.renewable && !s.refreshing
        ? // The new start voids this challenge on the server: a conditional create on it must not finish.
          to({ ...s, refreshing: true, conditional: false }, ...dropConditional(s), { type: 'load-offer' })
        : to(s),
    expired: (s) => {
      if (s.refreshing) return to({ ...s, conditional: false }, ...dropConditional(s)); // its outcome decides
      return renew(s, false, ...dropConditional(s));
    },
    offer: (s, { offer }) => (s.refreshing ? to({ ...s, offer, refreshing: false }, ...clock(offer)) : to(s)),
    'no-offer': (s) => (s.refreshing ? skipped('passkey-intel-denied') : to(s)),
    // A failed early refresh keeps the still-valid offer; at the deadline it is the end.
    'load-failed': (s, e) => (!s.refreshing ? to(s) : e.now >= s.offer.deadlineMs ? failLate(e.error) : to({ ...s, refreshing: false })),
    'conditional-created': (s, e) => (s.conditional ? finishing(s, e, 'conditional') : to(s)),
    'conditional-failed': (s) => (s.conditional ? conditionalOver(s) : to(s)),
  },

  renewing: {
    offer: (s, { offer }) => {
      const notice = s.announce ? 'expired' : s.notice;
      return to(ready(offer, { ...(notice ? { notice } : {}), retry: s.retry || s.announce }), ...clock(offer));
    },
    'no-offer': () => skipped('passkey-intel-denied'),
    'load-failed': (_, e) => failLate(e.error),
    skip: notNow,
    'learn-more': learnMore,
  },

  creating: {
    created: (s, e) => finishing(s, e, s.completionType),
    'create-failed': (s, e) => ceremonyFailed(s, e.failure),
    // The controller has aborted the ceremony; its promise may never settle (and is ignored if it does).
    watchdog: (s) =>
      to(ready(s.offer, { notice: 'ceremony-timeout', retry: true }), {
        type: 'report',
        error: new CorbadoAppendError('ceremony-timeout', 'create() timed out', { recoverable: true }),
      }),
    expired: (s) => {
      const abort: Effect = { type: 'abort', ceremony: 'modal' };
      if (!s.offer.renewable) return renew(s, true, abort);
      const error = new CorbadoAppendError('expired', 'expiresMs passed in create()', { recoverable: true });
      return renew(s, true, abort, { type: 'report', error });
    },
    skip: notNow,
    'learn-more': learnMore,
  },

  finishing: {
    'learn-more': learnMore,
    'finish-slow': (s) => to({ ...s, slow: true }),
    // The user goes on; the finish goes on in the background (finish.ts) and still decides.
    skip: (s) => (s.slow ? skipped('finish-pending') : to(s)),
    'finish-done': (s, e) => finished(s, e.outcome),
  },

  success: {},
  error: { skip: userSkip },
  skipped: {},
};
