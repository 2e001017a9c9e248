/**
 * The demo side of the emulator under `/emulator/*`: what the customer's own backend (and the
 * playground, and tests) would do — mint append tokens, read stored passkeys, events and the
 * request log, change the scenario, reset a project. All take `?projectId=` (default `pro-local`).
 */
import { validationError } from './errors.js';
import { DEMO_USER } from './state.js';
import { isObject } from './validate.js';

/**
 * @typedef {object} DemoContext
 * @property {string} projectId
 * @property {unknown} body parsed JSON body (undefined when empty)
 * @property {import('./state.js').Store} store the server model (`store.model`) and the request logs
 * @typedef {import('./api.js').ApiResult} DemoResult
 */

/**
 * `POST /emulator/append-token` body `{userId?, email?, ttlMs?}` (all optional) →
 * `{appendToken}`: single use, valid `ttlMs` ms (default 10 min), for the demo user by default.
 * @param {DemoContext} ctx
 * @returns {DemoResult}
 */
function appendToken({ store, projectId, body }) {
  if (body !== undefined && !isObject(body)) throw validationError('body', 'must be a JSON object');
  const { userId = DEMO_USER.id, email, ttlMs } = /** @type {Record<string, unknown>} */ (body ?? {});
  if (typeof userId !== 'string' || userId === '') throw validationError('userId', 'must be a non-empty string');
  if (email !== undefined && typeof email !== 'string') throw validationError('email', 'must be a string');
  if (ttlMs !== undefined && !Number.isSafeInteger(ttlMs)) throw validationError('ttlMs', 'must be an integer (ms)');
  const token = store.model.issueAppendToken(projectId, {
    userId,
    email: /** @type {string | undefined} */ (email),
    ttlMs: /** @type {number | undefined} */ (ttlMs),
  });
  return { status: 200, body: { appendToken: token.value } };
}

/**
 * `GET /emulator/credentials` → `{credentials: [{id, userId, aaguid, transports, createdAt (unix ms),
 * completionType, customData?}]}`, oldest first per user.
 * @param {DemoContext} ctx
 * @returns {DemoResult}
 */
function credentials({ store, projectId }) {
  return { status: 200, body: { credentials: store.model.credentials(projectId) } };
}

/** @type {Record<string, Partial<Record<string, (ctx: DemoContext) => DemoResult>>>} path → method → handler */
export const DEMO_ROUTES = {
  '/emulator/append-token': { POST: appendToken },
  '/emulator/credentials': { GET: credentials },
  '/emulator/events': { GET: ({ store, projectId }) => ({ status: 200, body: { events: store.project(projectId).events } }) },
  '/emulator/requests': { GET: ({ store, projectId }) => ({ status: 200, body: { requests: store.requests(projectId) } }) },
  '/emulator/scenario': {
    GET: ({ store, projectId }) => ({ status: 200, body: store.project(projectId).scenario }),
    PUT: ({ store, projectId, body }) => ({ status: 200, body: store.model.setScenario(projectId, body) }),
  },
  '/emulator/reset': {
    POST: ({ store, projectId }) => {
      store.resetProject(projectId);
      return { status: 204 };
    },
  },
};
