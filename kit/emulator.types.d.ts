/**
 * `corbado-append/emulator`: the local Corbado Frontend API emulator for your own tests (Node).
 *
 * ```ts
 * import { startEmulator } from 'corbado-append/emulator';
 *
 * const emulator = await startEmulator({ origin: 'http://localhost:3000', projectId: 'pro-1234567890' });
 * // <corbado-append project-id="pro-1234567890" frontend-api-url={emulator.url}>
 * const token = await emulator.mintAppendToken({ userId: 'user-42' }); // what your backend hands the page
 * await emulator.setScenario({ variant: 'after-hybrid' });
 * const passkeys = await emulator.listPasskeys();
 * await emulator.close();
 * ```
 *
 * Needs `@simplewebauthn/server` (an optional peer dependency: `npm i -D @simplewebauthn/server@14`),
 * which verifies the attestations as Corbado does. `connectEmulator` (a client for an emulator that
 * is already running) does not.
 */

/** Fault kinds an endpoint can be told to answer with (`Scenario.faults`). */
export type FaultKind =
  /** 500 with a Corbado error body; nothing handled */
  | 'http-500'
  /** 400 `validation_error` with a Corbado error body: a definitive refusal; nothing handled */
  | 'http-400'
  /** 200 `text/html` page (a captive portal, a misrouted proxy); nothing handled */
  | 'html'
  /** no answer until the client gives up; nothing handled */
  | 'timeout'
  /** 200 `application/json` with truncated JSON; nothing handled */
  | 'malformed'
  /** the connection is dropped; nothing handled */
  | 'drop'
  /** handled (finish: the passkey is stored), then a 500 with a Corbado error body */
  | 'stored-500'
  /** handled, then a 504 gateway HTML page */
  | 'stored-504-html'
  /** handled, then a 200 HTML page */
  | 'stored-200-html'
  /** handled, then the connection is dropped */
  | 'stored-drop';

/** Frontend API endpoints faults can target. */
export type FaultEndpoint = 'init' | 'start' | 'finish' | 'events';

/** A fault; `times`: how many more calls it hits (absent: every call). */
export interface Fault {
  kind: FaultKind;
  times?: number;
}

/**
 * How the emulated server behaves where Corbado's contract is silent (`Scenario.readings`). The
 * defaults are the emulator's long-standing behaviour.
 */
export interface Readings {
  /**
   * A start `replace`s the process's challenge (an attestation for an earlier start's options is
   * refused, `validation_error`), or `add`s one beside the earlier ones (each lives until its own
   * `expiresMs`). Default `replace`.
   */
  startChallenge: 'replace' | 'add';
  /**
   * false: a finish on an expired process is refused (`process_expired`) whatever the options'
   * `expiresMs`; true: options live to their own `expiresMs` even when the process died. Default false.
   */
  optionsOutliveProcess: boolean;
  /**
   * What finish answers for an attestation whose credential is already stored: that error type
   * (HTTP 400), or `idempotent`: 200 with the same `passkeyOperation` again (same user only;
   * another user's credential: 400 `passkey_already_exists`). Default `challenge_used`.
   */
  replayAnswer: 'challenge_used' | 'passkey_already_exists' | 'idempotent' | 'validation_error';
  /** An init that resumes a live process (`X-Corbado-Process-ID`) voids its challenges. Default false. */
  initResumeVoids: boolean;
}

/** What the emulated Frontend API decides for the next calls of one project. */
export interface Scenario {
  /** start `variant`: `default`, `after-hybrid`, `after-error` (any other string is sent as is). Default `default`. */
  variant: string;
  /** start `autoAppend`. Default false. */
  autoAppend: boolean;
  /** start `conditionalAppend`. Default false. */
  conditionalAppend: boolean;
  /** start `isRestrictedBrowser`. Default false. */
  isRestrictedBrowser: boolean;
  /** init `appendAllowed`; false: the element skips (`append-not-allowed`). Default true. */
  appendAllowed: boolean;
  /** init `flags`: Corbado's server-side rollout flags, which a client sends back on its next init. Default `{}`. */
  flags: Record<string, string>;
  /** init `frontendApiUrl`, sent as is (any string: a foreign host, plain `http:`…); unset: the emulator's own origin. */
  frontendApiUrl?: string;
  /** Lifetime of a new process in ms: init `expiresAt` = now + processTtlMs rounded up to a whole second, unix s. Default 3600000. */
  processTtlMs: number;
  /** start answers `attestationOptions: ""` unless `forcePasskeyAppend` (`passkey-intel-denied`). Default false. */
  passkeyIntelDenied: boolean;
  /** Lifetime of the creation options: start `expiresMs` = now + ttlMs (ms; ≤ 0 sends void options). Default 300000. */
  ttlMs: number;
  /** start `customData` (omitted when unset). */
  customData?: Record<string, string>;
  /** finish `aaguidDetails.name` for an authenticator not in the emulator's AAGUID table. */
  aaguidName?: string;
  /** finish `aaguidDetails.iconLight` / `iconDark` (the element shows only `data:image/png|svg+xml|webp` URLs). */
  aaguidIconLight?: string;
  aaguidIconDark?: string;
  /** options `authenticatorSelection.userVerification` (unset: `preferred`); `required` also makes finish insist on the UV flag. */
  userVerification?: 'required' | 'preferred' | 'discouraged';
  /** Delay before every `/v2` answer, in ms (0 … 60000). Default 0. */
  latencyMs: number;
  /** `/v2` answers carry a `Date` header. Default true. */
  dateHeader: boolean;
  /** Faults per endpoint. Default none. */
  faults: Partial<Record<FaultEndpoint, Fault>>;
  /** Server behaviour where Corbado's contract is silent. Default {@link Readings}' defaults. */
  readings: Readings;
}

/**
 * A change to the scenario: the fields given replace the current ones (`faults` as a whole;
 * `faults: {}` clears them; `readings` are merged over their defaults), `null` resets a field to
 * its default. Unknown fields and bad values are refused (an {@link EmulatorError} with status 400
 * naming each).
 */
export type ScenarioPatch = {
  [K in Exclude<keyof Scenario, 'faults' | 'readings'>]?: Scenario[K] | null;
} & {
  faults?: Partial<Record<FaultEndpoint, Fault | FaultKind | null>> | null;
  readings?: Partial<Readings> | null;
};

/** A passkey the emulator stored (`GET /emulator/credentials`). */
export interface StoredPasskey {
  /** Credential ID, base64url (as `navigator.credentials.create()` returned it). */
  id: string;
  /** The user the append token was minted for. */
  userId: string;
  /** Authenticator AAGUID (UUID text). */
  aaguid: string;
  /** From the attestation response, e.g. `['internal']`. */
  transports: string[];
  /** When it was stored, unix ms. */
  createdAt: number;
  /** finish `completionType`: `auto`, `conditional`, `manual` or `manual-retry`. */
  completionType: string;
  /** finish `customData`, when sent. */
  customData?: Record<string, string>;
}

/** A Frontend API call the emulator received (`GET /emulator/requests`). */
export interface RecordedRequest {
  /** e.g. `/v2/connect/append/start` */
  path: string;
  method: string;
  /** `X-Corbado-Process-ID` header, or null */
  processId: string | null;
  /** Parsed JSON body (undefined when unreadable). */
  body: unknown;
  /** Unix ms. */
  at: number;
}

/** A `POST /v2/connect/events` body the emulator received, with `processId` and `at` (unix ms). */
export interface RecordedEvent {
  eventType?: string;
  processId?: string | null;
  at?: number;
  [field: string]: unknown;
}

/** Options of {@link EmulatorClient.mintAppendToken}. */
export interface MintAppendTokenOptions {
  /** The signed-in user (default `user-1`, the demo user). */
  userId?: string;
  email?: string;
  /** Lifetime in ms (default 600000, 10 min). The token is single use. */
  ttlMs?: number;
}

/** The emulator's demo side (`/emulator/*`) for one project: what your backend and your test do. */
export interface EmulatorClient {
  /** Base URL of the emulated Frontend API: the element's `frontend-api-url`, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Project this client speaks for: the element's `project-id`. */
  readonly projectId: string;
  /**
   * An append token for a user, as your backend gets it from Corbado's backend API
   * (`POST /v2/connectTokens`, type `passkey-append`) in production.
   */
  mintAppendToken(options?: MintAppendTokenOptions): Promise<string>;
  /** Changes what the next calls answer (see {@link ScenarioPatch}); resolves with the whole new scenario. */
  setScenario(patch: ScenarioPatch): Promise<Scenario>;
  /** The current scenario. */
  getScenario(): Promise<Scenario>;
  /** The passkeys stored so far, oldest first per user. */
  listPasskeys(): Promise<StoredPasskey[]>;
  /** The Frontend API calls received so far (most recent 5000). */
  listRequests(): Promise<RecordedRequest[]>;
  /** The telemetry events received so far (most recent 5000). */
  listEvents(): Promise<RecordedEvent[]>;
  /** Forgets this project: scenario, tokens, processes, passkeys, logs. */
  reset(): Promise<void>;
  /** The same emulator, for another project (state is kept per project). */
  forProject(projectId: string): EmulatorClient;
}

/** An emulator started by {@link startEmulator}. */
export interface RunningEmulator extends EmulatorClient {
  /** The page origin CORS allows (normalised), e.g. `http://localhost:3000`. */
  readonly origin: string;
  /** The TCP port it listens on. */
  readonly port: number;
  forProject(projectId: string): EmulatorClient;
  /** Stops it: open connections are closed, requests held by a `timeout` fault are dropped. */
  close(): Promise<void>;
}

export interface StartEmulatorOptions {
  /**
   * Origin of the page under test, which CORS allows (with credentials), e.g. `http://localhost:3000`.
   * Use `localhost`, not `127.0.0.1`: the relying party ID is the page's host name, and an IP
   * address is none (the ceremony would fail with `security-error`).
   */
  origin: string;
  /** The page's `project-id` (one DNS label). Default `pro-local`. */
  projectId?: string;
  /** TCP port; default 0, a free one. */
  port?: number;
  /** Interface; default `127.0.0.1`. */
  host?: string;
}

/**
 * Starts an emulator with its own in-memory state on a free port.
 * @throws {TypeError} when `origin` is missing or not an http(s) URL, or `projectId` is not a DNS label
 * @throws {Error} when `@simplewebauthn/server` is not installed, or the port cannot be bound
 */
export function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator>;

/**
 * A client for an emulator that already runs (`npm run emulator`, or one mounted in a dev server).
 * @param url its base URL, e.g. `http://localhost:8787`
 * @param options.projectId default `pro-local`
 */
export function connectEmulator(url: string, options?: { projectId?: string }): EmulatorClient;

/** A demo route answered with an error (`status`: HTTP status; `body`: Corbado's error body, when JSON). */
export class EmulatorError extends Error {
  readonly status: number;
  readonly body: unknown;
}
