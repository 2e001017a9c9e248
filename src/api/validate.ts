/**
 * Runtime checks of Frontend API response bodies. Each `parse*` takes the decoded JSON
 * (`unknown`) and returns what the element uses, typed, or throws
 * `CorbadoAppendError('api-unavailable')` when a required member is missing or of the wrong type:
 * a body we cannot trust is treated like a broken server, never half-used. Optional members of
 * the wrong type are dropped; members the element does not use are not copied.
 */
import { CorbadoAppendError } from '../errors.js';
import type { AppendFinishResponse, AppendInitResponse, AppendStartResponse, AppendVariant } from './types.js';

type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * A `processID` that can be sent as the `X-Corbado-Process-ID` header: 1–256 visible ASCII
 * characters (RFC 9110 field value without spaces or controls). Anything else — a corrupt or
 * foreign stored value, a server's garbage — would make `fetch()` throw on every request.
 */
export const isProcessId = (v: unknown): v is string => typeof v === 'string' && /^[\x21-\x7e]{1,256}$/.test(v);

/** A `{[k]: string}` map, keeping only string values; undefined when not an object. */
export const stringMap = (v: unknown): Record<string, string> | undefined =>
  isObject(v) ? (Object.fromEntries(Object.entries(v).filter((e) => typeof e[1] === 'string')) as Record<string, string>) : undefined;

const bad = (what: string) => new CorbadoAppendError('api-unavailable', `bad ${what} response`, { recoverable: true });

/** What the element uses of `connectAppendInitRsp`. */
export type AppendInitResult = Pick<AppendInitResponse, 'processID' | 'appendAllowed' | 'newClientEnvHandle' | 'flags'> &
  Partial<Pick<AppendInitResponse, 'expiresAt' | 'frontendApiUrl'>>;

/**
 * `connectAppendInitRsp`: `processID` (a valid header value, {@link isProcessId}) and `appendAllowed` (boolean) are
 * required; `expiresAt` (unix s) is kept when a finite number, `frontendApiUrl` when a string,
 * `flags` keeps its string values (`{}` otherwise).
 */
export function parseInitResponse(v: unknown): AppendInitResult {
  if (!isObject(v) || !isProcessId(v.processID) || typeof v.appendAllowed !== 'boolean') throw bad('init');
  return {
    processID: v.processID,
    appendAllowed: v.appendAllowed,
    newClientEnvHandle: str(v.newClientEnvHandle) || undefined,
    flags: stringMap(v.flags) ?? {},
    ...(typeof v.expiresAt === 'number' && Number.isFinite(v.expiresAt) ? { expiresAt: v.expiresAt } : {}),
    ...(str(v.frontendApiUrl) ? { frontendApiUrl: v.frontendApiUrl as string } : {}),
  };
}

const VARIANTS: readonly AppendVariant[] = ['default', 'after-hybrid', 'after-error'];

/**
 * `connectAppendStartRsp`. `attestationOptions` must be present (string or object; it is parsed
 * later by `parseAttestationOptions`). Decision flags that are not booleans count as `false`
 * (a flag must never switch on by accident); an unknown `variant` reads as `default`;
 * `expiresMs` (unix ms) is kept only when it is a finite positive number.
 */
export function parseStartResponse(v: unknown): AppendStartResponse {
  const o = isObject(v) ? v.attestationOptions : undefined;
  if (typeof o !== 'string' && !isObject(o)) throw bad('start');
  const b = v as Json;
  const expiresMs = b.expiresMs;
  return {
    attestationOptions: o,
    variant: VARIANTS.find((x) => x === b.variant) ?? 'default',
    isRestrictedBrowser: b.isRestrictedBrowser === true,
    autoAppend: b.autoAppend === true,
    conditionalAppend: b.conditionalAppend === true,
    expiresMs: typeof expiresMs === 'number' && expiresMs > 0 && expiresMs < Infinity ? expiresMs : undefined,
    customData: stringMap(b.customData),
  };
}

/**
 * `connectAppendFinishRsp`: requires `passkeyOperation` (an object, passed on as the server sent
 * it); `aaguidDetails` is kept only when its `name` is a string.
 */
export function parseFinishResponse(v: unknown): AppendFinishResponse {
  const op = isObject(v) ? v.passkeyOperation : undefined;
  if (!isObject(op)) throw bad('finish');
  const details = op.aaguidDetails;
  const { aaguidDetails: _dropped, ...rest } = op;
  return {
    passkeyOperation: {
      ...(rest as unknown as AppendFinishResponse['passkeyOperation']),
      ...(isObject(details) && str(details.name) ? { aaguidDetails: details as never } : {}),
    },
  };
}

/** The useful part of a Corbado `errorRsp`, or undefined when the body is not one. */
export function parseErrorBody(v: unknown): { errorType: string; requestId?: string; details?: string } | undefined {
  const e = isObject(v) ? v.error : undefined;
  if (!isObject(e) || !str(e.type)) return undefined;
  const r = (v as Json).requestData;
  return { errorType: e.type as string, requestId: isObject(r) ? str(r.requestID) : undefined, details: str(e.details) };
}
