/**
 * Runtime checks of Frontend API response bodies. Each `parse*` takes the decoded JSON
 * (`unknown`) and returns a typed value, or throws `CorbadoAppendError('api-unavailable')`
 * when a required member is missing or of the wrong type: a body we cannot trust is treated
 * like a broken server, never half-used. Optional members of the wrong type are dropped.
 */
import { CorbadoAppendError } from '../errors.js';
import type {
  AppendFinishResponse,
  AppendInitResponse,
  AppendStartResponse,
  AppendVariant,
  PasskeyOperation,
} from './types.js';

type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A `{[k]: string}` map, keeping only string values; undefined when not an object. */
export const stringMap = (v: unknown): Record<string, string> | undefined => {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
};

const bad = (what: string): CorbadoAppendError =>
  new CorbadoAppendError('api-unavailable', `Unexpected Frontend API response: ${what}`, {
    recoverable: true,
  });

const body = (v: unknown, endpoint: string): Json => {
  if (!isObject(v)) throw bad(`${endpoint} body is not a JSON object`);
  return v;
};

/** `connectAppendInitRsp`: `processID` (non-empty) and `appendAllowed` (boolean) are required. */
export function parseInitResponse(v: unknown): AppendInitResponse {
  const b = body(v, 'init');
  const processID = str(b.processID);
  if (!processID) throw bad('init without processID');
  if (typeof b.appendAllowed !== 'boolean') throw bad('init without boolean appendAllowed');
  return {
    processID,
    appendAllowed: b.appendAllowed,
    newClientEnvHandle: str(b.newClientEnvHandle) || undefined,
    expiresAt: typeof b.expiresAt === 'number' ? b.expiresAt : 0,
    frontendApiUrl: str(b.frontendApiUrl) ?? '',
    flags: stringMap(b.flags) ?? {},
    newClientState: str(b.newClientState),
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
  const b = body(v, 'start');
  const { attestationOptions } = b;
  if (typeof attestationOptions !== 'string' && !isObject(attestationOptions)) {
    throw bad('start without attestationOptions');
  }
  const variant = VARIANTS.find(x => x === b.variant) ?? 'default';
  const expiresMs =
    typeof b.expiresMs === 'number' && Number.isFinite(b.expiresMs) && b.expiresMs > 0
      ? b.expiresMs
      : undefined;
  return {
    attestationOptions,
    variant,
    isRestrictedBrowser: b.isRestrictedBrowser === true,
    autoAppend: b.autoAppend === true,
    conditionalAppend: b.conditionalAppend === true,
    expiresMs,
    customData: stringMap(b.customData),
  };
}

/** `connectAppendFinishRsp`: requires `passkeyOperation`; `aaguidDetails` kept when well-formed. */
export function parseFinishResponse(v: unknown): AppendFinishResponse {
  const b = body(v, 'finish');
  const op = b.passkeyOperation;
  if (!isObject(op)) throw bad('finish without passkeyOperation');
  const details = isObject(op.aaguidDetails) ? op.aaguidDetails : undefined;
  const name = str(details?.name);
  const passkeyOperation: PasskeyOperation = {
    operationType: str(op.operationType) ?? 'append',
    identifierValue: str(op.identifierValue) ?? '',
    identifierType: str(op.identifierType) ?? '',
    ceremonyType: str(op.ceremonyType) ?? '',
  };
  if (name) {
    passkeyOperation.aaguidDetails = {
      name,
      iconLight: str(details?.iconLight) ?? '',
      iconDark: str(details?.iconDark) ?? '',
    };
  }
  return { passkeyOperation };
}

/** The useful part of a Corbado `errorRsp`, or undefined when the body is not one. */
export function parseErrorBody(
  v: unknown,
): { errorType: string; requestId?: string; details?: string } | undefined {
  if (!isObject(v) || !isObject(v.error)) return undefined;
  const errorType = str(v.error.type);
  if (!errorType) return undefined;
  return {
    errorType,
    requestId: isObject(v.requestData) ? str(v.requestData.requestID) : undefined,
    details: str(v.error.details),
  };
}
