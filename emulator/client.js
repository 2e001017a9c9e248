/**
 * The one client of the emulator's demo side (`/emulator/*`: append tokens, the scenario, stored
 * passkeys, the request and event logs, reset), for Node and browsers alike (`fetch` only, no
 * Node APIs). The kit (`corbado-append/emulator`), the repository's tests, the bench and the
 * playground all speak to the emulator through it; its types are the contract's (contract.js).
 */
import { DEFAULT_PROJECT_ID, PROJECT_ID_PATTERN } from './contract.js';

/**
 * @typedef {import('./contract.js').Scenario} Scenario
 * @typedef {import('./contract.js').ScenarioPatch} ScenarioPatch
 * @typedef {import('./contract.js').StoredPasskey} StoredPasskey
 * @typedef {import('./contract.js').RecordedRequest} RecordedRequest
 * @typedef {import('./contract.js').RecordedEvent} RecordedEvent
 * @typedef {import('./contract.js').MintAppendTokenOptions} MintAppendTokenOptions
 */

/** A demo route answered with an error (`status`: HTTP status; `body`: Corbado's error body, when JSON). */
export class EmulatorError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   * @param {unknown} body
   */
  constructor(message, status, body) {
    super(message);
    this.name = 'EmulatorError';
    /** @readonly */
    this.status = status;
    /** @readonly */
    this.body = body;
  }
}

/**
 * `projectId`, when it is one DNS label.
 * @param {unknown} projectId
 * @returns {string}
 * @throws {TypeError} otherwise
 */
export function checkProjectId(projectId) {
  if (typeof projectId !== 'string' || !PROJECT_ID_PATTERN.test(projectId)) {
    throw new TypeError(`projectId must be one DNS label ([a-z0-9-], 1-63 characters), e.g. pro-local; got ${JSON.stringify(projectId)}`);
  }
  return projectId;
}

/**
 * The emulator's demo side (`/emulator/*`) for one project: what your backend and your test do.
 * @typedef {object} EmulatorClientMembers
 * @property {string} url Base URL of the emulated Frontend API: the element's `frontend-api-url`,
 *   e.g. `http://127.0.0.1:41234`.
 * @property {string} projectId Project this client speaks for: the element's `project-id`.
 * @property {(options?: MintAppendTokenOptions) => Promise<string>} mintAppendToken An append token
 *   for a user, as your backend gets it from Corbado's backend API (`POST /v2/connectTokens`, type
 *   `passkey-append`) in production.
 * @property {(patch: ScenarioPatch) => Promise<Scenario>} setScenario Changes what the next calls
 *   answer (see {@link ScenarioPatch}); resolves with the whole new scenario.
 * @property {() => Promise<Scenario>} getScenario The current scenario.
 * @property {() => Promise<StoredPasskey[]>} listPasskeys The passkeys stored so far, oldest first per user.
 * @property {() => Promise<RecordedRequest[]>} listRequests The Frontend API calls received so far (most recent 5000).
 * @property {() => Promise<RecordedEvent[]>} listEvents The telemetry events received so far (most recent 5000).
 * @property {() => Promise<void>} reset Forgets this project: scenario, tokens, processes, passkeys, logs.
 * @property {(projectId: string) => EmulatorClient} forProject The same emulator, for another
 *   project (state is kept per project).
 */

/**
 * The emulator's demo side (`/emulator/*`) for one project: what your backend and your test do.
 * Its methods need no `this` (they may be passed around alone).
 * @typedef {Readonly<EmulatorClientMembers>} EmulatorClient
 */

/**
 * A client for an emulator that runs (`npm run emulator`, one mounted in a dev server or the test
 * runner, or one `startEmulator` started).
 * @param {string} url its base URL, e.g. `http://localhost:8787` (only the origin counts)
 * @param {{projectId?: string}} [options] `projectId`: default `pro-local`
 * @returns {EmulatorClient}
 * @throws {TypeError} when `url` is not a URL or `projectId` not a DNS label
 */
export function connectEmulator(url, { projectId = DEFAULT_PROJECT_ID } = {}) {
  const origin = new URL(url).origin;
  checkProjectId(projectId);
  /**
   * @param {string} method
   * @param {string} route
   * @param {unknown} [body]
   * @returns {Promise<any>} the JSON answer (undefined for 204)
   */
  async function call(method, route, body) {
    const res = await fetch(`${origin}/emulator/${route}?projectId=${projectId}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // The emulator answers JSON (or 204); anything else is someone else's server.
    const json = /json/.test(res.headers.get('content-type') ?? '') ? await res.json().catch(() => undefined) : undefined;
    if (!res.ok) {
      const why = json?.error?.details ?? json?.message ?? res.statusText;
      throw new EmulatorError(`${method} /emulator/${route}: HTTP ${res.status}: ${why}`, res.status, json);
    }
    return json;
  }
  return {
    url: origin,
    projectId,
    mintAppendToken: async (options = {}) => (await call('POST', 'append-token', options)).appendToken,
    setScenario: (patch) => call('PUT', 'scenario', patch),
    getScenario: () => call('GET', 'scenario'),
    listPasskeys: async () => (await call('GET', 'credentials')).credentials,
    listRequests: async () => (await call('GET', 'requests')).requests,
    listEvents: async () => (await call('GET', 'events')).events,
    reset: async () => void (await call('POST', 'reset')),
    forProject: (other) => connectEmulator(origin, { projectId: other }),
  };
}
