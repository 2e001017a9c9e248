/**
 * In-memory state of the emulator, partitioned by Corbado project ID: the server model (model.js:
 * each project's scenario, append tokens, processes, challenges, users with their credentials,
 * events) run on real time with real WebAuthn (webauthn.js), plus the HTTP side's own request log
 * per project — so parallel tests on distinct project ids never see each other.
 */
import { randomBytes } from 'node:crypto';
import { createServerModel } from './model.js';
import { makeOptions, verify } from './webauthn.js';

export { DEMO_USER, APPEND_TOKEN_TTL_MS, LOG_LIMIT, appendLog } from './model.js';

export { DEFAULT_PROJECT_ID, PROJECT_ID_PATTERN } from './contract.js';

/**
 * @typedef {import('./model.js').Project} Project
 * @typedef {import('./contract.js').RecordedRequest} RecordedRequest one /v2 call
 */

/**
 * A random opaque id.
 * @param {string} prefix e.g. `cap`
 * @param {number} [bytes] entropy in bytes
 */
export function randomId(prefix, bytes = 16) {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/**
 * The model's deps in the emulator: real time, crypto ids (16 random bytes; an append token, a
 * secret, 24), real WebAuthn.
 * @type {import('./model.js').ServerDeps}
 */
export const EMULATOR_DEPS = Object.freeze({
  now: () => Date.now(),
  randomId: (prefix) => randomId(prefix, prefix === 'ctk' ? 24 : 16),
  makeOptions,
  verify,
});

/**
 * Creates the store of all projects: a server model and the request logs.
 * @param {import('./model.js').ServerDeps} [deps] the model's clock, ids and WebAuthn
 */
export function createStore(deps = EMULATOR_DEPS) {
  const model = createServerModel(deps);
  /** @type {Map<string, RecordedRequest[]>} */
  const requests = new Map();
  return {
    model,
    /**
     * The server state of one project, created on first use.
     * @param {string} projectId
     */
    project: (projectId) => model.project(projectId),
    /**
     * The /v2 calls of one project (the last `LOG_LIMIT`), oldest first.
     * @param {string} projectId
     */
    requests(projectId) {
      let log = requests.get(projectId);
      if (!log) requests.set(projectId, (log = []));
      return log;
    },
    /** @param {string} projectId forget everything about that project */
    resetProject(projectId) {
      model.reset(projectId);
      requests.delete(projectId);
    },
    /** Forget every project. */
    resetAll() {
      model.resetAll();
      requests.clear();
    },
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */
