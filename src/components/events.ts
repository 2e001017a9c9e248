/**
 * The element's events: `CustomEvent`s that bubble and are composed (DESIGN.md, "Public contract").
 */
import type { AppendVariant, CompletionType, PasskeyOperation } from '../api/types.js';
import type { CorbadoAppendErrorCode } from '../errors.js';

/** `state` of the element. */
export type AppendState = 'idle' | 'loading' | 'ready' | 'creating' | 'finishing' | 'success' | 'error' | 'skipped';

/**
 * Why the element stepped aside (`corbado-append-skip.reason`). `finish-pending`: the user went on
 * while the passkey was still being saved; the finish goes on in the background. `snoozed`: the
 * user's "Not now" on this device still holds (`snooze-days`); no request was sent.
 */
export type SkipReason =
  'append-not-allowed' | 'passkey-intel-denied' | 'unsupported' | 'user-skipped' | 'finish-pending' | 'snoozed' | 'error';

/** `corbado-append-ready`: the offer is shown; the server's decisions from the start response. */
export interface AppendReadyDetail {
  variant: AppendVariant;
  autoAppend: boolean;
  conditionalAppend: boolean;
  isRestrictedBrowser: boolean;
  /** `connectAppendStartRsp.customData` (opaque string map; empty object when absent). */
  customData: Record<string, string>;
}

/** `corbado-append-complete`: a passkey was created (`complete`) or already existed (`complete-noop`). */
export interface AppendCompleteDetail {
  status: 'complete' | 'complete-noop';
  completionType: CompletionType;
  /** `connectAppendFinishRsp.passkeyOperation`; absent for `complete-noop` and when `unconfirmed`. */
  passkeyOperation?: PasskeyOperation;
  /**
   * The server's confirmation was lost: an attempt went unanswered and the retry of the same
   * attestation was refused (as already used). The passkey is on the device and most likely on
   * the server; it was not signalled away.
   */
  unconfirmed?: true;
  /**
   * Corbado's `clientState` (as `CorbadoConnectAppend` hands `onComplete`): standard base64 of the
   * UTF-8 JSON `{lastLogin, clientEnvHandle}`, each `{data, source, ts}` (`ts` unix ms). Hosts may
   * persist it (e.g. with the user's account) to restore the client state on another device.
   */
  clientState: string;
}

/** `corbado-append-skip`: nothing was created; `skip-explicit` when the user chose it. */
export interface AppendSkipDetail {
  status: 'skip-implicit' | 'skip-explicit';
  reason: SkipReason;
}

/** `corbado-append-error`: one of the design's error codes. Never contains the append token. */
export interface AppendErrorDetail {
  code: CorbadoAppendErrorCode;
  /** True when the user can try again in place. */
  recoverable: boolean;
  /** English, for logs (not for users). */
  message: string;
  /** `requestData.requestID` of a Corbado error body, to quote to Corbado support. */
  requestId?: string;
  /**
   * `finish-failed` only: the finish got no definitive answer before the options' deadline, so the
   * passkey may be stored after all (it was not signalled away; the next offer reconciles it,
   * README "Guarantees"). Absent when the server definitively refused it ("not saved").
   */
  maybeStored?: true;
}

/**
 * `corbado-append-continue`: the user pressed Continue on the success card (cancelable). The card
 * then hides and focus moves on (README "Focus"); `preventDefault()` keeps focus where the page puts it.
 */
export interface AppendContinueDetail {
  status: 'complete' | 'complete-noop';
}

/** `corbado-append-state`: every state change. */
export interface AppendStateDetail {
  state: AppendState;
}

export interface AppendEventDetailMap {
  'corbado-append-ready': AppendReadyDetail;
  'corbado-append-complete': AppendCompleteDetail;
  'corbado-append-skip': AppendSkipDetail;
  'corbado-append-error': AppendErrorDetail;
  'corbado-append-state': AppendStateDetail;
  'corbado-append-continue': AppendContinueDetail;
}

declare global {
  interface HTMLElementEventMap {
    'corbado-append-ready': CustomEvent<AppendReadyDetail>;
    'corbado-append-complete': CustomEvent<AppendCompleteDetail>;
    'corbado-append-skip': CustomEvent<AppendSkipDetail>;
    'corbado-append-error': CustomEvent<AppendErrorDetail>;
    'corbado-append-state': CustomEvent<AppendStateDetail>;
    'corbado-append-continue': CustomEvent<AppendContinueDetail>;
  }
}
