/**
 * Small HTTP helpers on Node's IncomingMessage / ServerResponse (no framework).
 */
import { ApiError } from './errors.js';

/** Default JSON request body limit, in bytes. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Read and parse a JSON request body.
 *
 * When a host framework already consumed the stream, its parsed `req.body` is used instead.
 * @param {import('node:http').IncomingMessage & {body?: unknown}} req
 * @param {number} [limit] maximum body size in bytes
 * @returns {Promise<unknown>} the parsed value, or `undefined` for an empty body
 * @throws {ApiError} 413 `validation_error` when larger than `limit`, 400 `invalid_json` when not JSON
 */
export function readJsonBody(req, limit = BODY_LIMIT_BYTES) {
  if (req.readableEnded) {
    return Promise.resolve(req.body).then((body) => (typeof body === 'string' ? parseJson(body) : body));
  }
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      if (size > limit) return; // already rejected: drain the rest, keep the connection usable
      size += chunk.length;
      if (size > limit) reject(new ApiError(413, 'validation_error', `request body exceeds ${limit} bytes`));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return;
      try {
        resolve(parseJson(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

/** @param {string} text */
function parseJson(text) {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'request body is not valid JSON');
  }
}

/**
 * Whether `res` can still be written to (not answered yet, client still there).
 * @param {import('node:http').ServerResponse} res
 */
export function writable(res) {
  return !res.headersSent && !res.destroyed && !res.writableEnded;
}

/**
 * Send `body` as JSON.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers] extra headers
 */
export function sendJson(res, status, body, headers) {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

/**
 * Send a text body with the given content type; no-op when `res` is no longer writable.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} contentType
 * @param {string} text
 * @param {Record<string, string>} [headers] extra headers
 */
export function sendText(res, status, contentType, text, headers = {}) {
  if (!writable(res)) return;
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/**
 * Send an empty 204.
 * @param {import('node:http').ServerResponse} res
 */
export function sendNoContent(res) {
  if (!writable(res)) return;
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

/**
 * The request's own origin, e.g. `http://localhost:5173` (from the Host header).
 * @param {import('node:http').IncomingMessage} req
 */
export function selfOrigin(req) {
  const encrypted = /** @type {{encrypted?: boolean}} */ (req.socket).encrypted;
  const proto = headerValue(req, 'x-forwarded-proto') ?? (encrypted ? 'https' : 'http');
  return `${proto}://${headerValue(req, 'host') ?? 'localhost'}`;
}

/**
 * One request header as a string (first value when repeated), or undefined.
 * @param {import('node:http').IncomingMessage} req
 * @param {string} name lower-case header name
 */
export function headerValue(req, name) {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
