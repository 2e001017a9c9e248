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
  /** Anything else, as one of the design's codes (`ceremony-cancelled` for a user cancel). */
  | { kind: 'error'; error: CorbadoAppendError };

/** A running `create()`. */
export interface Ceremony {
  /** Resolves with the credential; rejects with what `create()` threw. */
  readonly result: Promise<RegistrationResponseJSON>;
  /** Abort it (SimpleWebAuthn's abort service). Whoever aborts has already moved on: the flow ignores its outcome. */
  abort(): void;
}

/**
 * Start `navigator.credentials.create()` now (synchronously). `conditional` asks for WebAuthn
 * conditional create (`mediation: 'conditional'`, SimpleWebAuthn `useAutoRegister`).
 * Starting a ceremony aborts any earlier one on the page (SimpleWebAuthn's abort service).
 */
export function runCeremony(optionsJSON: PublicKeyCredentialCreationOptionsJSON, conditional = false): Ceremony {
  let settled = false;
  const result = startRegistration({ optionsJSON, useAutoRegister: conditional });
  const done = () => void (settled = true);
  result.then(done, done);
  return {
    result,
    abort() {
      // Once settled, the page's abort service may hold someone else's ceremony: leave it be.
      if (!settled) WebAuthnAbortService.cancelCeremony();
      settled = true;
    },
  };
}

/**
 * Classify a failure of `create()` (WebAuthn §5.1.3 error names; SimpleWebAuthn keeps the
 * DOMException name on its `WebAuthnError`). Our own aborts never get here (the flow drops the
 * outcome of a ceremony it aborted), so an `AbortError` is someone else's: a user cancel.
 */
export function classifyCeremonyError(err: unknown): CeremonyFailure {
  const name = (err as { name?: unknown } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  const fail = (code: CorbadoAppendError['code'], text: string, recoverable = false): CeremonyFailure => ({
    kind: 'error',
    error: new CorbadoAppendError(code, text, { recoverable, cause: err }),
  });
  if (name === 'InvalidStateError') return { kind: 'already-registered' };
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return fail('ceremony-cancelled', `The user cancelled passkey creation: ${message}`, true);
  }
  if (name === 'SecurityError') return fail('security-error', `The relying party does not fit this site: ${message}`);
  if (name === 'TypeError' || name === 'NotSupportedError') {
    return fail('options-invalid', `The browser rejected the creation options: ${message}`);
  }
  if (typeof PublicKeyCredential === 'undefined' || /not supported/i.test(message)) {
    return fail('unsupported', 'WebAuthn is not available in this browser');
  }
  // ConstraintError, UnknownError, anything an extension throws: the user may try again.
  return fail('ceremony-failed', `Passkey creation failed: ${message}`, true);
}
