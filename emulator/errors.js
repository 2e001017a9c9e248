/**
 * Corbado-shaped errors (OpenAPI `errorRsp`).
 *
 * Handlers throw an {@link ApiError}; the router turns it into the body Corbado's Frontend API
 * sends on every failure:
 * `{httpStatusCode, message, requestData: {requestID, link}, runtime, error: {type, details, validation?, links: []}}`.
 */
import { randomInt } from 'node:crypto';

/** A failure to answer with a Corbado error body. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status code, e.g. 400
   * @param {string} type `error.type`, e.g. `validation_error`, `not_found`, `internal_error`
   * @param {string} details `error.details`, human readable
   * @param {{field: string, message: string}[]} [validation] `error.validation`, per field
   */
  constructor(status, type, details, validation) {
    super(details);
    this.status = status;
    this.type = type;
    this.details = details;
    this.validation = validation;
    /** @type {Record<string, string>} extra response headers */
    this.headers = {};
  }
}

/**
 * A 400 `validation_error` naming one field.
 * @param {string} field request field, e.g. `appendTokenValue`
 * @param {string} message what is wrong with it
 */
export function validationError(field, message) {
  return new ApiError(400, 'validation_error', `${field}: ${message}`, [{ field, message }]);
}

/**
 * A 405 for a known path called with the wrong method.
 * @param {string[]} allowed the methods the path takes
 */
export function methodNotAllowed(allowed) {
  const err = new ApiError(405, 'method_not_allowed', `use ${allowed.join(' or ')}`);
  err.headers = { allow: allowed.join(', ') };
  return err;
}

/** @returns {string} a request id like Corbado's: `req-` + 19 random digits */
export function newRequestId() {
  let digits = String(randomInt(1, 10));
  while (digits.length < 19) digits += String(randomInt(0, 10));
  return `req-${digits}`;
}

/** Short status texts for `message`. */
const MESSAGES = /** @type {Record<number, string>} */ ({
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
});

/**
 * Build the Corbado error body for `err`.
 * @param {ApiError} err
 * @param {number} startedAt `performance.now()` when the request arrived (ms); gives `runtime` in seconds
 */
export function errorBody(err, startedAt) {
  const requestID = newRequestId();
  return {
    httpStatusCode: err.status,
    message: MESSAGES[err.status] ?? 'Error',
    requestData: { requestID, link: `https://app.corbado.com/requests/${requestID}` },
    runtime: Number(((performance.now() - startedAt) / 1000).toFixed(6)),
    error: {
      type: err.type,
      details: err.details,
      ...(err.validation ? { validation: err.validation } : {}),
      links: [],
    },
  };
}
