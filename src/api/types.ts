/**
 * Shapes of the Corbado Frontend API 2.0.4 append subset, kept in step with
 * `shared/api/connect-append.openapi.yaml` (schema names in the comments).
 */

/** `clientInformation`: what the browser can do; every member optional. */
export interface ClientInformation {
  bluetoothAvailable?: boolean;
  clientEnvHandle?: string;
  isUserVerifyingPlatformAuthenticatorAvailable?: boolean;
  isConditionalMediationAvailable?: boolean;
  clientCapabilities?: Partial<Record<ClientCapability, boolean>>;
  javaScriptHighEntropy?: { platform: string; platformVersion: string; mobile: boolean };
  webdriver?: boolean;
  privateMode?: boolean;
  /** `ts`: unix ms when the handle was stored; `source`: where it came from. */
  clientEnvHandleMeta?: { ts: number; source: 'ls' | 'url' | 'native' };
}

export type ClientCapability =
  'conditionalCreate' | 'conditionalMediation' | 'hybridTransport' | 'passkeyPlatformAuthenticator' | 'userVerifyingPlatformAuthenticator';

/** `connectAppendInitReq`. */
export interface AppendInitRequest {
  clientInformation: ClientInformation;
  flags: Record<string, string>;
  invitationToken?: string;
  situation?: string;
}

/** `connectAppendInitRsp`. */
export interface AppendInitResponse {
  processID: string;
  newClientEnvHandle?: string;
  /** Unix seconds. */
  expiresAt: number;
  frontendApiUrl: string;
  appendAllowed: boolean;
  flags: Record<string, string>;
  newClientState?: string;
}

/** `connectAppendStartReq`. */
export interface AppendStartRequest {
  appendTokenValue: string;
  /** Unix ms at which the element connected (DESIGN.md: taken once at connect). */
  loadedMs: number;
  forcePasskeyAppend?: boolean;
  situation?: string;
}

/** `connectAppendStartRsp.variant`; any other value the server sends is read as `default`. */
export type AppendVariant = 'default' | 'after-hybrid' | 'after-error';

/** `connectAppendStartRsp`, after runtime checking (see `parseStartResponse`). */
export interface AppendStartResponse {
  /** Raw `attestationOptions`: JSON text, `""` (do not offer), or an already-parsed object. */
  attestationOptions: unknown;
  variant: AppendVariant;
  isRestrictedBrowser: boolean;
  autoAppend: boolean;
  conditionalAppend: boolean;
  /** Unix ms after which the options are void; undefined when the server sent no usable number. */
  expiresMs?: number;
  customData?: Record<string, string>;
}

/** `connectAppendFinishReq.completionType`. */
export type CompletionType = 'auto' | 'conditional' | 'manual' | 'manual-retry';

/** `connectAppendFinishReq`. */
export interface AppendFinishRequest {
  /** JSON text of `RegistrationResponseJSON`. */
  attestationResponse: string;
  completionType: CompletionType;
  customData?: Record<string, string>;
}

/** `passkeyOperation`. */
export interface PasskeyOperation {
  /** `append`, `verify`, or a value a newer API sends. */
  operationType: 'append' | 'verify' | (string & {});
  identifierValue: string;
  /** `email`, `phone`, `username`, or a value a newer API sends. */
  identifierType: 'email' | 'phone' | 'username' | (string & {});
  /** `local`, `cda`, `security-key`, or a value a newer API sends. */
  ceremonyType: 'local' | 'cda' | 'security-key' | (string & {});
  aaguidDetails?: { name: string; iconLight: string; iconDark: string };
}

/** `connectAppendFinishRsp`. */
export interface AppendFinishResponse {
  passkeyOperation: PasskeyOperation;
}

/** `connectEventCreateReq.eventType`. */
export type ConnectEventType =
  'append-credential-exists' | 'append-explicit-abort' | 'append-error' | 'append-error-unexpected' | 'append-learn-more';

/** `connectEventCreateReq`. */
export interface ConnectEventRequest {
  eventType: ConnectEventType;
  message?: string;
  challenge?: string;
}
