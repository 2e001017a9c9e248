/**
 * The WebAuthn registration ceremony (`navigator.credentials.create`, WebAuthn L3 §5.1.3) via
 * SimpleWebAuthn's `startRegistration`, and the classification of its failures.
 *
 * `runCeremony` calls `create()` synchronously — before its first `await` — so, called from a
 * click handler, the call happens inside the click's task and its user activation (Safari's rule).
 */
import { startRegistration, WebAuthnAbortService } from '@simplewebauthn/browser';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { CorbadoAppendError } from '../errors.js';

/** How a ceremony ended when it did not produce a credential. */
export type CeremonyFailure =
  /** `InvalidStateError`: a passkey in `excludeCredentials` already lives on this authenticator. */
  | { kind: 'already-registered' }
  /** `NotAllowedError`, or an `AbortError` we did not cause: the user (or browser) said no. */
  | { kind: 'cancelled' }
  /** Our own abort (`abort(reason)`): the reason we gave. */
  | { kind: 'aborted'; reason: string }
  /** Anything else, as one of the design's codes. */
  | { kind: 'error'; error: CorbadoAppendError };

export interface Ceremony {
  /** Resolves with the credential, or rejects with nothing: see `outcome`. */
  readonly result: Promise<RegistrationResponseJSON>;
  /** Abort the ceremony as ours; a later failure is classified `{kind:'aborted', reason}`. */
  abort(reason: string): void;
  /** The reason of our own abort, if we aborted. */
  readonly abortReason: string | undefined;
}

/**
 * Start `navigator.credentials.create()` now (synchronously). `conditional` asks for WebAuthn
 * conditional create (`mediation: 'conditional'`, SimpleWebAuthn `useAutoRegister`).
 * Starting a ceremony aborts any earlier one on the page (SimpleWebAuthn's abort service);
 * that earlier one then sees a foreign-looking `AbortError` unless its owner aborted it first.
 */
export function runCeremony(optionsJSON: PublicKeyCredentialCreationOptionsJSON, conditional = false): Ceremony {
  let abortReason: string | undefined;
  const result = startRegistration({ optionsJSON, useAutoRegister: conditional });
  return {
    result,
    abort(reason) {
      if (abortReason !== undefined) return;
      abortReason = reason;
      WebAuthnAbortService.cancelCeremony();
    },
    get abortReason() {
      return abortReason;
    },
  };
}

/**
 * Classify a failure of `create()` (WebAuthn §5.1.3 error names; SimpleWebAuthn keeps the
 * DOMException name on its `WebAuthnError`).
 * @param ourAbortReason set when our own code aborted the ceremony.
 */
export function classifyCeremonyError(err: unknown, ourAbortReason?: string): CeremonyFailure {
  const name = (err as { name?: unknown } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  const fail = (code: CorbadoAppendError['code'], text: string, recoverable = false): CeremonyFailure => ({
    kind: 'error',
    error: new CorbadoAppendError(code, text, { recoverable, cause: err }),
  });
  if (name === 'InvalidStateError') return { kind: 'already-registered' };
  if (name === 'AbortError') {
    return ourAbortReason !== undefined ? { kind: 'aborted', reason: ourAbortReason } : { kind: 'cancelled' };
  }
  if (ourAbortReason !== undefined) return { kind: 'aborted', reason: ourAbortReason };
  if (name === 'NotAllowedError') return { kind: 'cancelled' };
  if (name === 'SecurityError') return fail('security-error', `The relying party does not fit this site: ${message}`);
  if (name === 'TypeError' || name === 'NotSupportedError') {
    return fail('options-invalid', `The browser rejected the creation options: ${message}`);
  }
  if (typeof PublicKeyCredential === 'undefined' || /not supported/i.test(message)) {
    return fail('unsupported', 'WebAuthn is not available in this browser');
  }
  // ConstraintError, UnknownError, anything an extension throws: the user may try again.
  return fail('ceremony-cancelled', `Passkey creation failed: ${message}`, true);
}
