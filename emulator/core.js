/**
 * The local emulator of the Corbado Connect Frontend API (append subset), as one request handler
 * that any Node http host can mount: the Vite plugin, the @web/test-runner middleware, the
 * standalone server.
 *
 * Routes:
 * - `POST /v2/connect/append/init|start|finish`, `POST /v2/connect/events` (api.js, over the server
 *   model of model.js), partitioned by the `X-Corbado-ProjectID` header; subject to the project's
 *   scenario `latencyMs` and `faults`.
 *   Every request body is checked against the API description (openapi.js) before its handler
 *   runs (400 `validation_error` with `validation[]`), and every answer the emulator makes is
 *   checked against it too: an answer that breaks it becomes a 500 `internal_error` (a bug here).
 * - `/emulator/*` (demo.js), partitioned by `?projectId=` (default `pro-local`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import * as api from './api.js';
import { DEMO_ROUTES } from './demo.js';
import { ApiError, errorBody, methodNotAllowed } from './errors.js';
import { requestProblems, responseProblems } from './openapi.js';
import { BODY_LIMIT_BYTES, headerValue, readJsonBody, sendJson, sendNoContent } from './http.js';
import { handlesFirst } from './contract.js';
import { TIMEOUT_CAP_MS, sendFault } from './faults.js';
import { takeFault } from './scenario.js';
import { DEFAULT_PROJECT_ID, PROJECT_ID_PATTERN, appendLog, createStore } from './state.js';

/**
 * /v2 path → endpoint name (for faults) and handler.
 * @type {Record<string, {name: import('./contract.js').FaultEndpoint, handler: (ctx: api.ApiContext) => api.ApiResult | Promise<api.ApiResult>}>}
 */
const API_ROUTES = {
  '/v2/connect/append/init': { name: 'init', handler: api.init },
  '/v2/connect/append/start': { name: 'start', handler: api.start },
  '/v2/connect/append/finish': { name: 'finish', handler: api.finish },
  '/v2/connect/events': { name: 'events', handler: api.events },
};

/**
 * @typedef {object} EmulatorOptions
 * @property {number} [bodyLimitBytes] largest accepted JSON body, in bytes (default 64 KiB; larger → 413)
 * @property {number} [timeoutCapMs] how long a `timeout` fault holds a request at most, in ms (default 120 s)
 *
 * @typedef {object} Emulator
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>} handle
 *   answers the request and resolves true when the path is the emulator's (`/v2/*` or a known
 *   `/emulator/*` path); resolves false without touching `res` otherwise
 * @property {() => void} reset forget all projects and drop requests held by `timeout` faults
 */

/**
 * Create an emulator with its own in-memory state.
 * @param {EmulatorOptions} [opts]
 * @returns {Emulator}
 */
export function createEmulator(opts = {}) {
  const { bodyLimitBytes = BODY_LIMIT_BYTES, timeoutCapMs = TIMEOUT_CAP_MS } = opts;
  const store = createStore();
  /** @type {Set<import('node:http').ServerResponse>} responses held by a `timeout` fault */
  const hung = new Set();

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   */
  async function handleApi(req, res, path) {
    const startedAt = performance.now();
    try {
      const route = API_ROUTES[path];
      if (!route) throw new ApiError(404, 'not_found', `no such endpoint: ${path}`);
      if (req.method !== 'POST') throw methodNotAllowed(['POST']);
      const projectId = requireProjectId(headerValue(req, 'x-corbado-projectid'), 'X-Corbado-ProjectID');
      const project = store.project(projectId);
      const processId = headerValue(req, 'x-corbado-process-id');
      const entry = { path, method: 'POST', processId: processId ?? null, body: /** @type {unknown} */ (undefined), at: Date.now() };
      appendLog(store.requests(projectId), entry);

      /** @type {unknown} */
      let bodyError;
      await readJsonBody(req, bodyLimitBytes).then(
        (body) => (entry.body = body),
        (err) => (bodyError = err),
      );
      if (project.scenario.latencyMs > 0) await sleep(project.scenario.latencyMs);
      if (!project.scenario.dateHeader) withholdDate(res);
      const fault = takeFault(project.scenario, route.name);
      if (fault && !handlesFirst(fault)) return sendFault(fault, res, { startedAt, hung, timeoutCapMs });
      if (bodyError) throw bodyError;

      const handled = Promise.resolve(entry.body).then((body) => {
        const problems = requestProblems(path, body);
        if (problems.length > 0) throw validationErrorOf(problems);
        return route.handler({ req, model: store.model, projectId, body, processId });
      });
      // A `stored-*` fault: the work is done (whatever its outcome), its answer is lost on the way.
      if (fault)
        return await handled.then(
          () => sendFault(fault, res, { startedAt, hung, timeoutCapMs }),
          () => sendFault(fault, res, { startedAt, hung, timeoutCapMs }),
        );
      send(res, selfChecked(path, await handled));
    } catch (err) {
      sendError(res, err, startedAt, path);
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   * @param {Partial<Record<string, (ctx: any) => api.ApiResult>>} methods
   */
  async function handleDemo(req, res, url, methods) {
    const startedAt = performance.now();
    try {
      const handler = methods[req.method ?? 'GET'];
      if (!handler) throw methodNotAllowed(Object.keys(methods));
      const projectId = requireProjectId(url.searchParams.get('projectId') ?? DEFAULT_PROJECT_ID, 'projectId');
      const body = req.method === 'GET' ? undefined : await readJsonBody(req, bodyLimitBytes);
      send(res, handler({ projectId, body, store }));
    } catch (err) {
      sendError(res, err, startedAt);
    }
  }

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://emulator.invalid');
      if (url.pathname.startsWith('/v2/')) {
        await handleApi(req, res, url.pathname);
        return true;
      }
      const methods = DEMO_ROUTES[url.pathname];
      if (!methods) return false;
      await handleDemo(req, res, url, methods);
      return true;
    },
    reset() {
      store.resetAll();
      for (const res of hung) res.destroy();
    },
  };
}

/**
 * The project ID, checked against {@link PROJECT_ID_PATTERN}.
 * @param {string | undefined | null} value
 * @param {string} field where it came from (`X-Corbado-ProjectID` header, `projectId` query)
 * @throws {ApiError} 400 `validation_error` when missing or not a DNS label
 */
function requireProjectId(value, field) {
  if (!value || !PROJECT_ID_PATTERN.test(value)) {
    throw new ApiError(400, 'validation_error', `${field} is missing or invalid`, [
      { field, message: 'must be a project ID like pro-123 ([a-z0-9-], 1-63 chars)' },
    ]);
  }
  return value;
}

/**
 * The 400 `validation_error` for request problems, every one in `validation[]`.
 * @param {import('./openapi.js').Problem[]} problems
 */
function validationErrorOf(problems) {
  return new ApiError(400, 'validation_error', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

/**
 * Answer fields that the scenario may set outside the description on purpose (any string, as a
 * newer API may send): the self-check lets them through.
 * @type {Record<string, string[]>}
 */
const SCENARIO_PASS_THROUGH = { '/v2/connect/append/start': ['variant'] };

/**
 * `result`, when it matches the API description's answer for its status (but for
 * {@link SCENARIO_PASS_THROUGH} fields).
 * @param {string} path
 * @param {api.ApiResult} result
 * @throws {ApiError} 500 `internal_error` naming the mismatch (the emulator broke the description)
 */
function selfChecked(path, result) {
  const passThrough = SCENARIO_PASS_THROUGH[path] ?? [];
  const problems = responseProblems(path, result.status, result.body).filter((p) => !passThrough.includes(p.field));
  if (problems.length === 0) return result;
  const details = `emulator answer breaks the API description: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`;
  console.error('[corbado-emulator]', path, details);
  throw new ApiError(500, 'internal_error', details);
}

/**
 * No `Date` on this answer, as a page sees it behind a server that does not send or expose it:
 * neither sent, nor named in `Access-Control-Expose-Headers` (set by the standalone server).
 * @param {import('node:http').ServerResponse} res
 */
function withholdDate(res) {
  res.sendDate = false;
  const exposed = res.getHeader('access-control-expose-headers');
  if (typeof exposed !== 'string') return;
  const rest = exposed.split(/\s*,\s*/).filter((h) => h !== '' && h.toLowerCase() !== 'date');
  if (rest.length > 0) res.setHeader('access-control-expose-headers', rest.join(', '));
  else res.removeHeader('access-control-expose-headers');
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {api.ApiResult} result
 */
function send(res, { status, body }) {
  if (body === undefined) sendNoContent(res);
  else sendJson(res, status, body);
}

/**
 * Answer with the Corbado error body; an unexpected exception becomes a 500 `internal_error`.
 * @param {import('node:http').ServerResponse} res
 * @param {unknown} err
 * @param {number} startedAt `performance.now()` at arrival (ms)
 * @param {string} [apiPath] the /v2 path: the body is checked against its `default` answer (a mismatch is logged)
 */
function sendError(res, err, startedAt, apiPath) {
  if (!(err instanceof ApiError)) {
    console.error('[corbado-emulator]', err);
    err = new ApiError(500, 'internal_error', String(/** @type {Error} */ (err)?.message ?? err));
  }
  const apiError = /** @type {ApiError} */ (err);
  const body = errorBody(apiError, startedAt);
  const problems = apiPath && API_ROUTES[apiPath] ? responseProblems(apiPath, apiError.status, body) : [];
  if (problems.length > 0) console.error('[corbado-emulator] error body breaks the API description', apiPath, problems);
  sendJson(res, apiError.status, body, apiError.headers);
}
