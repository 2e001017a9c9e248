/**
 * The append flow as data (docs/design.md, "The flow"): the states it can be in, the events that move
 * it, and the effects a move asks for. `transition.ts` is the one table of legal moves; the
 * controller runs the effects and feeds their outcomes back as events.
 */
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import type { AppendFinishRequest, AppendStartResponse, CompletionType, ConnectEventType, PasskeyOperation } from '../api/types.js';
import type { AppendCompleteDetail, AppendEventDetailMap, AppendState, SkipReason } from '../contract.js';
import type { CorbadoAppendError, CorbadoAppendErrorCode } from '../errors.js';
import type { CeremonyFailure } from '../webauthn/ceremony.js';
import type { EnvironmentLimit } from '../webauthn/environment.js';
import type { FinishOutcome } from './finish.js';
import type { OfferTimes } from './offer-clock.js';

/** Checked creation options and the server's decisions of one start response. */
export interface Offer extends OfferTimes {
  options: PublicKeyCredentialCreationOptionsJSON;
  start: AppendStartResponse;
  /** The process whose start issued these options (`X-Corbado-Process-ID`), and the API base it went to: their finish goes there too. */
  processId?: string;
  apiBase?: string;
  /**
   * `deadlineMs` on the wall clock (local unix ms). A phone's monotonic clock may stand still while
   * it sleeps (HR Time, `performance.now()`): the options are void once either clock says so.
   */
  wallDeadlineMs?: number;
  /**
   * The server's clock as read from the start answer's `Date` header (undefined without one): how
   * far (ms) it was ahead of the wall clock (`wallMs`) and of the monotonic one (`monoMs`) when the
   * options arrived, as far as it can have been. Reconciliation reads a finish's records on the
   * server's clock where it can (a device clock set forward must not settle a passkey early).
   */
  serverClock?: ServerClock;
  /** An `appendTokenProvider` can mint the token for fresh options (a token is single-use). */
  renewable: boolean;
  /** Where passkey creation is known to go badly here: no automatic ceremony, a hint. */
  limit?: EnvironmentLimit;
  /** How long (relative ms) a modal ceremony may run before our watchdog ends it. */
  watchdogMs: number;
}

/** The server's clock against this device's: server unix ms minus wall clock ms, minus monotonic ms. */
export interface ServerClock {
  wallMs: number;
  monoMs: number;
}

/**
 * A recoverable failure shown beside the offer (its code picks the text), or `expired` after
 * fresh options replaced void ones.
 */
export type Notice = Extract<CorbadoAppendErrorCode, 'ceremony-cancelled' | 'ceremony-failed' | 'ceremony-timeout' | 'expired'>;

/** Shared by the states that show the offer. */
interface Offering {
  offer: Offer;
  /** What went wrong last, shown beside the offer until the next attempt. */
  notice?: Notice;
  /** A notice was shown: the next click is a `manual-retry`. */
  retry: boolean;
  /** The last click's ceremony was refused at once (`CeremonyFailure` `refused`): another such refusal ends the offer. */
  refused?: true;
}

/** Every state of the flow; each carries only its own data. */
export type FlowState =
  | { name: 'idle' }
  /**
   * init, then the token and start (first load: nothing is shown yet). `kept`: on a kept process
   * (no init this visit), which the server may have forgotten. `voided`: another flow started on
   * the same process meanwhile, so the options on their way may be void.
   */
  | { name: 'loading'; kept?: true; voided?: true }
  /**
   * The offer is shown. `refreshing`: fresh options are on their way (no ceremony meanwhile).
   * `stale`: the options may be void — another flow started on their process, a refresh went out
   * unanswered, or the server refused the process — so a click renews them (on a process of this
   * flow's own) instead of using them.
   */
  | ({ name: 'ready'; refreshing: boolean; conditional: boolean; stale?: true } & Offering)
  /**
   * The options died before use: new token, new start (the old offer stays on screen, busy).
   * `announce`: the user is told they had expired. `afterCeremony`: a ceremony on them was stopped
   * (focus returns to the button with the fresh ones).
   */
  | ({ name: 'renewing'; announce: boolean; afterCeremony?: true } & Offering)
  /**
   * The modal ceremony runs (`navigator.credentials.create`). `refreshDue`: fresh options fell due
   * meanwhile; they are fetched as soon as the ceremony ends without a credential (a start now
   * would void the challenge the ceremony signs).
   */
  | ({ name: 'creating'; completionType: CompletionType; refreshDue?: true } & Offering)
  /** The attestation is being sent (finish.ts). `slow`: it takes long; the user may go on. */
  | { name: 'finishing'; offer: Offer; response: RegistrationResponseJSON; completionType: CompletionType; slow: boolean }
  /**
   * `unconfirmed`: the server's confirmation was lost (finish.ts); `alreadyRegistered`:
   * `complete-noop`; `dismissed`: the user pressed Continue, the card is hidden.
   */
  | { name: 'success'; passkeyOperation?: PasskeyOperation; alreadyRegistered: boolean; unconfirmed?: true; dismissed?: true }
  /** `maybeStored`: a finish without a definitive answer — the passkey may work after all. */
  | { name: 'error'; error: CorbadoAppendError; maybeStored?: true }
  | { name: 'skipped'; reason: SkipReason };

export type FlowStateName = FlowState['name'];

/** The element's public `state` for each flow state (`renewing` shows as `loading`). */
export const PUBLIC_STATE: Record<FlowStateName, AppendState> = {
  idle: 'idle',
  loading: 'loading',
  ready: 'ready',
  renewing: 'loading',
  creating: 'creating',
  finishing: 'finishing',
  success: 'success',
  error: 'error',
  skipped: 'skipped',
};

/** What moves the flow: the user, the controller's timers, and the outcomes of effects. */
export type FlowEvent =
  /** Connected. `problem`: the config is unusable, a "Not now" still holds (`snooze-days`), or WebAuthn is unsupported here. */
  | { type: 'start'; problem?: CorbadoAppendError | 'snoozed' | 'unsupported' }
  /** `kept`: from the kept process, without a request. */
  | { type: 'init-done'; appendAllowed: boolean; kept?: boolean }
  /** Start answered usable options. `conditionalCreate`: the browser reports that capability. */
  | { type: 'offer'; offer: Offer; conditionalCreate: boolean }
  /** Start answered `attestationOptions: ""`: the server chose not to offer a passkey. */
  | { type: 'no-offer' }
  /**
   * init, the token or start failed. `now`: the page's monotonic ms. `suspect`: the start went out and got no
   * answer, so the server may have replaced the challenge of the options held. `gone`: the server
   * refused the process (expired or unknown). `fresh`: the load had opened a process of its own.
   */
  | { type: 'load-failed'; error: CorbadoAppendError; now: number; suspect?: true; gone?: true; fresh?: true }
  /**
   * The primary button. `now`: the page's monotonic ms of the click, `wallNow` its local unix ms.
   * `voided`: another flow's start on the offer's process is marked (claims.ts), read in the click's task.
   */
  | { type: 'click'; now: number; wallNow?: number; voided?: boolean }
  /** Another flow started on the process of the options held (or took it): they may be void (claims.ts). */
  | { type: 'voided' }
  /** autoAppend: start the ceremony without a click, right after the offer is shown. */
  | { type: 'auto' }
  /** "Not now"; "Continue" while a slow finish goes on, or after a final error. */
  | { type: 'skip' }
  /** Continue on the success card. */
  | { type: 'continue' }
  | { type: 'learn-more' }
  /** The offer clock: fresh options are due / the options are void. */
  | { type: 'refresh-due' }
  | { type: 'expired' }
  | { type: 'created'; response: RegistrationResponseJSON }
  | { type: 'create-failed'; failure: CeremonyFailure }
  /** The modal ceremony outlived its watchdog (`Offer.watchdogMs`). */
  | { type: 'watchdog' }
  | { type: 'conditional-created'; response: RegistrationResponseJSON }
  /** Conditional create failed, or its time-box (`CONDITIONAL_TIMEBOX_MS`) ran out. */
  | { type: 'conditional-failed' }
  /** The finish has taken `FINISH_PATIENCE_MS`: the user gets a way on. */
  | { type: 'finish-slow' }
  | { type: 'finish-done'; outcome: FinishOutcome }
  /** A ceremony on the options shown made a credential after it was aborted: it is the passkey. */
  | { type: 'late-created'; response: RegistrationResponseJSON; completionType: CompletionType }
  /** A credential made after its ceremony was aborted was finished aside (controller.ts). */
  | { type: 'finished-aside'; outcome: FinishOutcome; completionType: CompletionType };

export type FlowEventType = FlowEvent['type'];

/** An element event and its detail, as the flow asks for it to be fired. */
export type Emit = {
  [K in keyof AppendEventDetailMap]: { type: 'emit'; event: K; detail: AppendEventDetailMap[K] };
}[keyof AppendEventDetailMap];

/**
 * Where keyboard focus goes: a part of the element (the heading on success, the button again
 * after a failed attempt, the skip button on a final error), or `after` it — on to what follows
 * the element, as it steps aside (README "Continue and focus").
 */
export type FocusTarget = 'title' | 'primary-button' | 'skip-button' | 'after';

/** The flow's timers, one of each at a time (`later`). */
export type TimerSlot = 'refresh' | 'expiry' | 'patience' | 'watchdog' | 'timebox';

/** What a move asks the controller to do; each outcome comes back as a `FlowEvent`. */
export type Effect =
  /** `fresh`: forget the kept process first (init.ts). */
  | { type: 'init'; fresh?: true }
  /** Token and start (load-offer.ts); a newer one supersedes a running one. `fresh`: on a new process of this flow's own. */
  | { type: 'load-offer'; fresh?: true }
  /** Call `create()` now, in this task (user activation); its watchdog is a `later` beside it. */
  | { type: 'create'; offer: Offer }
  /** Silent conditional create; its time-box is a `later` beside it. */
  | { type: 'create-conditional'; offer: Offer }
  /** Abort a ceremony; its outcome is never seen (but a passkey it makes all the same: controller.ts). */
  | { type: 'abort'; ceremony: 'modal' | 'conditional' }
  /**
   * Run the finish rules (finish.ts) for this request; outlives the flow. `credentialId`: base64url;
   * `userId`: the options' `user.id` (base64url), for the reconciliation of an undecided finish.
   */
  | {
      type: 'finish';
      request: AppendFinishRequest;
      deadlineMs: number;
      rpId?: string;
      credentialId: string;
      userId: string;
      /** The process of the options and the API base their start went to: where every attempt goes. */
      processId?: string;
      apiBase?: string;
      /** `Offer.serverClock` of its options. */
      serverClock?: ServerClock;
      /** A credential the flow stopped waiting for: its outcome comes back as `finished-aside`. */
      aside?: true;
    }
  /**
   * Feed `event` after `ms` (relative) or at `atMs` (the page's monotonic ms, as `Offer.deadlineMs`), unless the flow ends first;
   * a later timer of the same `slot` replaces this one (the offer clock of fresh options).
   */
  | { type: 'later'; slot: TimerSlot; event: FlowEvent; ms?: number; atMs?: number }
  /** Cancel the timer of `slot`, if one is pending. */
  | { type: 'cancel'; slot: TimerSlot }
  | Emit
  /**
   * Move keyboard focus once the element has rendered this move, if it is in the element or
   * nowhere. `after`: only when it was in the element as the move began, and only if the page did
   * not prevent the default of the cancelable event fired just before (skip, continue).
   */
  | { type: 'focus'; to: FocusTarget }
  /**
   * Fire `corbado-append-complete` with Corbado's `clientState` added, after keeping its
   * `passkeyOperation` (if any) as the last login.
   */
  | { type: 'complete'; detail: Omit<AppendCompleteDetail, 'clientState'> }
  | { type: 'report'; error: CorbadoAppendError }
  | { type: 'track'; eventType: ConnectEventType; message?: string }
  /** Feed `event` next, after this move (its state is observable in between). */
  | { type: 'then'; event: FlowEvent }
  /** Remember the user's "Not now" (`on`; kept only with `snooze-days` set), or forget it (`on: false`: a success). */
  | { type: 'snooze'; on: boolean }
  /** A final state: stop every timer and abort every ceremony. */
  | { type: 'stop' };

/** The result of a move. */
export interface Move {
  state: FlowState;
  effects: Effect[];
}
