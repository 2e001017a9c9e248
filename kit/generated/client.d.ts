// Generated from emulator/client.js (its JSDoc) by scripts/emulator-types.js: do not edit, run it again.

/**
 * `projectId`, when it is one DNS label.
 * @param {unknown} projectId
 * @returns {string}
 * @throws {TypeError} otherwise
 */
export function checkProjectId(projectId: unknown): string;
/**
 * A client for an emulator that runs (`npm run emulator`, one mounted in a dev server or the test
 * runner, or one `startEmulator` started).
 * @param {string} url its base URL, e.g. `http://localhost:8787` (only the origin counts)
 * @param {{projectId?: string}} [options] `projectId`: default `pro-local`
 * @returns {EmulatorClient}
 * @throws {TypeError} when `url` is not a URL or `projectId` not a DNS label
 */
export function connectEmulator(url: string, { projectId }?: {
    projectId?: string;
}): EmulatorClient;
/** A demo route answered with an error (`status`: HTTP status; `body`: Corbado's error body, when JSON). */
export class EmulatorError extends Error {
    /**
     * @param {string} message
     * @param {number} status
     * @param {unknown} body
     */
    constructor(message: string, status: number, body: unknown);
    /** @readonly */
    readonly status: number;
    /** @readonly */
    readonly body: unknown;
}
/**
 * The emulator's demo side (`/emulator/*`) for one project: what your backend and your test do.
 */
export type EmulatorClientMembers = {
    /**
     * Base URL of the emulated Frontend API: the element's `frontend-api-url`,
     * e.g. `http://127.0.0.1:41234`.
     */
    url: string;
    /**
     * Project this client speaks for: the element's `project-id`.
     */
    projectId: string;
    /**
     * An append token
     * for a user, as your backend gets it from Corbado's backend API (`POST /v2/connectTokens`, type
     * `passkey-append`) in production.
     */
    mintAppendToken: (options?: MintAppendTokenOptions) => Promise<string>;
    /**
     * Changes what the next calls
     * answer (see {@link ScenarioPatch}); resolves with the whole new scenario.
     */
    setScenario: (patch: ScenarioPatch) => Promise<Scenario>;
    /**
     * The current scenario.
     */
    getScenario: () => Promise<Scenario>;
    /**
     * The passkeys stored so far, oldest first per user.
     */
    listPasskeys: () => Promise<StoredPasskey[]>;
    /**
     * The Frontend API calls received so far (most recent 5000).
     */
    listRequests: () => Promise<RecordedRequest[]>;
    /**
     * The telemetry events received so far (most recent 5000).
     */
    listEvents: () => Promise<RecordedEvent[]>;
    /**
     * Forgets this project: scenario, tokens, processes, passkeys, logs.
     */
    reset: () => Promise<void>;
    /**
     * The same emulator, for another
     * project (state is kept per project).
     */
    forProject: (projectId: string) => EmulatorClient;
};
/**
 * The emulator's demo side (`/emulator/*`) for one project: what your backend and your test do.
 * Its methods need no `this` (they may be passed around alone).
 */
export type EmulatorClient = Readonly<EmulatorClientMembers>;
export type Scenario = import("./contract.js").Scenario;
export type ScenarioPatch = import("./contract.js").ScenarioPatch;
export type StoredPasskey = import("./contract.js").StoredPasskey;
export type RecordedRequest = import("./contract.js").RecordedRequest;
export type RecordedEvent = import("./contract.js").RecordedEvent;
export type MintAppendTokenOptions = import("./contract.js").MintAppendTokenOptions;
