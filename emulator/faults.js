/**
 * Fault injection: answers that a broken network, proxy or server gives instead of the API's.
 */
import { ApiError, errorBody } from './errors.js';
import { sendJson, sendText } from './http.js';

/** Longest a `timeout` fault holds a request before destroying its socket, in ms (120 s). */
export const TIMEOUT_CAP_MS = 120_000;

/** A 200 HTML page, as a captive portal or a misrouted reverse proxy answers. */
const HTML_PAGE =
  '<!doctype html><html><head><title>Welcome</title></head>' +
  '<body><h1>Service temporarily unavailable</h1><p>Please sign in to the network.</p></body></html>';

/** A 504 page, as a load balancer sends when the server behind it took too long. */
const GATEWAY_PAGE =
  '<!doctype html><html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>';

/** JSON text cut off mid-way, as a dropped connection behind a buffering proxy delivers. */
const TRUNCATED_JSON = '{"attestationOptions":"{\\"publicKey\\":{\\"rp\\":{\\"id\\":\\"loc';

/**
 * Answer `res` with the fault `kind` (contract.js `FAULT_KINDS`; tsc checks every kind is answered).
 * @param {import('./contract.js').FaultKind} kind
 * @param {import('node:http').ServerResponse} res
 * @param {{startedAt: number, hung: Set<import('node:http').ServerResponse>, timeoutCapMs?: number}} ctx
 *   startedAt: `performance.now()` at arrival (ms); hung: the emulator's held responses (a `timeout`
 *   adds itself until its client disconnects or the cap, in ms, destroys it)
 */
export function sendFault(kind, res, { startedAt, hung, timeoutCapMs = TIMEOUT_CAP_MS }) {
  switch (kind) {
    case 'http-500':
    case 'stored-500':
      return sendJson(res, 500, errorBody(new ApiError(500, 'internal_error', `injected fault: ${kind}`), startedAt));
    case 'http-400':
      return sendJson(res, 400, errorBody(new ApiError(400, 'validation_error', 'injected fault: http-400'), startedAt));
    case 'html':
    case 'stored-200-html':
      return sendText(res, 200, 'text/html; charset=utf-8', HTML_PAGE);
    case 'stored-504-html':
      return sendText(res, 504, 'text/html; charset=utf-8', GATEWAY_PAGE);
    case 'drop':
    case 'stored-drop':
      return void res.destroy();
    case 'malformed':
      return sendText(res, 200, 'application/json; charset=utf-8', TRUNCATED_JSON);
    case 'timeout': {
      const cap = setTimeout(() => res.destroy(), timeoutCapMs);
      hung.add(res);
      res.on('close', () => {
        clearTimeout(cap);
        hung.delete(res);
      });
      return;
    }
    default: {
      /** @type {never} a kind of FAULT_KINDS that this switch does not answer */
      const unanswered = kind;
      throw new Error(`unknown fault kind ${unanswered}`);
    }
  }
}
