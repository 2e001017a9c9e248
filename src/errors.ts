/**
 * The closed set of error codes `<corbado-append>` reports (docs/design.md, "Errors"). This list is the
 * one definition; the README's error table mirrors it (a test compares the two).
 *
 * - `config-invalid`: `project-id` / `frontend-api-url` unusable; no request was made.
 * - `api-unavailable`: network failure, timeout, HTTP 5xx, redirect, or a body that is not the expected JSON.
 * - `api-rejected`: HTTP 4xx with a Corbado error body (`error.type`, `requestData.requestID` kept).
 * - `token-unavailable`: `appendTokenProvider` threw, timed out or gave an empty token (and no `append-token`).
 * - `options-invalid`: `attestationOptions` unusable, or the browser rejected them (`TypeError`, `NotSupportedError`, `RangeError`); would repeat, so final.
 * - `unsupported`: no WebAuthn here, not a secure context, or a `NotAllowedError` where every `create()` fails so (a frame without the `publickey-credentials-create` permission, an in-app browser that refuses at once).
 * - `security-error`: the relying party ID does not fit this origin (WebAuthn `SecurityError`).
 * - `ceremony-cancelled`: the user cancelled the ceremony (`NotAllowedError`, a foreign `AbortError`); recoverable, the offer stays.
 * - `ceremony-failed`: `create()` failed in another way (`ConstraintError`, `UnknownError`, an extension's error, the page without focus); recoverable.
 * - `ceremony-timeout`: our watchdog ended a ceremony that never settled; recoverable.
 * - `expired`: the options passed `expiresMs`; recoverable while they can be renewed, final otherwise.
 * - `finish-failed`: the passkey was created but the server refused it (it was signalled away), or gave no definitive answer before the options' deadline (`maybeStored: true`; see "Guarantees").
 */
export type CorbadoAppendErrorCode =
  | 'config-invalid'
  | 'api-unavailable'
  | 'api-rejected'
  | 'token-unavailable'
  | 'options-invalid'
  | 'unsupported'
  | 'security-error'
  | 'ceremony-cancelled'
  | 'ceremony-failed'
  | 'ceremony-timeout'
  | 'expired'
  | 'finish-failed';

/** Options of {@link CorbadoAppendError}. */
export interface CorbadoAppendErrorInit {
  /** Whether the user can try again in place (the element stays usable). Default false. */
  recoverable?: boolean;
  /** `requestData.requestID` of a Corbado error body, when the server sent one. */
  requestId?: string;
  /** `error.type` of a Corbado error body (e.g. `validation_error`). */
  errorType?: string;
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** The answer's `Retry-After` (RFC 9110 §10.2.3) as relative ms, when it sent a usable one. */
  retryAfterMs?: number;
  /** A finish without a definitive answer: the passkey may be stored after all (`finish-failed` only). */
  maybeStored?: boolean;
  /** The original error. */
  cause?: unknown;
}

/** A typed failure: every error the element reports is one of these, never a bare `Error`. */
export class CorbadoAppendError extends Error {
  override readonly name = 'CorbadoAppendError';
  readonly code: CorbadoAppendErrorCode;
  readonly recoverable: boolean;
  readonly requestId?: string;
  readonly errorType?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly maybeStored: boolean;

  constructor(code: CorbadoAppendErrorCode, message: string, init: CorbadoAppendErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.recoverable = init.recoverable ?? false;
    this.requestId = init.requestId;
    this.errorType = init.errorType;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.maybeStored = init.maybeStored ?? false;
  }
}

/** `error` where it ends the flow: the same, but not `recoverable` (nothing is tried again in place). */
export function asFinal(error: CorbadoAppendError): CorbadoAppendError {
  if (!error.recoverable) return error;
  const { code, message, requestId, errorType, status, retryAfterMs, maybeStored, cause } = error;
  return new CorbadoAppendError(code, message, { requestId, errorType, status, retryAfterMs, maybeStored, cause });
}

/**
 * The `corbado-append-error` detail of `error`, with every secret (the append tokens used)
 * replaced by `[append token]`: a server may echo a token in an error message.
 */
export function errorDetail(error: CorbadoAppendError, secrets: Iterable<string>) {
  const scrub = (text: string) => [...secrets].reduce((t, secret) => t.split(secret).join('[append token]'), text);
  return {
    code: error.code,
    recoverable: error.recoverable,
    message: scrub(error.message),
    ...(error.requestId ? { requestId: scrub(error.requestId) } : {}),
    ...(error.maybeStored ? { maybeStored: true as const } : {}),
  };
}

/** Any thrown value as a `CorbadoAppendError` (an unknown failure counts as `api-unavailable`). */
export function toAppendError(e: unknown): CorbadoAppendError {
  if (e instanceof CorbadoAppendError) return e;
  return new CorbadoAppendError('api-unavailable', `unexpected: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}
