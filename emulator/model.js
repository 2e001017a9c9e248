/**
 * The emulated Corbado server of the append flow, as a pure model: projects, processes,
 * challenges, append tokens, users and their credentials, expiry, finish idempotence — without
 * transport. Time, ids, creation options and attestation verification are injected, so the same
 * model runs
 * - inside the emulator over HTTP (api.js adapts it; state.js wires `Date.now`, crypto ids and
 *   `@simplewebauthn/server`, see webauthn.js), and
 * - inside a model-based test with a virtual clock and fake attestations.
 *
 * Where Corbado's contract (`api/connect-append.openapi.yaml`, Frontend API 2.0.4) leaves the
 * server's behaviour open, the model follows the project's scenario `readings` (scenario.js
 * READING_VALUES); the defaults (DEFAULT_READINGS) are the emulator's behaviour before readings.
 *
 * Every operation answers `{status, body}` or throws an ApiError (errors.js) with Corbado's
 * `error.type`.
 */
import { aaguidName } from './aaguid.js';
import { ApiError, validationError } from './errors.js';
import { DEFAULT_READINGS, READING_VALUES, defaultScenario, mergeScenario } from './scenario.js';

export { DEFAULT_READINGS, READING_VALUES };

/** Default demo user, the one tokens are issued for when no `userId` is given (demo.js). */
export const DEMO_USER = Object.freeze({ id: 'user-1', email: 'demo@example.com' });

/** Lifetime of an append token, in ms (10 min). */
export const APPEND_TOKEN_TTL_MS = 10 * 60_000;

/** WebAuthn ceremony timeout put in the creation options, in ms. */
export const CEREMONY_TIMEOUT_MS = 60_000;

/** Most entries kept in each of a project's logs (`events` here, the request log in state.js); oldest dropped. */
export const LOG_LIMIT = 5000;

/**
 * @typedef {import('./scenario.js').Readings} Readings
 *
 * @typedef {object} CreationOptionsArgs what `makeOptions` builds the creation options of
 * @property {string} challenge base64url: the options' `challenge` must be exactly this text
 * @property {string} rpID `rp.id`: host name of the page's origin
 * @property {{id: string, email: string}} user `user.id` (the user id's UTF-8, base64url), `user.name`
 * @property {{id: string, transports: string[]}[]} excludeCredentials every credential the user holds, base64url ids
 * @property {string} userVerification `authenticatorSelection.userVerification`
 * @property {number} timeoutMs `timeout`, in ms
 *
 * @typedef {object} VerifyExpectation what `verify` checks the attestation against
 * @property {string} expectedChallenge base64url, the challenge the attestation answers
 * @property {string} expectedOrigin origin of the page that calls finish
 * @property {string} expectedRPID `rp.id` of the options that challenge was issued with
 * @property {boolean} requireUserVerification the options asked for `userVerification: 'required'`
 *
 * @typedef {object} VerifiedCredential what `verify` read from a valid attestation
 * @property {string} credentialId base64url, from authenticatorData
 * @property {string} publicKey COSE public key, base64url
 * @property {number} counter signature counter
 * @property {string[]} transports from the attestation response
 * @property {string} aaguid UUID text
 *
 * @typedef {object} ServerDeps
 * @property {() => number} now server clock, unix ms
 * @property {(prefix: string) => string} randomId a fresh opaque id, e.g. `cap_…` (unique per call)
 * @property {(args: CreationOptionsArgs) => Promise<object> | object} makeOptions
 *   PublicKeyCredentialCreationOptionsJSON with exactly `args.challenge`
 * @property {(response: any, expected: VerifyExpectation) => Promise<VerifiedCredential>} verify
 *   verifies a RegistrationResponseJSON; throws (with a reason as message) when it fails
 *
 * @typedef {object} PasskeyOperation finish `passkeyOperation`
 * @property {'append'} operationType
 * @property {string} identifierValue the user's email
 * @property {'email'} identifierType
 * @property {'local'} ceremonyType
 * @property {{name: string, iconLight: string, iconDark: string}} aaguidDetails
 *
 * @typedef {object} StoredCredential
 * @property {string} id credential ID, base64url
 * @property {string} userId
 * @property {string} publicKey COSE public key, base64url
 * @property {number} counter signature counter
 * @property {string[]} transports from the attestation response
 * @property {string} aaguid UUID text
 * @property {number} createdAt unix ms
 * @property {string} completionType `auto` | `conditional` | `manual` | `manual-retry`
 * @property {Record<string, string>} [customData] echoed from finish
 * @property {string} challenge the challenge it was registered with (base64url)
 * @property {PasskeyOperation} passkeyOperation what its finish answered (replayAnswer `idempotent` answers it again)
 *
 * @typedef {{id: string, email: string, credentials: StoredCredential[]}} User
 * @typedef {{value: string, userId: string, expiresAt: number, used: boolean}} AppendToken expiresAt: unix ms
 *
 * @typedef {object} Process
 * @property {string} id processID
 * @property {number} expiresAt unix ms, on a whole second (init answers it in unix seconds)
 * @property {unknown} clientInformation as sent to the last init
 * @property {string} [situation]
 * @property {number} [resumed] how many inits resumed it (by `X-Corbado-Process-ID`)
 * @property {string} [userId] the user of the last start's append token
 * @property {string[]} challenges its own challenges (base64url), oldest first: a `replace` start
 *   leaves only its own (or none), an `add` start appends; a voiding init resume empties it
 *
 * @typedef {object} Challenge one issued challenge (one start that answered creation options)
 * @property {string} value base64url, as in the options and in clientDataJSON
 * @property {string} processId
 * @property {string} userId the user of the start's append token
 * @property {string} rpID `rp.id` of its options
 * @property {boolean} requireUserVerification its options asked for `userVerification: 'required'`
 * @property {number} expiresMs unix ms: the start's `expiresMs`
 * @property {boolean} used a finish verified an attestation against it (whatever the outcome)
 * @property {boolean} voided replaced by a later start, or voided by an init resume
 *
 * @typedef {import('./contract.js').RecordedEvent} RecordedEvent a `POST /v2/connect/events` body, with its process and time
 *
 * @typedef {object} Project the server state of one Corbado project
 * @property {import('./scenario.js').Scenario} scenario what the project decides (replaceable: setScenario)
 * @property {Map<string, AppendToken>} tokens by value
 * @property {Map<string, Process>} processes by processID (expired ones stay)
 * @property {Map<string, Challenge>} challenges every challenge issued, by value
 * @property {Map<string, User>} users by user id
 * @property {Set<string>} envHandles every `newClientEnvHandle` issued
 * @property {RecordedEvent[]} events the last {@link LOG_LIMIT} events
 *
 * @typedef {'live' | 'used' | 'expired' | 'void' | 'unknown'} ChallengeStatus
 *
 * @typedef {object} InitBody init answer (the HTTP adapter adds `frontendApiUrl`)
 * @property {string} processID
 * @property {string} newClientEnvHandle
 * @property {number} expiresAt unix s
 * @property {boolean} appendAllowed
 * @property {Record<string, string>} flags
 *
 * @typedef {object} StartBody start answer
 * @property {string} attestationOptions JSON text of `{publicKey}`, or `""` (passkey intel denied)
 * @property {string} variant
 * @property {boolean} isRestrictedBrowser
 * @property {boolean} autoAppend
 * @property {boolean} conditionalAppend
 * @property {number} expiresMs unix ms
 * @property {Record<string, string>} [customData]
 *
 * @typedef {{passkeyOperation: PasskeyOperation}} FinishBody finish answer
 */

/**
 * Append to a bounded log ({@link LOG_LIMIT} entries, oldest dropped).
 * @template T
 * @param {T[]} log
 * @param {T} entry
 */
export function appendLog(log, entry) {
  log.push(entry);
  if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
}

/**
 * The readings in force for a scenario: its `readings` merged over {@link DEFAULT_READINGS}.
 * @param {import('./scenario.js').Scenario} scenario
 * @returns {Readings}
 */
export function readingsOf(scenario) {
  return { ...DEFAULT_READINGS, ...scenario.readings };
}

/**
 * The challenge an attestation answers: member `challenge` of its `response.clientDataJSON`
 * (base64url of JSON text).
 * @param {any} response parsed RegistrationResponseJSON (any JSON value)
 * @returns {string | undefined} undefined when it names none
 */
export function challengeOfAttestation(response) {
  const clientDataJSON = response?.response?.clientDataJSON;
  if (typeof clientDataJSON !== 'string') return undefined;
  try {
    const challenge = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'))?.challenge;
    return typeof challenge === 'string' ? challenge : undefined;
  } catch {
    return undefined;
  }
}

/** @returns {Project} */
function newProject() {
  return {
    scenario: defaultScenario(),
    tokens: new Map(),
    processes: new Map(),
    challenges: new Map(),
    users: new Map(),
    envHandles: new Set(),
    events: [],
  };
}

/**
 * The user with that id, created (or its email updated) as given.
 * @param {Project} project
 * @param {string} id
 * @param {string} [email] defaults to the demo email for a new user
 */
function upsertUser(project, id, email) {
  let user = project.users.get(id);
  if (!user) project.users.set(id, (user = { id, email: email ?? DEMO_USER.email, credentials: [] }));
  else if (email) user.email = email;
  return user;
}

/**
 * @param {Project} project
 * @param {string} credentialId base64url
 * @returns {StoredCredential | undefined}
 */
function storedCredential(project, credentialId) {
  for (const user of project.users.values()) {
    const found = user.credentials.find((c) => c.id === credentialId);
    if (found) return found;
  }
  return undefined;
}

/**
 * Create a server model with its own projects (each created on first use).
 * @param {ServerDeps} deps
 */
export function createServerModel(deps) {
  const { now, randomId, makeOptions, verify } = deps;
  /** @type {Map<string, Project>} */
  const projects = new Map();

  /**
   * The state of one project, created on first use.
   * @param {string} projectId
   */
  function project(projectId) {
    let p = projects.get(projectId);
    if (!p) projects.set(projectId, (p = newProject()));
    return p;
  }

  /**
   * The process named by `X-Corbado-Process-ID`: it must exist in this project and be live.
   * @param {Project} p
   * @param {string | undefined} processId
   * @param {number} t now, unix ms
   * @param {boolean} [mayBeExpired] an expired one is returned too (finish, optionsOutliveProcess)
   * @throws {ApiError} 400 `validation_error` without the header, 404 `not_found` when unknown,
   *   400 `process_expired` from its `expiresAt` on
   */
  function processOf(p, processId, t, mayBeExpired = false) {
    if (!processId) {
      throw new ApiError(400, 'validation_error', 'X-Corbado-Process-ID header is required', [
        { field: 'X-Corbado-Process-ID', message: 'required' },
      ]);
    }
    const process = p.processes.get(processId);
    if (!process) throw new ApiError(404, 'not_found', `process ${processId} not found`);
    if (!mayBeExpired && t >= process.expiresAt) throw new ApiError(400, 'process_expired', `process ${processId} expired`);
    return process;
  }

  /**
   * Void every challenge a process holds (a `replace` start, a voiding init resume).
   * @param {Project} p
   * @param {Process} process
   */
  function voidChallenges(p, process) {
    for (const value of process.challenges) {
      const challenge = p.challenges.get(value);
      if (challenge) challenge.voided = true;
    }
    process.challenges = [];
  }

  /**
   * Spend an append token: it must exist in this project, be unused and unexpired.
   * @param {Project} p
   * @param {unknown} value `appendTokenValue` of the start request
   * @param {number} t now, unix ms
   * @returns {User} the token's user
   * @throws {ApiError} 400 `validation_error` on `appendTokenValue`
   */
  function consumeAppendToken(p, value, t) {
    if (typeof value !== 'string' || value === '') throw validationError('appendTokenValue', 'must be a non-empty string');
    const token = p.tokens.get(value);
    if (!token) throw validationError('appendTokenValue', 'unknown append token');
    if (token.used) throw validationError('appendTokenValue', 'append token was already used');
    if (t >= token.expiresAt) throw validationError('appendTokenValue', 'append token expired');
    token.used = true;
    return upsertUser(p, token.userId);
  }

  /**
   * Finish step 3: the answer to an attestation whose credential this project already stores,
   * per the reading `replayAnswer`.
   * @param {Project} p
   * @param {StoredCredential} stored
   * @param {string | undefined} challenge the challenge the attestation answers (clientDataJSON)
   * @returns {{status: 200, body: FinishBody}} for `idempotent` and the same user
   * @throws {ApiError} 400 with the reading's error type otherwise
   */
  function replayAnswer(p, stored, challenge) {
    const reading = readingsOf(p.scenario).replayAnswer;
    if (reading === 'idempotent') {
      // The same user: the one the answered challenge was issued for (in any process of the
      // project); an attestation naming no challenge of the project counts as another user's.
      const sameUser = challenge !== undefined && p.challenges.get(challenge)?.userId === stored.userId;
      if (sameUser) return { status: 200, body: { passkeyOperation: stored.passkeyOperation } };
      throw new ApiError(400, 'passkey_already_exists', 'this credential is already registered for another user');
    }
    if (reading === 'validation_error') throw validationError('attestationResponse', 'credential is already registered');
    if (reading === 'passkey_already_exists') throw new ApiError(400, 'passkey_already_exists', 'this credential is already registered');
    throw new ApiError(400, 'challenge_used', 'this credential is already registered: its attestation was already used');
  }

  return {
    project,

    /**
     * Replace a project's scenario by a validated partial merge (scenario.js `mergeScenario`).
     * @param {string} projectId
     * @param {unknown} patch
     * @returns {import('./scenario.js').Scenario} the new scenario
     * @throws {ApiError} 400 `validation_error` listing every invalid field (nothing changed)
     */
    setScenario(projectId, patch) {
      const p = project(projectId);
      p.scenario = mergeScenario(p.scenario, patch);
      return p.scenario;
    },

    /**
     * The readings in force for a project.
     * @param {string} projectId
     * @returns {Readings}
     */
    readings: (projectId) => readingsOf(project(projectId).scenario),

    /** @param {string} projectId forget everything about that project */
    reset(projectId) {
      projects.delete(projectId);
    },

    /** Forget every project. */
    resetAll() {
      projects.clear();
    },

    /**
     * Issue a single-use append token (what Corbado's backend API `/v2/connectTokens` gives a
     * customer backend); creates the user, or updates its email.
     * @param {string} projectId
     * @param {{userId: string, email?: string, ttlMs?: number}} opts ttlMs: lifetime in ms (default 10 min)
     * @returns {AppendToken}
     */
    issueAppendToken(projectId, { userId, email, ttlMs = APPEND_TOKEN_TTL_MS }) {
      const p = project(projectId);
      upsertUser(p, userId, email);
      const token = { value: randomId('ctk'), userId, expiresAt: now() + ttlMs, used: false };
      p.tokens.set(token.value, token);
      return token;
    },

    /**
     * `POST /v2/connect/append/init` — open a process, or resume the live one of this project
     * named by `processId` (same `processID`, its own `expiresAt`; with the reading
     * `initResumeVoids` its challenges are voided). An unknown or expired one is replaced by a
     * new process. Tells whether append may be offered.
     * @param {string} projectId
     * @param {{processId?: string, body: {clientInformation: {clientEnvHandle?: unknown}, situation?: string}}} req
     *   body `{clientInformation, flags, invitationToken?, situation?}`
     * @returns {{status: 200, body: InitBody}}
     */
    init(projectId, { processId, body }) {
      const p = project(projectId);
      const t = now();
      const sentHandle = body.clientInformation.clientEnvHandle;
      const envHandle = typeof sentHandle === 'string' && p.envHandles.has(sentHandle) ? sentHandle : randomId('ceh');
      p.envHandles.add(envHandle);

      const { scenario } = p;
      let process = processId ? p.processes.get(processId) : undefined;
      if (process && t < process.expiresAt) {
        Object.assign(process, {
          clientInformation: body.clientInformation,
          situation: body.situation,
          resumed: (process.resumed ?? 0) + 1,
        });
        if (readingsOf(scenario).initResumeVoids) voidChallenges(p, process);
      } else {
        process = {
          id: randomId('cap'),
          // On a whole second: init answers `expiresAt` in unix seconds, and a client that believes it
          // must see the process die when the emulator does (not up to a second before).
          expiresAt: Math.ceil((t + scenario.processTtlMs) / 1000) * 1000,
          clientInformation: body.clientInformation,
          situation: body.situation,
          challenges: [],
        };
        p.processes.set(process.id, process);
      }
      return {
        status: 200,
        body: {
          processID: process.id,
          newClientEnvHandle: envHandle,
          expiresAt: Math.floor(process.expiresAt / 1000),
          appendAllowed: scenario.appendAllowed,
          flags: { ...scenario.flags },
        },
      };
    },

    /**
     * `POST /v2/connect/append/start` — spend the append token, answer creation options (with a
     * new challenge) and the scenario's UI decisions. Per the reading `startChallenge`, the new
     * challenge replaces the process's earlier ones (`replace`: even when no options are answered)
     * or joins them (`add`: each lives until its own `expiresMs`).
     * @param {string} projectId
     * @param {{processId?: string, body: {appendTokenValue: unknown, forcePasskeyAppend?: boolean}, origin: string}} req
     *   body `{appendTokenValue, loadedMs (unix ms), forcePasskeyAppend?, situation?}`; origin: of the
     *   calling page, whose host name is the options' `rp.id`
     * @returns {Promise<{status: 200, body: StartBody}>}
     * @throws {ApiError} the process's (see finish step 1, never past `expiresAt`), 400
     *   `validation_error` on `appendTokenValue` (unknown, used, expired)
     */
    async start(projectId, { processId, body, origin }) {
      const p = project(projectId);
      const t = now();
      const process = processOf(p, processId, t);
      const user = consumeAppendToken(p, body.appendTokenValue, t);
      const { scenario } = p;
      const expiresMs = t + scenario.ttlMs;

      /** @type {Challenge | undefined} */
      let challenge;
      let attestationOptions = '';
      if (!scenario.passkeyIntelDenied || body.forcePasskeyAppend === true) {
        const rpID = new URL(origin).hostname;
        // The challenge's bytes: the UTF-8 of a fresh random id (the emulator's: 16 random bytes).
        const value = Buffer.from(randomId('chl'), 'utf8').toString('base64url');
        const options = await makeOptions({
          challenge: value,
          rpID,
          user: { id: user.id, email: user.email },
          excludeCredentials: user.credentials.map(({ id, transports }) => ({ id, transports })),
          userVerification: scenario.userVerification ?? 'preferred',
          timeoutMs: CEREMONY_TIMEOUT_MS,
        });
        const answered = /** @type {{challenge?: unknown}} */ (options).challenge;
        if (answered !== value) throw new Error(`makeOptions answered challenge ${String(answered)}, not ${value}`);
        challenge = {
          value,
          processId: process.id,
          userId: user.id,
          rpID,
          requireUserVerification: scenario.userVerification === 'required',
          expiresMs,
          used: false,
          voided: false,
        };
        attestationOptions = JSON.stringify({ publicKey: options });
      }

      // After the (possibly asynchronous) options: the process changes in one step.
      if (readingsOf(scenario).startChallenge === 'replace') voidChallenges(p, process);
      process.userId = user.id;
      if (challenge) {
        p.challenges.set(challenge.value, challenge);
        process.challenges.push(challenge.value);
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
    },

    /**
     * `POST /v2/connect/append/finish` — verify the attestation against the challenge it answers
     * and store the passkey for that challenge's user. Checks, in this order:
     * 1. the process: header missing → 400 `validation_error`; unknown → 404 `not_found`; expired
     *    → 400 `process_expired` (unless the reading `optionsOutliveProcess`);
     * 2. `attestationResponse` not JSON → 400 `validation_error` (no challenge spent);
     * 3. its credential `id` already stored in this project → the reading `replayAnswer`;
     * 4. the process holds no challenge (no start, a start without options, all voided) → 400
     *    `challenge_missing`;
     * 5. the challenge of its clientDataJSON is not one the process holds (replaced, voided, never
     *    issued, another process's) → 400 `validation_error`;
     * 6. that challenge already used → 400 `challenge_used`; past its `expiresMs` → 400 `process_expired`;
     * 7. the challenge is spent, then the attestation verified → on failure 400 `validation_error`;
     * 8. the credential is stored for the challenge's user.
     * @param {string} projectId
     * @param {{processId?: string, body: {attestationResponse: string, completionType: string, customData?: Record<string, string>}, origin: string}} req
     *   origin: of the calling page (the attestation's clientDataJSON must name it)
     * @returns {Promise<{status: 200, body: FinishBody}>}
     */
    async finish(projectId, { processId, body, origin }) {
      const p = project(projectId);
      const t = now();
      const process = processOf(p, processId, t, readingsOf(p.scenario).optionsOutliveProcess);

      /** @type {any} */
      let response;
      try {
        response = JSON.parse(body.attestationResponse);
      } catch {
        throw validationError('attestationResponse', 'must be JSON text of a RegistrationResponseJSON');
      }
      const value = challengeOfAttestation(response);
      const replayed = typeof response?.id === 'string' ? storedCredential(p, response.id) : undefined;
      if (replayed) return replayAnswer(p, replayed, value);

      if (process.challenges.length === 0) {
        throw new ApiError(400, 'challenge_missing', 'no creation options were issued for this process (call start first)');
      }
      const challenge = value !== undefined && process.challenges.includes(value) ? p.challenges.get(value) : undefined;
      if (!challenge) throw validationError('attestationResponse', 'challenge does not belong to this process');
      if (challenge.used) throw new ApiError(400, 'challenge_used', 'the challenge of this process was already used');
      if (t >= challenge.expiresMs) throw new ApiError(400, 'process_expired', 'the creation options of this process expired (expiresMs)');

      challenge.used = true;
      /** @type {VerifiedCredential} */
      let verified;
      try {
        verified = await verify(response, {
          expectedChallenge: challenge.value,
          expectedOrigin: origin,
          expectedRPID: challenge.rpID,
          requireUserVerification: challenge.requireUserVerification,
        });
      } catch (err) {
        throw validationError('attestationResponse', `verification failed: ${/** @type {Error} */ (err)?.message ?? err}`);
      }
      // Step 3 looked the credential up by `id`: it must be the one authenticatorData holds.
      if (verified.credentialId !== response.id) {
        throw validationError('attestationResponse', 'verification failed: id is not the credential ID of authenticatorData');
      }
      // Another finish may have stored it meanwhile (another challenge, same credential).
      const meanwhile = storedCredential(p, verified.credentialId);
      if (meanwhile) return replayAnswer(p, meanwhile, value);

      const scenario = p.scenario;
      const user = upsertUser(p, challenge.userId);
      /** @type {PasskeyOperation} */
      const passkeyOperation = {
        operationType: 'append',
        identifierValue: user.email,
        identifierType: 'email',
        ceremonyType: 'local',
        aaguidDetails: {
          name: aaguidName(verified.aaguid, scenario.aaguidName),
          iconLight: scenario.aaguidIconLight ?? '',
          iconDark: scenario.aaguidIconDark ?? '',
        },
      };
      user.credentials.push({
        id: verified.credentialId,
        userId: user.id,
        publicKey: verified.publicKey,
        counter: verified.counter,
        transports: verified.transports,
        aaguid: verified.aaguid,
        createdAt: t,
        completionType: body.completionType,
        customData: body.customData,
        challenge: challenge.value,
        passkeyOperation,
      });
      return { status: 200, body: { passkeyOperation } };
    },

    /**
     * `POST /v2/connect/events` — record a client-side event of a live process.
     * @param {string} projectId
     * @param {{processId?: string, body: {eventType: string, message?: string, challenge?: string}}} req
     * @returns {{status: 204}}
     */
    event(projectId, { processId, body }) {
      const p = project(projectId);
      const t = now();
      const process = processOf(p, processId, t);
      appendLog(p.events, { eventType: body.eventType, message: body.message, challenge: body.challenge, processId: process.id, at: t });
      return { status: 204 };
    },

    /**
     * The stored passkeys, as `GET /emulator/credentials` lists them: oldest first per user.
     * @param {string} projectId
     * @returns {import('./contract.js').StoredPasskey[]}
     */
    credentials(projectId) {
      return [...project(projectId).users.values()].flatMap((user) =>
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
    },

    /**
     * @param {string} projectId
     * @param {string} credentialId base64url
     */
    hasCredential: (projectId, credentialId) => storedCredential(project(projectId), credentialId) !== undefined,

    /**
     * What a challenge is now, in the order finish checks it: `unknown` (never issued in this
     * project), `void` (replaced by a later start, voided by an init resume, or its process expired
     * while the reading `optionsOutliveProcess` is false), `used` (a finish verified against it),
     * `expired` (past its `expiresMs`), else `live`.
     * @param {string} projectId
     * @param {string} value base64url
     * @returns {ChallengeStatus}
     */
    challengeStatus(projectId, value) {
      const p = project(projectId);
      const challenge = p.challenges.get(value);
      if (!challenge) return 'unknown';
      const t = now();
      const process = p.processes.get(challenge.processId);
      const processDead = !process || t >= process.expiresAt;
      if (challenge.voided || (processDead && !readingsOf(p.scenario).optionsOutliveProcess)) return 'void';
      if (challenge.used) return 'used';
      if (t >= challenge.expiresMs) return 'expired';
      return 'live';
    },
  };
}

/** @typedef {ReturnType<typeof createServerModel>} ServerModel */
