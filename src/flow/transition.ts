/**
 * The one table of legal moves of the append flow: `transition(state, event)` → the next state
 * and the effects to run. Pure: no clock, no I/O, no DOM. An event a state has no entry for is
 * not a legal move there and changes nothing (a late answer, a stray click, a stale timer).
 */
import type { RegistrationResponseJSON } from '@simplewebauthn/browser';
import type { CompletionType } from '../api/types.js';
import type { SkipReason } from '../contract.js';
import { CorbadoAppendError, asFinal } from '../errors.js';
import type { CeremonyFailure } from '../webauthn/ceremony.js';
import type { FinishOutcome } from './finish.js';
import { CONDITIONAL_TIMEBOX_MS, FINISH_PATIENCE_MS, REFRESH_RETRY_MS } from '../times.js';
import type { Effect, FlowEvent, FlowEventType, FlowState, FlowStateName, Move, Notice, Offer, TimerSlot } from './types.js';

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
/** `move` with `effects` added after its own. */
const also = (move: Move, ...effects: Effect[]): Move => to(move.state, ...move.effects, ...effects);
/** `move` with `effects` run before its own. */
const prepend = (move: Move, ...effects: Effect[]): Move => to(move.state, ...effects, ...move.effects);
const cancel = (slot: TimerSlot): Effect => ({ type: 'cancel', slot });

/** The offer clock of `offer`: fresh options due at `refreshAtMs`, void at `deadlineMs`. */
const clock = ({ refreshAtMs, deadlineMs }: Offer): Effect[] => [
  { type: 'later', slot: 'refresh', atMs: refreshAtMs, event: { type: 'refresh-due' } },
  { type: 'later', slot: 'expiry', atMs: deadlineMs, event: { type: 'expired' } },
];
/** Stop a ceremony and the timer that guards it (the watchdog of the modal one, the time-box of conditional create). */
const stopModal: Effect[] = [{ type: 'abort', ceremony: 'modal' }, cancel('watchdog')];
const stopConditional: Effect[] = [{ type: 'abort', ceremony: 'conditional' }, cancel('timebox')];
/** Stop conditional create, if it runs. */
const dropConditional = (s: In<'ready'>): Effect[] => (s.conditional ? stopConditional : []);

/**
 * The flow ends with `skipped`; everything still running stops (`stop` aborts every ceremony).
 * Focus, if it was in the element, moves on to what follows it, unless the page prevents it.
 */
const skipped = (reason: SkipReason, ...effects: Effect[]): Move =>
  to(
    { name: 'skipped', reason },
    { type: 'stop' },
    ...effects,
    {
      type: 'emit',
      event: 'corbado-append-skip',
      detail: { status: reason === 'user-skipped' || reason === 'finish-pending' ? 'skip-explicit' : 'skip-implicit', reason },
    },
    { type: 'focus', to: 'after' },
  );

/** The user went on: "Not now" (`notNow`, remembered with `snooze-days`) or "Continue" after a final error (`userSkip`). */
const explicitSkip = (...effects: Effect[]): Move =>
  skipped('user-skipped', { type: 'track', eventType: 'append-explicit-abort' }, ...effects);
const userSkip = (): Move => explicitSkip();
const notNow = (): Move => explicitSkip({ type: 'snooze', on: true });
/** A success forgets an earlier "Not now". */
const unsnooze: Effect = { type: 'snooze', on: false };

/** The passkey is there: `success`, everything else stops, focus on the heading. */
const succeed = (state: In<'success'>, ...effects: Effect[]): Move =>
  to(state, { type: 'stop' }, unsnooze, ...effects, { type: 'focus', to: 'title' });

/** Before the offer was shown: report (final), then step aside quietly (nothing to show the user). */
const failEarly = (error: CorbadoAppendError): Move => skipped('error', { type: 'report', error: asFinal(error) });

/** After the offer was shown: report and show the final error; the user can still go on. */
const showError = (state: In<'error'>, ...effects: Effect[]): Move => {
  const error = asFinal(state.error);
  // The primary button (often focused) is gone: keep the keyboard user in the element.
  return to({ ...state, error }, { type: 'stop' }, ...effects, { type: 'report', error }, { type: 'focus', to: 'skip-button' });
};
const failLate = (error: CorbadoAppendError, ...effects: Effect[]): Move => showError({ name: 'error', error }, ...effects);

/**
 * A load that failed in a way another try may well not repeat: no answer — Corbado's (network,
 * timeout, 5xx) or the site's token (its backend unreachable too, on a waking phone) — or options
 * dead on arrival (a device clock set days forward). Nobody asked: the offer stays, a click decides.
 */
const unreachable = (e: On<'load-failed'>): boolean =>
  e.error.code === 'api-unavailable' || e.error.code === 'token-unavailable' || e.error.code === 'expired';

const expiredFinal = () => new CorbadoAppendError('expired', 'expiresMs passed, no appendTokenProvider');

/**
 * JSON text of the attestation (`connectAppendFinishReq.attestationResponse`). Never throws: an
 * extension output JSON cannot carry (a `BigInt`, a cycle) is given as text or left out, so a
 * created passkey always reaches the server.
 */
export function attestationJSON(response: RegistrationResponseJSON): string {
  try {
    return JSON.stringify(response, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return JSON.stringify({ ...response, clientExtensionResults: {} });
  }
}

/** The modal ceremony starts now: `create()` runs inside the current task, its watchdog beside it. */
function create(s: In<'ready'>, completionType: CompletionType): Move {
  const { offer, retry, refused } = s;
  return to(
    { name: 'creating', offer, retry, completionType, ...(refused ? { refused } : {}) },
    ...dropConditional(s),
    { type: 'create', offer },
    { type: 'later', slot: 'watchdog', ms: offer.watchdogMs, event: { type: 'watchdog' } },
  );
}

const ready = (offer: Offer, rest: Partial<In<'ready'>> = {}): In<'ready'> => ({
  name: 'ready',
  offer,
  retry: false,
  refreshing: false,
  conditional: false,
  ...rest,
});

/** The effect that fetches fresh options; `fresh`: on a process of this flow's own (the held one is in doubt). */
const loadOffer = (fresh?: boolean): Effect => (fresh ? { type: 'load-offer', fresh: true } : { type: 'load-offer' });

/**
 * Fresh options for void ones, or the end when no new token can be had. `announce`: the user is
 * told the offer had expired. `fresh`: the options may have been voided on the server (another
 * flow's start, an unanswered start): on a process of this flow's own.
 */
function renew(s: In<'ready'> | In<'creating'>, how: { announce: boolean; fresh: boolean }, ...effects: Effect[]): Move {
  if (!s.offer.renewable) return failLate(expiredFinal(), ...effects);
  const { offer, notice, retry } = s;
  const afterCeremony = s.name === 'creating' ? { afterCeremony: true as const } : {};
  return to(
    { name: 'renewing', offer, ...(notice ? { notice } : {}), retry, announce: how.announce, ...afterCeremony },
    ...effects,
    loadOffer(how.fresh),
  );
}

/** Back at the offer after a ceremony that made no credential: focus on the button again. */
const refocusButton: Effect = { type: 'focus', to: 'primary-button' };

/**
 * Back from a ceremony that made no credential to the offer; when fresh options fell due during
 * it, they are fetched now (a ceremony that ended no longer needs the challenge a start would
 * void; one `aborted` — the watchdog — may still bring a passkey: on a process of our own).
 */
function backToOffer(s: In<'creating'>, rest: Partial<In<'ready'>>, how: { aborted: boolean }, ...effects: Effect[]): Move {
  const shown = ready(s.offer, rest);
  if (!s.refreshDue || !s.offer.renewable) return to(shown, ...effects, refocusButton);
  return to({ ...shown, refreshing: true }, ...effects, loadOffer(how.aborted), refocusButton);
}

/** The finish of a credential made on `offer`'s options (finish.ts). `aside`: its outcome comes back as `finished-aside`. */
export function finishEffect(
  offer: Offer,
  response: RegistrationResponseJSON,
  completionType: CompletionType,
  { aside }: { aside: boolean } = { aside: false },
): Extract<Effect, { type: 'finish' }> {
  return {
    type: 'finish',
    // `connectAppendFinishReq`: the same for every attempt.
    request: {
      attestationResponse: attestationJSON(response),
      completionType,
      ...(offer.start.customData ? { customData: offer.start.customData } : {}),
    },
    deadlineMs: offer.deadlineMs,
    rpId: offer.options.rp.id,
    credentialId: response.id,
    userId: offer.options.user.id,
    ...(offer.processId ? { processId: offer.processId } : {}),
    ...(offer.apiBase ? { apiBase: offer.apiBase } : {}),
    ...(offer.serverClock ? { serverClock: offer.serverClock } : {}),
    ...(aside ? { aside: true as const } : {}),
  };
}

/** The attestation goes to the server (finish.ts); after a while the user may go on. */
function finishing(
  s: In<'ready'> | In<'creating'>,
  { response }: On<'created' | 'conditional-created' | 'late-created'>,
  completionType: CompletionType,
): Move {
  const { offer } = s;
  return to({ name: 'finishing', offer, response, completionType, slow: false }, finishEffect(offer, response, completionType), {
    type: 'later',
    slot: 'patience',
    ms: FINISH_PATIENCE_MS,
    event: { type: 'finish-slow' },
  });
}

/**
 * A credential the flow had stopped waiting for (its ceremony aborted — an expiry, the watchdog,
 * a click — and the browser made it anyway) was finished aside: stored means success, whatever the
 * offer shows now; anything else changes nothing (a refusal was signalled, an undecided one is
 * remembered for reconciliation).
 */
function finishedAside(s: FlowState, e: On<'finished-aside'>): Move {
  const { outcome, completionType } = e;
  if (outcome.kind !== 'confirmed' && outcome.kind !== 'unconfirmed') return to(s);
  const known = outcome.kind === 'confirmed' ? { passkeyOperation: outcome.passkeyOperation } : { unconfirmed: true as const };
  return succeed(
    { name: 'success', alreadyRegistered: false, ...known },
    { type: 'complete', detail: { status: 'complete', completionType, ...known } },
  );
}

/** How the finish ended, for the user and the page. */
function finished(s: In<'finishing'>, outcome: FinishOutcome): Move {
  if (outcome.kind === 'confirmed' || outcome.kind === 'unconfirmed') {
    const known = outcome.kind === 'confirmed' ? { passkeyOperation: outcome.passkeyOperation } : { unconfirmed: true as const };
    return succeed(
      { name: 'success', alreadyRegistered: false, ...known },
      { type: 'complete', detail: { status: 'complete', completionType: s.completionType, ...known } },
    );
  }
  const { error } = outcome;
  const why = outcome.kind === 'rejected' ? 'server refused' : 'no definitive answer';
  const failed = new CorbadoAppendError('finish-failed', `finish: ${why}: ${error.message}`, {
    requestId: error.requestId,
    errorType: error.errorType,
    maybeStored: outcome.kind === 'undecided',
    cause: error,
  });
  return showError({ name: 'error', error: failed, ...(outcome.kind === 'undecided' ? { maybeStored: true as const } : {}) });
}

/** The passkey is already on this authenticator: success-like `complete-noop`. `message`: how it was told. */
const alreadyRegistered = ({ completionType }: In<'creating'>, message?: string): Move =>
  succeed(
    { name: 'success', alreadyRegistered: true },
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
  if (s.completionType === 'auto') return backToOffer(s, { retry: s.retry }, { aborted: false }, track);
  if (excluded) return alreadyRegistered(s, 'refused-at-once');
  if (!s.refused)
    return backToOffer(s, { notice: 'ceremony-cancelled', retry: true, refused: true }, { aborted: false }, track, {
      type: 'report',
      error,
    });
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
    return backToOffer(s, { retry: s.retry }, { aborted: false }, track);
  return backToOffer(s, { notice: error.code as Notice, retry: true }, { aborted: false }, track, { type: 'report', error });
}

/** Conditional create is over without a credential: the normal offer, or autoAppend now. */
const conditionalOver = (s: In<'ready'>): Move =>
  s.offer.start.autoAppend ? create({ ...s, conditional: false }, 'auto') : to({ ...s, conditional: false });

/** The user pressed Continue on the success card: it hides; focus moves on unless the page prevents it. */
const dismiss = (s: In<'success'>): Move =>
  s.dismissed
    ? to(s)
    : to(
        { ...s, dismissed: true },
        { type: 'emit', event: 'corbado-append-continue', detail: { status: s.alreadyRegistered ? 'complete-noop' : 'complete' } },
        { type: 'focus', to: 'after' },
      );

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
      e.appendAllowed ? to(e.kept ? { ...s, kept: true } : s, { type: 'load-offer' }) : skipped('append-not-allowed'),
    voided: (s) => to({ ...s, voided: true }),
    'no-offer': () => skipped('passkey-intel-denied'),
    // A kept process the server refuses (it no longer knows it): once afresh, as a first visit would.
    'load-failed': (s, e) =>
      s.kept && e.error.code === 'api-rejected' ? to({ name: 'loading' }, { type: 'init', fresh: true }) : failEarly(e.error),
    offer: (s, { offer, conditionalCreate }) => {
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
      // Another flow started on this process meanwhile: shown, but never used; fresh options on a
      // process of our own (or, without a token provider, a click ends it).
      if (s.voided) {
        if (!offer.renewable) return to({ ...shown, stale: true }, ...effects);
        return to({ ...shown, stale: true, refreshing: true }, ...effects, loadOffer(true));
      }
      // A restricted browser (the server says) or a known limit (we see) saves passkeys badly, if
      // at all: no automatic attempt of either kind.
      if (start.isRestrictedBrowser || offer.limit) return to(shown, ...effects);
      if (start.conditionalAppend && conditionalCreate) {
        return to(
          { ...shown, conditional: true },
          ...effects,
          { type: 'create-conditional', offer },
          { type: 'later', slot: 'timebox', ms: CONDITIONAL_TIMEBOX_MS, event: { type: 'conditional-failed' } },
        );
      }
      return to(shown, ...effects, ...(start.autoAppend ? [{ type: 'then', event: { type: 'auto' } } as const] : []));
    },
  },

  ready: {
    click: (s, e) => {
      if (s.refreshing) return to(s); // the new start voids these options' challenge
      const doubt = e.voided === true || s.stale === true;
      const late = e.now >= s.offer.deadlineMs || (e.wallNow ?? -Infinity) >= (s.offer.wallDeadlineMs ?? Infinity);
      // A conditional create stopped now may still bring its passkey: fresh options on a process of
      // our own, so the start does not void the challenge that passkey signs.
      if (doubt || late) return renew(s, { announce: true, fresh: doubt || s.conditional === true }, ...dropConditional(s));
      return create(s, s.retry ? 'manual-retry' : 'manual');
    },
    auto: (s) => (s.refreshing || s.stale ? to(s) : create(s, 'auto')),
    skip: notNow,
    'learn-more': learnMore,
    'refresh-due': (s) =>
      s.offer.renewable && !s.refreshing
        ? // The new start voids this challenge on the server: a conditional create on it must not finish.
          to({ ...s, refreshing: true, conditional: false }, ...dropConditional(s), loadOffer(s.stale === true || s.conditional === true))
        : to(s),
    // Another flow's start may have voided these options: fresh ones on a process of our own (a
    // newer load supersedes a running refresh), or, without a token provider, no ceremony on them.
    voided: (s) =>
      s.offer.renewable
        ? to({ ...s, refreshing: true, stale: true, conditional: false }, ...dropConditional(s), loadOffer(true))
        : to({ ...s, stale: true, conditional: false }, ...dropConditional(s)),
    expired: (s) => {
      if (s.refreshing) return to({ ...s, conditional: false }, ...dropConditional(s)); // its outcome decides
      return renew(s, { announce: false, fresh: s.stale === true || s.conditional === true }, ...dropConditional(s));
    },
    offer: (s, { offer }) => {
      if (!s.refreshing) return to(s);
      const { stale: _, ...rest } = s;
      return to({ ...rest, offer, refreshing: false }, ...clock(offer));
    },
    'no-offer': (s) => (s.refreshing ? skipped('passkey-intel-denied') : to(s)),
    'load-failed': (s, e) => {
      if (!s.refreshing) return to(s);
      // Nobody asked for this refresh: a network that is not back yet (a phone waking) is no end —
      // the offer stays, its options never used; a click renews them.
      if (e.now >= s.offer.deadlineMs) return unreachable(e) ? to({ ...s, refreshing: false, stale: true }) : failLate(e.error);
      // Token or a refusal that changed nothing: the options held are as good as before.
      if (!e.suspect && !e.gone) return to({ ...s, refreshing: false });
      // The options are in doubt: never used again. The process is gone: at once on our own;
      // otherwise again in a while, while they would live (a click renews at once).
      const doubted: In<'ready'> = { ...s, refreshing: false, stale: true };
      if (e.gone && !e.fresh) return to({ ...doubted, refreshing: true }, loadOffer(true));
      const retryAt = e.now + REFRESH_RETRY_MS;
      return retryAt < s.offer.deadlineMs
        ? to(doubted, { type: 'later', slot: 'refresh', atMs: retryAt, event: { type: 'refresh-due' } })
        : to(doubted);
    },
    'conditional-created': (s, e) => (s.conditional ? also(finishing(s, e, 'conditional'), cancel('timebox')) : to(s)),
    // Failed, or its time-box ran out: stopped (if it still runs), then the normal offer.
    'conditional-failed': (s) => (s.conditional ? prepend(conditionalOver(s), ...stopConditional) : to(s)),
    'late-created': (s, e) => {
      const { effects, state } = finishing(s, e, e.completionType);
      return to(state, ...dropConditional(s), ...effects);
    },
    'finished-aside': finishedAside,
  },

  renewing: {
    offer: (s, { offer }) => {
      const notice = s.announce ? 'expired' : s.notice;
      return to(
        ready(offer, { ...(notice ? { notice } : {}), retry: s.retry || s.announce }),
        ...clock(offer),
        ...(s.afterCeremony ? [refocusButton] : []),
      );
    },
    'no-offer': () => skipped('passkey-intel-denied'),
    // The process is gone (expired, unknown): once more on a process of our own. A renewal nobody
    // asked for (the options expired while the offer sat there) that found no network: the offer
    // stays, a click renews.
    'load-failed': (s, e) => {
      if (e.gone && !e.fresh) return to(s, loadOffer(true));
      if (!s.announce && unreachable(e)) {
        const { offer, notice, retry } = s;
        return to(ready(offer, { ...(notice ? { notice } : {}), retry, stale: true }), ...(s.afterCeremony ? [refocusButton] : []));
      }
      return failLate(e.error);
    },
    // The renewal may have gone to the process another flow started on: on our own instead.
    voided: (s) => to(s, loadOffer(true)),
    'finished-aside': finishedAside,
    skip: notNow,
    'learn-more': learnMore,
  },

  creating: {
    created: (s, e) => also(finishing(s, e, s.completionType), cancel('watchdog')),
    'create-failed': (s, e) => also(ceremonyFailed(s, e.failure), cancel('watchdog')),
    // Stopped here; its promise may never settle (and is ignored if it does, but a passkey: controller.ts).
    watchdog: (s) =>
      backToOffer(s, { notice: 'ceremony-timeout', retry: true }, { aborted: true }, ...stopModal, {
        type: 'report',
        error: new CorbadoAppendError('ceremony-timeout', 'create() timed out', { recoverable: true }),
      }),
    'refresh-due': (s) => to({ ...s, refreshDue: true }),
    'finished-aside': finishedAside,
    // The credential of a ceremony aborted for this one arrived after all: the passkey. This sheet stops.
    'late-created': (s, e) => {
      const { effects, state } = finishing(s, e, e.completionType);
      return to(state, ...stopModal, ...effects);
    },
    // The sheet is stopped, but the browser may lose the race with the abort: its passkey, if it
    // comes, is finished aside — on its challenge, which a start on the same process would void.
    // Fresh options on a process of our own.
    expired: (s) => {
      if (!s.offer.renewable) return renew(s, { announce: true, fresh: true }, ...stopModal);
      const error = new CorbadoAppendError('expired', 'expiresMs passed in create()', { recoverable: true });
      return renew(s, { announce: true, fresh: true }, ...stopModal, { type: 'report', error });
    },
    // Another flow's start may have voided the challenge this ceremony signs: a passkey made now
    // would be refused. Stopped, and fresh options on a process of our own.
    voided: (s) => {
      if (!s.offer.renewable) return renew(s, { announce: true, fresh: true }, ...stopModal);
      const error = new CorbadoAppendError('expired', 'options voided by another start on their process', { recoverable: true });
      return renew(s, { announce: true, fresh: true }, ...stopModal, { type: 'report', error });
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

  success: { continue: dismiss },
  // A passkey stored after all (its ceremony stopped, the browser lost the race) outdoes the error
  // shown: the user made it, the page learns it.
  error: { skip: userSkip, 'finished-aside': finishedAside },
  skipped: {},
};
