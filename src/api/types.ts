/**
 * Shapes of the Corbado Frontend API 2.0.4 append subset, derived from the repository's API
 * description (`api/connect-append.openapi.yaml` → `openapi.gen.ts`, `npm run api-types`).
 * Schema names in the comments; units and meanings are in the description's JSDoc.
 */
import type { components } from './openapi.gen.js';

type Schemas = components['schemas'];

/** `clientInformation`: what the browser can do; every member optional. */
export type ClientInformation = Schemas['clientInformation'];

/** A member of `clientCapabilities` (`PublicKeyCredential.getClientCapabilities()`, WebAuthn L3). */
export type ClientCapability = keyof Schemas['clientCapabilities'];

/** `clientStateMeta` (`clientInformation.clientEnvHandleMeta`): `ts` unix ms when stored, `source` where from. */
export type ClientStateMeta = Schemas['clientStateMeta'];

/** `connectAppendInitReq`. */
export type AppendInitRequest = Schemas['connectAppendInitReq'];

/** `connectAppendInitRsp` (`expiresAt`: unix seconds). */
export type AppendInitResponse = Schemas['connectAppendInitRsp'];

/** `connectAppendStartReq` (`loadedMs`: unix ms at which the element connected, taken once). */
export type AppendStartRequest = Schemas['connectAppendStartReq'];

/** `connectAppendStartRsp.variant`; any other value the server sends is read as `default`. */
export type AppendVariant = Schemas['connectAppendStartRsp']['variant'];

/**
 * `connectAppendStartRsp`, after runtime checking (see `parseStartResponse`): the element's
 * checked view, not the wire shape.
 */
export interface AppendStartResponse extends Pick<
  Schemas['connectAppendStartRsp'],
  'variant' | 'isRestrictedBrowser' | 'autoAppend' | 'conditionalAppend' | 'customData'
> {
  /** Raw `attestationOptions`: JSON text, `""` (do not offer), or an already-parsed object. */
  attestationOptions: unknown;
  /** Unix ms after which the options are void; undefined when the server sent no usable number. */
  expiresMs?: number;
}

/** `appendCompletionType` (`connectAppendFinishReq.completionType`). */
export type CompletionType = Schemas['appendCompletionType'];

/** `connectAppendFinishReq` (`attestationResponse`: JSON text of `RegistrationResponseJSON`). */
export type AppendFinishRequest = Schemas['connectAppendFinishReq'];

/** An enum member as the description has it, or a value a newer API sends. */
type Open<T extends string> = T | (string & {});

/** `passkeyOperation`; its enums are open: a newer API may send other values. */
export interface PasskeyOperation extends Omit<Schemas['passkeyOperation'], 'operationType' | 'identifierType' | 'ceremonyType'> {
  /** `append`, `verify`, or a value a newer API sends. */
  operationType: Open<Schemas['passkeyOperation']['operationType']>;
  /** `email`, `phone`, `username`, or a value a newer API sends. */
  identifierType: Open<Schemas['loginIdentifierType']>;
  /** `local`, `cda`, `security-key`, or a value a newer API sends. */
  ceremonyType: Open<Schemas['passkeyOperation']['ceremonyType']>;
}

/** `connectAppendFinishRsp`. */
export interface AppendFinishResponse {
  passkeyOperation: PasskeyOperation;
}

/** `passkeyEventType`: every event type of Frontend API 2.0.4 (login, append, manage). */
export type PasskeyEventType = Schemas['passkeyEventType'];

/** The append events of `passkeyEventType`: the ones this element sends. */
export type ConnectEventType = Extract<PasskeyEventType, `append-${string}`>;

/** `connectEventCreateReq`, restricted to the append events. */
export interface ConnectEventRequest extends Omit<Schemas['connectEventCreateReq'], 'eventType'> {
  eventType: ConnectEventType;
}

/** `errorRsp`: the body of every Corbado error answer. */
export type ErrorResponse = Schemas['errorRsp'];
