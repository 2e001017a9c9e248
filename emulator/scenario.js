/**
 * The scenario: what the emulated Frontend API decides on the next calls of one project, and
 * which faults it injects. Changed through `PUT /emulator/scenario` (a validated partial merge).
 */
import { ApiError } from './errors.js';
import { isObject, isStringMap } from './validate.js';

/** Endpoint names that faults can target. */
export const FAULT_ENDPOINTS = Object.freeze(['init', 'start', 'finish', 'events']);

/**
 * Fault kinds. These answer instead of the endpoint (nothing is handled, nothing stored):
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
export const FAULT_KINDS = Object.freeze([
  'http-500',
  'http-400',
  'html',
  'timeout',
  'malformed',
  'drop',
  'stored-500',
  'stored-504-html',
  'stored-200-html',
  'stored-drop',
]);

/** `userVerification` values (WebAuthn `UserVerificationRequirement`). */
const USER_VERIFICATION = Object.freeze(['required', 'preferred', 'discouraged']);

/** Upper bound for `latencyMs`, in ms. */
const MAX_LATENCY_MS = 60_000;

/** Default lifetime of a process after init, in ms (1 h): scenario `processTtlMs`. */
export const PROCESS_TTL_MS = 60 * 60_000;

/**
 * The readings: points where Corbado's contract (Frontend API 2.0.4, `api/connect-append.openapi.yaml`)
 * is silent about what its server does, each with the values the emulator's server model
 * (model.js) can take. Scenario `readings` switches them per project:
 * - `startChallenge`: a start `replace`s the process's challenge (an attestation for an earlier
 *   start's options is refused), or `add`s one beside the earlier ones (each lives until its own
 *   `expiresMs`);
 * - `optionsOutliveProcess`: `false`: a finish on an expired process is refused (`process_expired`)
 *   whatever the options' `expiresMs`; `true`: options live to their own `expiresMs` even when
 *   the process died;
 * - `replayAnswer`: what finish answers an attestation whose credential is already stored: that
 *   error type (HTTP 400), or `idempotent`: 200 with the same `passkeyOperation` again (same user
 *   only; another user's credential → 400 `passkey_already_exists`);
 * - `initResumeVoids`: an init that resumes a live process (`X-Corbado-Process-ID`) voids that
 *   process's challenges.
 */
export const READING_VALUES = Object.freeze({
  startChallenge: Object.freeze(/** @type {const} */ (['replace', 'add'])),
  optionsOutliveProcess: Object.freeze(/** @type {const} */ ([false, true])),
  replayAnswer: Object.freeze(/** @type {const} */ (['challenge_used', 'passkey_already_exists', 'idempotent', 'validation_error'])),
  initResumeVoids: Object.freeze(/** @type {const} */ ([false, true])),
});

/**
 * @typedef {object} Readings
 * @property {'replace' | 'add'} startChallenge
 * @property {boolean} optionsOutliveProcess
 * @property {'challenge_used' | 'passkey_already_exists' | 'idempotent' | 'validation_error'} replayAnswer
 * @property {boolean} initResumeVoids
 */

/**
 * The emulator's readings when the scenario names none: its behaviour before readings existed.
 * @type {Readonly<Readings>}
 */
export const DEFAULT_READINGS = Object.freeze({
  startChallenge: 'replace',
  optionsOutliveProcess: false,
  replayAnswer: 'challenge_used',
  initResumeVoids: false,
});

/**
 * @typedef {{kind: string, times?: number}} Fault `times`: how many more calls it hits (absent = every call)
 * @typedef {object} Scenario
 * @property {string} variant start `variant` (`default`, `after-hybrid`, `after-error`; any string is sent as is)
 * @property {boolean} autoAppend start `autoAppend`
 * @property {boolean} conditionalAppend start `conditionalAppend`
 * @property {boolean} isRestrictedBrowser start `isRestrictedBrowser`
 * @property {boolean} appendAllowed init `appendAllowed`
 * @property {Record<string, string>} flags init `flags` (default `{}`): Corbado's server-side rollout flags
 * @property {string} [frontendApiUrl] init `frontendApiUrl`, sent as is (unset: the emulator's own origin as
 *   the request reached it). Any string — a foreign host, plain `http:`, garbage — so that a client's rule
 *   for following it can be tested
 * @property {number} processTtlMs lifetime of a new process, in ms (default 1 h): init `expiresAt` =
 *   now + processTtlMs rounded up to a whole second, in unix seconds; start, finish and events
 *   refuse it afterwards
 * @property {boolean} passkeyIntelDenied start answers `attestationOptions: ""` unless `forcePasskeyAppend`
 * @property {number} ttlMs options lifetime: start `expiresMs` = now + ttlMs (ms; may be ≤ 0 to send void options)
 * @property {Record<string, string>} [customData] start `customData`, omitted when unset
 * @property {string} [aaguidName] finish `aaguidDetails.name` for an AAGUID not in the table
 * @property {string} [aaguidIconLight] finish `aaguidDetails.iconLight` (default `''`), e.g. a `data:image/svg+xml` URL
 * @property {string} [aaguidIconDark] finish `aaguidDetails.iconDark` (default `''`)
 * @property {'required' | 'preferred' | 'discouraged'} [userVerification] start options
 *   `authenticatorSelection.userVerification` (unset: `preferred`); `required` also makes finish
 *   require the UV flag
 * @property {number} latencyMs delay before every /v2 response, in ms (0…60000)
 * @property {boolean} dateHeader /v2 responses carry a `Date` header (default true; false: as a
 *   cross-origin page sees a server that does not expose it)
 * @property {Partial<Record<string, Fault>>} faults per endpoint (`init`, `start`, `finish`, `events`)
 * @property {Readings} readings how the server behaves where Corbado's contract is silent
 *   ({@link READING_VALUES}); a PUT gives a partial, merged over {@link DEFAULT_READINGS}
 */

/** @returns {Scenario} a fresh default scenario */
export function defaultScenario() {
  return {
    variant: 'default',
    autoAppend: false,
    conditionalAppend: false,
    isRestrictedBrowser: false,
    appendAllowed: true,
    flags: {},
    frontendApiUrl: undefined,
    processTtlMs: PROCESS_TTL_MS,
    passkeyIntelDenied: false,
    ttlMs: 300_000,
    customData: undefined,
    aaguidName: undefined,
    aaguidIconLight: undefined,
    aaguidIconDark: undefined,
    userVerification: undefined,
    latencyMs: 0,
    dateHeader: true,
    faults: {},
    readings: { ...DEFAULT_READINGS },
  };
}

/** @param {unknown} v */
const boolean = (v) => (typeof v === 'boolean' ? undefined : 'must be a boolean');

/** Per-field checks: each returns a problem message, or undefined when the value is valid. */
const CHECKS = /** @type {Record<keyof Scenario, (v: unknown) => string | undefined>} */ ({
  variant: (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must be a non-empty string'),
  autoAppend: boolean,
  conditionalAppend: boolean,
  isRestrictedBrowser: boolean,
  appendAllowed: boolean,
  flags: (v) => (isStringMap(v) ? undefined : 'must be an object of string values'),
  frontendApiUrl: (v) => (typeof v === 'string' ? undefined : 'must be a string'),
  processTtlMs: (v) => (Number.isSafeInteger(v) && /** @type {number} */ (v) > 0 ? undefined : 'must be a positive integer (ms)'),
  passkeyIntelDenied: boolean,
  ttlMs: (v) => (Number.isSafeInteger(v) ? undefined : 'must be an integer (ms)'),
  customData: (v) => (isStringMap(v) ? undefined : 'must be an object of string values'),
  aaguidName: (v) => (typeof v === 'string' ? undefined : 'must be a string'),
  aaguidIconLight: (v) => (typeof v === 'string' ? undefined : 'must be a string'),
  aaguidIconDark: (v) => (typeof v === 'string' ? undefined : 'must be a string'),
  userVerification: (v) =>
    USER_VERIFICATION.includes(/** @type {string} */ (v)) ? undefined : `must be one of ${USER_VERIFICATION.join(', ')}`,
  latencyMs: (v) =>
    Number.isSafeInteger(v) && /** @type {number} */ (v) >= 0 && /** @type {number} */ (v) <= MAX_LATENCY_MS
      ? undefined
      : `must be an integer between 0 and ${MAX_LATENCY_MS} (ms)`,
  dateHeader: boolean,
  faults: (v) => (isObject(v) ? undefined : 'must be an object keyed by endpoint'),
  readings: (v) => (isObject(v) ? undefined : `must be an object with some of ${Object.keys(READING_VALUES).join(', ')}`),
});

/**
 * Validate one fault entry and bring it to `{kind, times?}`.
 * @param {unknown} value a kind string or `{kind, times?}`
 * @returns {Fault | string} the fault, or a problem message
 */
function normalizeFault(value) {
  const fault = typeof value === 'string' ? { kind: value } : value;
  if (!isObject(fault) || !FAULT_KINDS.includes(/** @type {any} */ (fault).kind)) {
    return `must be one of ${FAULT_KINDS.join(', ')} or {kind, times}`;
  }
  const { kind, times } = /** @type {{kind: string, times?: unknown}} */ (fault);
  if (times === undefined) return { kind };
  if (!Number.isSafeInteger(times) || /** @type {number} */ (times) < 1) return 'times must be a positive integer';
  return { kind, times: /** @type {number} */ (times) };
}

/**
 * Merge a partial scenario into `current`, validating every field.
 *
 * Top-level merge: a given field replaces the current value (so `faults` replaces the whole map,
 * `faults: {}` clears it; `readings` are merged over the defaults, not over the current ones);
 * `null` resets a field to its default.
 * @param {Scenario} current
 * @param {unknown} patch
 * @returns {Scenario} the new scenario (`current` is not changed)
 * @throws {ApiError} 400 `validation_error` listing every invalid field
 */
export function mergeScenario(current, patch) {
  if (!isObject(patch)) {
    throw new ApiError(400, 'validation_error', 'scenario must be a JSON object', [
      { field: 'scenario', message: 'must be a JSON object' },
    ]);
  }
  const defaults = defaultScenario();
  const next = /** @type {Record<string, unknown>} */ ({ ...current });
  /** @type {{field: string, message: string}[]} */
  const problems = [];
  for (const [field, value] of Object.entries(/** @type {object} */ (patch))) {
    if (!Object.hasOwn(CHECKS, field)) {
      problems.push({ field, message: 'unknown scenario field' });
      continue;
    }
    const key = /** @type {keyof Scenario} */ (field);
    if (value === null) {
      next[key] = defaults[key];
      continue;
    }
    const problem = CHECKS[key](value);
    if (problem) problems.push({ field, message: problem });
    else if (key === 'faults') next.faults = normalizeFaults(/** @type {object} */ (value), problems);
    else if (key === 'readings') next.readings = normalizeReadings(/** @type {object} */ (value), problems);
    else next[key] = key === 'customData' || key === 'flags' ? { ...value } : value;
  }
  if (problems.length > 0) {
    throw new ApiError(400, 'validation_error', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  return /** @type {Scenario} */ (next);
}

/**
 * @param {object} faults `{endpoint: fault | null}`
 * @param {{field: string, message: string}[]} problems collects problems
 * @returns {Partial<Record<string, Fault>>}
 */
function normalizeFaults(faults, problems) {
  /** @type {Partial<Record<string, Fault>>} */
  const out = {};
  for (const [endpoint, value] of Object.entries(faults)) {
    const field = `faults.${endpoint}`;
    if (!FAULT_ENDPOINTS.includes(endpoint)) {
      problems.push({ field, message: `unknown endpoint (use ${FAULT_ENDPOINTS.join(', ')})` });
      continue;
    }
    if (value === null) continue;
    const fault = normalizeFault(value);
    if (typeof fault === 'string') problems.push({ field, message: fault });
    else out[endpoint] = fault;
  }
  return out;
}

/**
 * @param {object} readings a partial of {@link Readings}
 * @param {{field: string, message: string}[]} problems collects problems (`readings.<name>`)
 * @returns {Readings} merged over {@link DEFAULT_READINGS}
 */
function normalizeReadings(readings, problems) {
  const out = /** @type {Record<string, unknown>} */ ({ ...DEFAULT_READINGS });
  for (const [name, value] of Object.entries(readings)) {
    const field = `readings.${name}`;
    if (!Object.hasOwn(READING_VALUES, name)) {
      problems.push({ field, message: `unknown reading (use ${Object.keys(READING_VALUES).join(', ')})` });
      continue;
    }
    const values = /** @type {readonly unknown[]} */ (READING_VALUES[/** @type {keyof Readings} */ (name)]);
    if (values.includes(value)) out[name] = value;
    else problems.push({ field, message: `must be one of ${values.join(', ')}` });
  }
  return /** @type {Readings} */ (out);
}

/**
 * The fault to apply to this call of `endpoint`, if any; counts down `times` and heals at zero.
 * @param {Scenario} scenario mutated: `faults[endpoint].times` decreases, the entry goes at zero
 * @param {string} endpoint `init`, `start`, `finish` or `events`
 * @returns {string | undefined} the fault kind
 */
export function takeFault(scenario, endpoint) {
  const fault = scenario.faults[endpoint];
  if (!fault) return undefined;
  if (fault.times !== undefined) {
    fault.times -= 1;
    if (fault.times <= 0) delete scenario.faults[endpoint];
  }
  return fault.kind;
}
