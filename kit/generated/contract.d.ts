// Generated from emulator/contract.js (its JSDoc) by scripts/emulator-types.js: do not edit, run it again.

/**
 * The emulator's contract with its clients, defined once: the scenario `/emulator/scenario` takes
 * (what the emulated Frontend API decides, the faults it injects, its readings), what the other
 * `/emulator/*` routes take and answer, and the project ids everything is partitioned by.
 *
 * Everything else derives from this file: scenario.js validates a scenario against these lists
 * (its per-field checks are keyed by `Scenario`), faults.js answers every `FaultKind` (tsc checks
 * the switch is exhaustive), client.js — the one `/emulator/*` client, shared by the kit, the
 * tests, the bench and the playground — speaks these types, and the kit's published types
 * (`kit/generated/*.d.ts`, re-exported by `kit/emulator.types.d.ts`) are generated from this file
 * and client.js by `node scripts/emulator-types.js` (test/emulator/types.test.js fails when they
 * are stale, and `npm run typecheck:js` when they disagree).
 *
 * No imports and no Node APIs: browsers load it too (the playground, the browser tests).
 */
/** Project used by the `/emulator/*` routes when no `?projectId=` is given. */
export const DEFAULT_PROJECT_ID: "pro-local";
/** A Corbado project ID is one DNS label: `[a-z0-9-]`, 1–63 characters (e.g. `pro-local`). */
export const PROJECT_ID_PATTERN: RegExp;
/** The Frontend API endpoints a fault can target (`Scenario.faults` keys). */
export const FAULT_ENDPOINTS: readonly ["init", "start", "finish", "events"];
/**
 * The fault kinds, in the order the playground offers them.
 *
 * These answer instead of the endpoint (nothing is handled, nothing stored):
 * - `http-500`: 500 with a Corbado error body (`internal_error`)
 * - `http-400`: 400 with a Corbado error body (`validation_error`): a definitive refusal
 * - `html`: 200 `text/html` page, as a captive portal or a misrouted proxy sends
 * - `timeout`: no answer until the client disconnects (capped, then the socket is destroyed)
 * - `malformed`: 200 `application/json` with truncated, unparseable JSON
 * - `drop`: the connection is dropped without an answer
 *
 * These let the endpoint handle the request first (finish: the passkey is stored), then lose its
 * answer on the way back:
 * - `stored-500`: then 500 with a Corbado error body
 * - `stored-504-html`: then a 504 gateway-timeout HTML page
 * - `stored-200-html`: then a 200 `text/html` page
 * - `stored-drop`: then the connection is dropped
 */
export const FAULT_KINDS: readonly ["http-500", "http-400", "html", "timeout", "malformed", "drop", "stored-500", "stored-504-html", "stored-200-html", "stored-drop"];
/** `Scenario.userVerification` values (WebAuthn `UserVerificationRequirement`). */
export const USER_VERIFICATION: readonly ["required", "preferred", "discouraged"];
/**
 * The readings: points where Corbado's contract (Frontend API 2.0.4, `api/connect-append.openapi.yaml`)
 * is silent about what its server does, each with the values the emulator's server model
 * (model.js) can take. `Scenario.readings` switches them per project.
 */
export const READING_VALUES: Readonly<{
    /**
     * A start `replace`s the process's challenge (an attestation for an earlier start's options is
     * refused, `validation_error`), or `add`s one beside the earlier ones (each lives until its own
     * `expiresMs`). Default `replace`.
     */
    startChallenge: readonly ["replace", "add"];
    /**
     * false: a finish on an expired process is refused (`process_expired`) whatever the options'
     * `expiresMs`; true: options live to their own `expiresMs` even when the process died. Default false.
     */
    optionsOutliveProcess: readonly [false, true];
    /**
     * What finish answers for an attestation whose credential is already stored: that error type
     * (HTTP 400), or `idempotent`: 200 with the same `passkeyOperation` again (same user only;
     * another user's credential: 400 `passkey_already_exists`). Default `challenge_used`.
     */
    replayAnswer: readonly ["challenge_used", "passkey_already_exists", "idempotent", "validation_error"];
    /** An init that resumes a live process (`X-Corbado-Process-ID`) voids its challenges. Default false. */
    initResumeVoids: readonly [false, true];
}>;
/**
 * The emulator's readings when the scenario names none: its long-standing behaviour.
 * @type {Readonly<Readings>}
 */
export const DEFAULT_READINGS: Readonly<Readings>;
export function handlesFirst(kind: FaultKind): boolean;
export function isFaultKind(value: unknown): value is FaultKind;
export function isFaultEndpoint(value: unknown): value is FaultEndpoint;
/**
 * a Frontend API endpoint faults can target
 */
export type FaultEndpoint = (typeof FAULT_ENDPOINTS)[number];
/**
 * what an endpoint can be told to answer with ({@link FAULT_KINDS})
 */
export type FaultKind = (typeof FAULT_KINDS)[number];
export type UserVerification = (typeof USER_VERIFICATION)[number];
/**
 * A fault injected into one endpoint.
 */
export type Fault = {
    kind: FaultKind;
    /**
     * how many more calls it hits (absent: every call)
     */
    times?: number | undefined;
};
/**
 * How the emulated server behaves where Corbado's contract is silent (`Scenario.readings`), one
 * value of each of {@link READING_VALUES}.
 */
export type Readings = { -readonly [K in keyof typeof READING_VALUES]: (typeof READING_VALUES)[K][number]; };
/**
 * What the emulated Frontend API decides for the next calls of one project (scenario.js
 * `defaultScenario` holds the defaults named here).
 */
export type Scenario = {
    /**
     * start `variant`: `default`, `after-hybrid`, `after-error` (any other
     * non-empty string is sent as is). Default `default`.
     */
    variant: string;
    /**
     * start `autoAppend`. Default false.
     */
    autoAppend: boolean;
    /**
     * start `conditionalAppend`. Default false.
     */
    conditionalAppend: boolean;
    /**
     * start `isRestrictedBrowser`. Default false.
     */
    isRestrictedBrowser: boolean;
    /**
     * init `appendAllowed`; false: the element skips (`append-not-allowed`). Default true.
     */
    appendAllowed: boolean;
    /**
     * init `flags`: Corbado's server-side rollout flags, which a
     * client sends back on its next init. Default `{}`.
     */
    flags: Record<string, string>;
    /**
     * init `frontendApiUrl`, sent as is: any string (a foreign host,
     * plain `http:`, garbage), so that a client's rule for following it can be tested. Unset: the
     * emulator's own origin as the request reached it.
     */
    frontendApiUrl?: string | undefined;
    /**
     * lifetime of a new process, in ms: init `expiresAt` = now +
     * processTtlMs rounded up to a whole second, in unix seconds; start, finish and events refuse it
     * afterwards. Default 3600000 (1 h).
     */
    processTtlMs: number;
    /**
     * start answers `attestationOptions: ""` unless
     * `forcePasskeyAppend` (`passkey-intel-denied`). Default false.
     */
    passkeyIntelDenied: boolean;
    /**
     * lifetime of the creation options: start `expiresMs` = now + ttlMs (ms;
     * ≤ 0 sends void options). Default 300000.
     */
    ttlMs: number;
    /**
     * start `customData` (omitted when unset).
     */
    customData?: Record<string, string> | undefined;
    /**
     * finish `aaguidDetails.name` for an authenticator not in the
     * emulator's AAGUID table.
     */
    aaguidName?: string | undefined;
    /**
     * finish `aaguidDetails.iconLight` (default `''`), e.g. a
     * `data:image/svg+xml` URL (the element shows only `data:image/png|svg+xml|webp` URLs).
     */
    aaguidIconLight?: string | undefined;
    /**
     * finish `aaguidDetails.iconDark` (default `''`).
     */
    aaguidIconDark?: string | undefined;
    /**
     * options `authenticatorSelection.userVerification`
     * (unset: `preferred`); `required` also makes finish insist on the UV flag.
     */
    userVerification?: "required" | "preferred" | "discouraged" | undefined;
    /**
     * delay before every `/v2` answer, in ms (0 … 60000). Default 0.
     */
    latencyMs: number;
    /**
     * `/v2` answers carry a `Date` header (false: as a cross-origin page
     * sees a server that does not expose it). Default true.
     */
    dateHeader: boolean;
    /**
     * faults per endpoint. Default none.
     */
    faults: Partial<Record<FaultEndpoint, Fault>>;
    /**
     * how the server behaves where Corbado's contract is silent. Default
     * {@link DEFAULT_READINGS}.
     */
    readings: Readings;
};
/**
 * A change to the scenario (`PUT /emulator/scenario`): the fields given replace the current ones
 * (`faults` as a whole, `faults: {}` clears them; `readings` are merged over their defaults, not
 * over the current ones); `null` resets a field to its default. A fault may be given as its kind
 * alone. Unknown fields and bad values are refused (400 `validation_error` naming each).
 */
export type ScenarioPatch = { [K in Exclude<keyof Scenario, "faults" | "readings">]?: Scenario[K] | null; } & {
    faults?: Partial<Record<FaultEndpoint, Fault | FaultKind | null>> | null;
    readings?: Partial<Readings> | null;
};
/**
 * `POST /emulator/append-token` body (all optional).
 */
export type MintAppendTokenOptions = {
    /**
     * the signed-in user (default `user-1`, the demo user)
     */
    userId?: string | undefined;
    email?: string | undefined;
    /**
     * lifetime in ms (default 600000, 10 min); the token is single use
     */
    ttlMs?: number | undefined;
};
/**
 * A passkey the emulator stored (`GET /emulator/credentials`).
 */
export type StoredPasskey = {
    /**
     * credential ID, base64url (as `navigator.credentials.create()` returned it)
     */
    id: string;
    /**
     * the user the append token was minted for
     */
    userId: string;
    /**
     * authenticator AAGUID (UUID text)
     */
    aaguid: string;
    /**
     * from the attestation response, e.g. `['internal']`
     */
    transports: string[];
    /**
     * when it was stored, unix ms
     */
    createdAt: number;
    /**
     * finish `completionType`: `auto`, `conditional`, `manual` or `manual-retry`
     */
    completionType: string;
    /**
     * finish `customData`, when sent
     */
    customData?: Record<string, string> | undefined;
};
/**
 * A Frontend API call the emulator received (`GET /emulator/requests`).
 */
export type RecordedRequest = {
    /**
     * e.g. `/v2/connect/append/start`
     */
    path: string;
    method: string;
    /**
     * `X-Corbado-Process-ID` header, or null
     */
    processId: string | null;
    /**
     * parsed JSON body (undefined when unreadable)
     */
    body: unknown;
    /**
     * unix ms
     */
    at: number;
};
/**
 * A `POST /v2/connect/events` body the emulator received (`GET /emulator/events`), with its process and time.
 */
export type RecordedEvent = {
    eventType: string;
    message?: string | undefined;
    challenge?: string | undefined;
    processId: string;
    /**
     * unix ms
     */
    at: number;
};
