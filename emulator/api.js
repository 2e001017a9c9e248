/**
 * The four Corbado Frontend API endpoints of the append flow (OpenAPI
 * `/work/shared/api/connect-append.openapi.yaml`): init, start, finish, events.
 *
 * Each handler gets an {@link ApiContext} and returns `{status, body}` (no body = 204), or throws
 * an ApiError. Faults, latency, logging and body parsing happen in the router (core.js).
 */
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { ApiError, validationError } from './errors.js';
import { headerValue, selfOrigin } from './http.js';
import { PROCESS_TTL_MS, appendLog, consumeAppendToken, randomId } from './state.js';
import { aaguidName } from './aaguid.js';
import { isObject, isStringMap } from './validate.js';

/** `completionType` values of the finish request. */
const COMPLETION_TYPES = ['auto', 'conditional', 'manual', 'manual-retry'];

/** `eventType` values of the events request (the append subset of Corbado's passkeyEventType). */
const EVENT_TYPES = ['append-credential-exists', 'append-explicit-abort', 'append-error', 'append-error-unexpected', 'append-learn-more'];

/** WebAuthn ceremony timeout put in the creation options, in ms. */
const CEREMONY_TIMEOUT_MS = 60_000;

/**
 * @typedef {object} ApiContext
 * @property {import('node:http').IncomingMessage} req
 * @property {import('./state.js').Project} project
 * @property {any} body parsed JSON body
 * @property {string | undefined} processId `X-Corbado-Process-ID` header
 *
 * @typedef {{status: number, body?: unknown}} ApiResult
 */

/** @param {unknown} body @returns {Record<string, unknown>} */
function requireObjectBody(body) {
  if (!isObject(body)) throw validationError('body', 'must be a JSON object');
  return /** @type {Record<string, unknown>} */ (body);
}

/**
 * @param {Record<string, unknown>} body
 * @param {string} field
 * @param {'string' | 'boolean'} type
 */
function optional(body, field, type) {
  if (body[field] !== undefined && typeof body[field] !== type) throw validationError(field, `must be a ${type}`);
}

/** @param {Record<string, unknown>} body @param {string} field */
function optionalStringMap(body, field) {
  const v = body[field];
  if (v !== undefined && !isStringMap(v)) {
    throw validationError(field, 'must be an object of string values');
  }
}

/**
 * The origin of the page that called (the Origin header; else the request's own origin).
 * @param {import('node:http').IncomingMessage} req
 */
function pageOrigin(req) {
  const origin = headerValue(req, 'origin');
  return origin && origin !== 'null' ? origin : selfOrigin(req);
}

/**
 * The process named by `X-Corbado-Process-ID`, which must exist in this project and be live.
 * @param {ApiContext} ctx
 * @throws {ApiError} 400 when the header is missing or the process expired, 404 when unknown
 */
function liveProcess({ project, processId }) {
  if (!processId) {
    throw new ApiError(400, 'validation_error', 'X-Corbado-Process-ID header is required', [
      { field: 'X-Corbado-Process-ID', message: 'required' },
    ]);
  }
  const process = project.processes.get(processId);
  if (!process) throw new ApiError(404, 'not_found', `process ${processId} not found`);
  if (Date.now() >= process.expiresAt) throw new ApiError(400, 'process_expired', `process ${processId} expired`);
  return process;
}

/**
 * `POST /v2/connect/append/init` — open a process; tells whether append may be offered.
 * @param {ApiContext} ctx body `{clientInformation, flags, situation?}`
 * @returns {ApiResult} `{processID, newClientEnvHandle, expiresAt (unix s), frontendApiUrl, appendAllowed, flags}`
 */
export function init({ req, project, body }) {
  const b = requireObjectBody(body);
  if (!isObject(b.clientInformation)) throw validationError('clientInformation', 'must be an object');
  if (!isObject(b.flags)) throw validationError('flags', 'must be an object');
  optional(b, 'situation', 'string');

  const sentHandle = /** @type {{clientEnvHandle?: unknown}} */ (b.clientInformation).clientEnvHandle;
  const envHandle = typeof sentHandle === 'string' && project.envHandles.has(sentHandle) ? sentHandle : randomId('ceh');
  project.envHandles.add(envHandle);

  const process = {
    id: randomId('cap'),
    expiresAt: Date.now() + PROCESS_TTL_MS,
    clientInformation: b.clientInformation,
    situation: /** @type {string | undefined} */ (b.situation),
  };
  project.processes.set(process.id, process);
  return {
    status: 200,
    body: {
      processID: process.id,
      newClientEnvHandle: envHandle,
      expiresAt: Math.floor(process.expiresAt / 1000),
      frontendApiUrl: selfOrigin(req),
      appendAllowed: project.scenario.appendAllowed,
      flags: {},
    },
  };
}

/**
 * `POST /v2/connect/append/start` — spend the append token, answer creation options and UI decisions.
 * A new start on the same process replaces its challenge.
 * @param {ApiContext} ctx body `{appendTokenValue, loadedMs (unix ms), forcePasskeyAppend?, situation?}`
 * @returns {Promise<ApiResult>} `{attestationOptions, variant, isRestrictedBrowser, autoAppend,
 *   conditionalAppend, expiresMs (unix ms), customData?}`
 */
export async function start(ctx) {
  const process = liveProcess(ctx);
  const b = requireObjectBody(ctx.body);
  if (!Number.isSafeInteger(b.loadedMs)) throw validationError('loadedMs', 'must be an integer (unix ms)');
  optional(b, 'forcePasskeyAppend', 'boolean');
  optional(b, 'situation', 'string');
  const user = consumeAppendToken(ctx.project, b.appendTokenValue);

  const scenario = ctx.project.scenario;
  const expiresMs = Date.now() + scenario.ttlMs;
  Object.assign(process, { userId: user.id, challenge: undefined, challengeUsed: false, optionsExpiresMs: expiresMs });

  let attestationOptions = '';
  if (!scenario.passkeyIntelDenied || b.forcePasskeyAppend === true) {
    const rpID = new URL(pageOrigin(ctx.req)).hostname;
    const options = await generateRegistrationOptions({
      rpName: 'Corbado Emulator',
      rpID,
      userID: new TextEncoder().encode(user.id),
      userName: user.email,
      userDisplayName: user.email,
      excludeCredentials: user.credentials.map(({ id, transports }) => ({ id, transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: scenario.userVerification ?? 'preferred' },
      attestationType: 'none',
      timeout: CEREMONY_TIMEOUT_MS,
    });
    Object.assign(process, { challenge: options.challenge, rpID, requireUserVerification: scenario.userVerification === 'required' });
    attestationOptions = JSON.stringify({ publicKey: options });
  }

  return {
    status: 200,
    body: {
      attestationOptions,
      variant: scenario.variant,
      isRestrictedBrowser: scenario.isRestrictedBrowser,
      autoAppend: scenario.autoAppend,
      conditionalAppend: scenario.conditionalAppend,
      expiresMs,
      ...(scenario.customData ? { customData: scenario.customData } : {}),
    },
  };
}

/**
 * `POST /v2/connect/append/finish` — verify the attestation against the process's challenge and
 * store the passkey for the token's user. The challenge is spent by the first verification attempt.
 * @param {ApiContext} ctx body `{attestationResponse (JSON text of RegistrationResponseJSON), completionType, customData?}`
 * @returns {Promise<ApiResult>} `{passkeyOperation}`
 * @throws {ApiError} 400 `challenge_missing` (no start, or start answered no options),
 *   `challenge_used`, `process_expired` (after the start's `expiresMs`), `validation_error`
 */
export async function finish(ctx) {
  const process = liveProcess(ctx);
  const b = requireObjectBody(ctx.body);
  if (typeof b.attestationResponse !== 'string') throw validationError('attestationResponse', 'must be a string');
  if (!COMPLETION_TYPES.includes(/** @type {string} */ (b.completionType))) {
    throw validationError('completionType', `must be one of ${COMPLETION_TYPES.join(', ')}`);
  }
  optionalStringMap(b, 'customData');

  const user = process.userId ? ctx.project.users.get(process.userId) : undefined;
  if (!process.challenge || !user) {
    throw new ApiError(400, 'challenge_missing', 'no creation options were issued for this process (call start first)');
  }
  if (process.challengeUsed) throw new ApiError(400, 'challenge_used', 'the challenge of this process was already used');
  if (Date.now() >= /** @type {number} */ (process.optionsExpiresMs)) {
    throw new ApiError(400, 'process_expired', 'the creation options of this process expired (expiresMs)');
  }
  let response;
  try {
    response = JSON.parse(b.attestationResponse);
  } catch {
    throw validationError('attestationResponse', 'must be JSON text of a RegistrationResponseJSON');
  }

  process.challengeUsed = true;
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: process.challenge,
      expectedOrigin: pageOrigin(ctx.req),
      expectedRPID: process.rpID,
      requireUserVerification: process.requireUserVerification === true,
    });
  } catch (err) {
    throw validationError('attestationResponse', `verification failed: ${/** @type {Error} */ (err).message}`);
  }
  if (!verification.verified) throw validationError('attestationResponse', 'verification failed');

  const { credential, aaguid } = verification.registrationInfo;
  for (const other of ctx.project.users.values()) {
    if (other.credentials.some((c) => c.id === credential.id)) {
      throw validationError('attestationResponse', 'credential is already registered');
    }
  }
  user.credentials.push({
    id: credential.id,
    userId: user.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? [],
    aaguid,
    createdAt: Date.now(),
    completionType: /** @type {string} */ (b.completionType),
    customData: /** @type {Record<string, string> | undefined} */ (b.customData),
  });

  return {
    status: 200,
    body: {
      passkeyOperation: {
        operationType: 'append',
        identifierValue: user.email,
        identifierType: 'email',
        ceremonyType: 'local',
        aaguidDetails: {
          name: aaguidName(aaguid, ctx.project.scenario.aaguidName),
          iconLight: ctx.project.scenario.aaguidIconLight ?? '',
          iconDark: ctx.project.scenario.aaguidIconDark ?? '',
        },
      },
    },
  };
}

/**
 * `POST /v2/connect/events` — record a client-side event of the process.
 * @param {ApiContext} ctx body `{eventType, message?, challenge?}`
 * @returns {ApiResult} 204
 */
export function events(ctx) {
  const process = liveProcess(ctx);
  const b = requireObjectBody(ctx.body);
  if (!EVENT_TYPES.includes(/** @type {string} */ (b.eventType))) {
    throw validationError('eventType', `must be one of ${EVENT_TYPES.join(', ')}`);
  }
  optional(b, 'message', 'string');
  optional(b, 'challenge', 'string');
  appendLog(ctx.project.events, {
    eventType: b.eventType,
    message: b.message,
    challenge: b.challenge,
    processId: process.id,
    at: Date.now(),
  });
  return { status: 204 };
}
