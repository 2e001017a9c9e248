/**
 * The four Corbado Frontend API endpoints of the append flow (`api/connect-append.openapi.yaml`):
 * init, start, finish, events — a thin HTTP adapter over the server model (model.js), which holds
 * their semantics. What is HTTP stays here: the page origin (Origin header) and init's
 * `frontendApiUrl` (the emulator's own origin by default).
 *
 * Each handler gets an {@link ApiContext} whose body already passed the operation's request
 * schema (core.js checks it against the API description), and returns `{status, body}` (no
 * body = 204), or throws an ApiError. Faults, latency, logging and body parsing happen in the
 * router (core.js).
 */
import { headerValue, selfOrigin } from './http.js';

/**
 * @typedef {object} ApiContext
 * @property {import('node:http').IncomingMessage} req
 * @property {import('./model.js').ServerModel} model
 * @property {string} projectId `X-Corbado-ProjectID` header (checked)
 * @property {any} body parsed JSON body, valid against the operation's request schema
 * @property {string | undefined} processId `X-Corbado-Process-ID` header
 *
 * @typedef {{status: number, body?: unknown}} ApiResult
 */

/**
 * The origin of the page that called (the Origin header; else the request's own origin).
 * @param {import('node:http').IncomingMessage} req
 */
function pageOrigin(req) {
  const origin = headerValue(req, 'origin');
  return origin && origin !== 'null' ? origin : selfOrigin(req);
}

/**
 * `POST /v2/connect/append/init` (model `init`), with `frontendApiUrl` from the scenario (unset:
 * the emulator's own origin as the request reached it).
 * @param {ApiContext} ctx body `{clientInformation, flags, invitationToken?, situation?}`
 * @returns {ApiResult} `{processID, newClientEnvHandle, expiresAt (unix s), frontendApiUrl, appendAllowed, flags}`
 */
export function init({ req, model, projectId, body, processId }) {
  const answer = model.init(projectId, { processId, body });
  const { frontendApiUrl } = model.project(projectId).scenario;
  return { status: answer.status, body: { ...answer.body, frontendApiUrl: frontendApiUrl ?? selfOrigin(req) } };
}

/**
 * `POST /v2/connect/append/start` (model `start`): options for the page's origin (`rp.id` = its host name).
 * @param {ApiContext} ctx body `{appendTokenValue, loadedMs (unix ms), forcePasskeyAppend?, situation?}`
 * @returns {Promise<ApiResult>} `{attestationOptions, variant, isRestrictedBrowser, autoAppend,
 *   conditionalAppend, expiresMs (unix ms), customData?}`
 */
export function start({ req, model, projectId, body, processId }) {
  return model.start(projectId, { processId, body, origin: pageOrigin(req) });
}

/**
 * `POST /v2/connect/append/finish` (model `finish`): the attestation must name the page's origin.
 * @param {ApiContext} ctx body `{attestationResponse (JSON text of RegistrationResponseJSON), completionType, customData?}`
 * @returns {Promise<ApiResult>} `{passkeyOperation}`
 */
export function finish({ req, model, projectId, body, processId }) {
  return model.finish(projectId, { processId, body, origin: pageOrigin(req) });
}

/**
 * `POST /v2/connect/events` (model `event`). Every `passkeyEventType` of Corbado's Frontend API
 * 2.0.4 is accepted (the description's enum, checked by core.js), any other is refused.
 * @param {ApiContext} ctx body `{eventType, message?, challenge?}`
 * @returns {ApiResult} 204
 */
export function events({ model, projectId, body, processId }) {
  return model.event(projectId, { processId, body });
}
