/**
 * The demo side of the emulator under `/emulator/*`: what the customer's own backend (and the
 * playground, and tests) would do — mint append tokens, read stored passkeys, events and the
 * request log, change the scenario, reset a project. All take `?projectId=` (default `pro-local`).
 */
import { validationError } from './errors.js';
import { mergeScenario } from './scenario.js';
import { DEMO_USER, issueAppendToken } from './state.js';
import { isObject } from './validate.js';

/**
 * @typedef {object} DemoContext
 * @property {import('./state.js').Project} project
 * @property {string} projectId
 * @property {unknown} body parsed JSON body (undefined when empty)
 * @property {ReturnType<typeof import('./state.js').createStore>} store
 * @typedef {import('./api.js').ApiResult} DemoResult
 */

/**
 * `POST /emulator/append-token` body `{userId?, email?, ttlMs?}` (all optional) →
 * `{appendToken}`: single use, valid `ttlMs` ms (default 10 min), for the demo user by default.
 * @param {DemoContext} ctx
 * @returns {DemoResult}
 */
function appendToken({ project, body }) {
  if (body !== undefined && !isObject(body)) throw validationError('body', 'must be a JSON object');
  const { userId = DEMO_USER.id, email, ttlMs } = /** @type {Record<string, unknown>} */ (body ?? {});
  if (typeof userId !== 'string' || userId === '') throw validationError('userId', 'must be a non-empty string');
  if (email !== undefined && typeof email !== 'string') throw validationError('email', 'must be a string');
  if (ttlMs !== undefined && !Number.isSafeInteger(ttlMs)) throw validationError('ttlMs', 'must be an integer (ms)');
  const token = issueAppendToken(project, {
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
function credentials({ project }) {
  const list = [...project.users.values()].flatMap((user) =>
    user.credentials.map(({ id, userId, aaguid, transports, createdAt, completionType, customData }) => ({
      id,
      userId,
      aaguid,
      transports,
      createdAt,
      completionType,
      customData,
    })),
  );
  return { status: 200, body: { credentials: list } };
}

/** @type {Record<string, Partial<Record<string, (ctx: DemoContext) => DemoResult>>>} path → method → handler */
export const DEMO_ROUTES = {
  '/emulator/append-token': { POST: appendToken },
  '/emulator/credentials': { GET: credentials },
  '/emulator/events': { GET: ({ project }) => ({ status: 200, body: { events: project.events } }) },
  '/emulator/requests': { GET: ({ project }) => ({ status: 200, body: { requests: project.requests } }) },
  '/emulator/scenario': {
    GET: ({ project }) => ({ status: 200, body: project.scenario }),
    PUT: ({ project, body }) => {
      project.scenario = mergeScenario(project.scenario, body);
      return { status: 200, body: project.scenario };
    },
  },
  '/emulator/reset': {
    POST: ({ store, projectId }) => {
      store.resetProject(projectId);
      return { status: 204 };
    },
  },
};
