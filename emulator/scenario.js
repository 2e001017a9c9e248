/**
 * The scenario: what the emulated Frontend API decides on the next calls of one project, and
 * which faults it injects. Changed through `PUT /emulator/scenario` (a validated partial merge).
 */
import {
  DEFAULT_READINGS,
  FAULT_ENDPOINTS,
  FAULT_KINDS,
  READING_VALUES,
  USER_VERIFICATION,
  isFaultEndpoint,
  isFaultKind,
} from './contract.js';
import { ApiError } from './errors.js';
import { isObject, isStringMap } from './validate.js';

// The contract's lists, for the modules and tests that know them from here.
export { DEFAULT_READINGS, FAULT_ENDPOINTS, FAULT_KINDS, READING_VALUES };

/**
 * The contract's types (contract.js), under their names here.
 * @typedef {import('./contract.js').Scenario} Scenario
 * @typedef {import('./contract.js').Readings} Readings
 * @typedef {import('./contract.js').Fault} Fault
 * @typedef {import('./contract.js').FaultEndpoint} FaultEndpoint
 * @typedef {import('./contract.js').FaultKind} FaultKind
 */

/** Upper bound for `latencyMs`, in ms. */
const MAX_LATENCY_MS = 60_000;

/** Default lifetime of a process after init, in ms (1 h): scenario `processTtlMs`. */
export const PROCESS_TTL_MS = 60 * 60_000;

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

/**
 * Per-field checks, one for each field of the contract's `Scenario`: each returns a problem
 * message, or undefined when the value is valid.
 * @type {Record<keyof Scenario, (v: unknown) => string | undefined>}
 */
const CHECKS = {
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
    /** @type {readonly unknown[]} */ (USER_VERIFICATION).includes(v) ? undefined : `must be one of ${USER_VERIFICATION.join(', ')}`,
  latencyMs: (v) =>
    Number.isSafeInteger(v) && /** @type {number} */ (v) >= 0 && /** @type {number} */ (v) <= MAX_LATENCY_MS
      ? undefined
      : `must be an integer between 0 and ${MAX_LATENCY_MS} (ms)`,
  dateHeader: boolean,
  faults: (v) => (isObject(v) ? undefined : 'must be an object keyed by endpoint'),
  readings: (v) => (isObject(v) ? undefined : `must be an object with some of ${Object.keys(READING_VALUES).join(', ')}`),
};

/**
 * Validate one fault entry and bring it to `{kind, times?}`.
 * @param {unknown} value a kind string or `{kind, times?}`
 * @returns {Fault | string} the fault, or a problem message
 */
function normalizeFault(value) {
  const fault = typeof value === 'string' ? { kind: value } : value;
  if (!isObject(fault) || !isFaultKind(fault.kind)) {
    return `must be one of ${FAULT_KINDS.join(', ')} or {kind, times}`;
  }
  const { kind, times } = /** @type {{kind: FaultKind, times?: unknown}} */ (fault);
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
 * @returns {Partial<Record<FaultEndpoint, Fault>>}
 */
function normalizeFaults(faults, problems) {
  /** @type {Partial<Record<FaultEndpoint, Fault>>} */
  const out = {};
  for (const [endpoint, value] of Object.entries(faults)) {
    const field = `faults.${endpoint}`;
    if (!isFaultEndpoint(endpoint)) {
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
 * @param {FaultEndpoint} endpoint
 * @returns {FaultKind | undefined} the fault kind
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
