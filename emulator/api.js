/**
 * The four Corbado Frontend API endpoints of the append flow (`api/connect-append.openapi.yaml`):
 * init, start, finish, events.
 *
 * Each handler gets an {@link ApiContext} whose body already passed the operation's request
 * schema (core.js checks it against the API description), and returns `{status, body}` (no
 * body = 204), or throws an ApiError. Faults, latency, logging and body parsing happen in the
 * router (core.js).
 */
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { ApiError, validationError } from './errors.js';
import { headerValue, selfOrigin } from './http.js';
import { appendLog, consumeAppendToken, randomId } from './state.js';
import { aaguidName } from './aaguid.js';

/** WebAuthn ceremony timeout put in the creation options, in ms. */
const CEREMONY_TIMEOUT_MS = 60_000;

/**
 * @typedef {object} ApiContext
 * @property {import('node:http').IncomingMessage} req
 * @property {import('./state.js').Project} project
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
 * `POST /v2/connect/append/init` — open a process, or resume the live one of this project named
 * by `X-Corbado-Process-ID` (same `processID`, its own `expiresAt`); an unknown or expired one is
 * replaced by a new process. Tells whether append may be offered.
 * @param {ApiContext} ctx body `{clientInformation, flags, invitationToken?, situation?}`
 * @returns {ApiResult} `{processID, newClientEnvHandle, expiresAt (unix s), frontendApiUrl, appendAllowed,
 *   flags}`; `frontendApiUrl` and `flags` from the scenario (unset `frontendApiUrl`: the emulator's own origin)
 */
export function init({ req, project, body, processId }) {
  const sentHandle = body.clientInformation.clientEnvHandle;
  const envHandle = typeof sentHandle === 'string' && project.envHandles.has(sentHandle) ? sentHandle : randomId('ceh');
  project.envHandles.add(envHandle);

  const { scenario } = project;
  let process = processId ? project.processes.get(processId) : undefined;
  if (process && Date.now() < process.expiresAt) {
    Object.assign(process, { clientInformation: body.clientInformation, situation: body.situation, resumed: (process.resumed ?? 0) + 1 });
  } else {
    process = {
      id: randomId('cap'),
      // On a whole second: init answers `expiresAt` in unix seconds, and a client that believes it
      // must see the process die when the emulator does (not up to a second before).
      expiresAt: Math.ceil((Date.now() + scenario.processTtlMs) / 1000) * 1000,
      clientInformation: body.clientInformation,
      situation: body.situation,
    };
    project.processes.set(process.id, process);
  }
  return {
    status: 200,
    body: {
      processID: process.id,
      newClientEnvHandle: envHandle,
      expiresAt: Math.floor(process.expiresAt / 1000),
      frontendApiUrl: scenario.frontendApiUrl ?? selfOrigin(req),
      appendAllowed: scenario.appendAllowed,
      flags: { ...scenario.flags },
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
  const b = ctx.body;
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
  const b = ctx.body;

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
    completionType: b.completionType,
    customData: b.customData,
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
 * `POST /v2/connect/events` — record a client-side event of the process. Every `passkeyEventType`
 * of Corbado's Frontend API 2.0.4 is accepted (the description's enum), any other is refused.
 * @param {ApiContext} ctx body `{eventType, message?, challenge?}`
 * @returns {ApiResult} 204
 */
export function events(ctx) {
  const process = liveProcess(ctx);
  const b = ctx.body;
  appendLog(ctx.project.events, {
    eventType: b.eventType,
    message: b.message,
    challenge: b.challenge,
    processId: process.id,
    at: Date.now(),
  });
  return { status: 204 };
}
