/**
 * The closed set of error codes `<corbado-append>` reports (DESIGN.md, "Errors").
 *
 * - `config-invalid`: `project-id` / `frontend-api-url` unusable; no request was made.
 * - `api-unavailable`: network failure, timeout, HTTP 5xx, redirect, or a body that is not the expected JSON.
 * - `api-rejected`: HTTP 4xx with a Corbado error body (`error.type`, `requestData.requestID` kept).
 * - `token-unavailable`: `appendTokenProvider` threw or gave an empty token (and no `append-token`).
 * - `options-invalid`: `attestationOptions` unusable; `navigator.credentials.create()` was not called.
 * - `unsupported`: no WebAuthn here, or not a secure context.
 * - `security-error`: relying party id does not fit this origin (WebAuthn `SecurityError`).
 * - `ceremony-cancelled`: the user (or the browser on their behalf) cancelled the ceremony.
 * - `ceremony-timeout`: our watchdog ended a ceremony that never settled.
 * - `expired`: the options passed `expiresMs` and could not be refreshed.
 * - `finish-failed`: the passkey was created but the server did not confirm it.
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

  constructor(code: CorbadoAppendErrorCode, message: string, init: CorbadoAppendErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.recoverable = init.recoverable ?? false;
    this.requestId = init.requestId;
    this.errorType = init.errorType;
    this.status = init.status;
  }
}
