/**
 * In-memory state of the emulator, partitioned by Corbado project ID: each project has its own
 * scenario, append tokens, processes, users with their credentials, events and request log,
 * so parallel tests on distinct project ids never see each other.
 */
import { randomBytes } from 'node:crypto';
import { defaultScenario } from './scenario.js';
import { validationError } from './errors.js';

/** A project ID is one DNS label: `[a-z0-9-]`, 1–63 characters (e.g. `pro-local`). */
export const PROJECT_ID_PATTERN = /^[a-z0-9-]{1,63}$/;

/** Project used by the /emulator/* endpoints when no `?projectId=` is given. */
export const DEFAULT_PROJECT_ID = 'pro-local';

/** Default demo user, the one `POST /emulator/append-token` issues tokens for. */
export const DEMO_USER = Object.freeze({ id: 'user-1', email: 'demo@example.com' });

/** Lifetime of an append token, in ms (10 min). */
export const APPEND_TOKEN_TTL_MS = 10 * 60_000;

/** Most entries kept in each of a project's `events` and `requests` logs (oldest dropped). */
export const LOG_LIMIT = 5000;

/**
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
 *
 * @typedef {{id: string, email: string, credentials: StoredCredential[]}} User
 * @typedef {{value: string, userId: string, expiresAt: number, used: boolean}} AppendToken expiresAt: unix ms
 *
 * @typedef {object} Process
 * @property {string} id processID
 * @property {number} expiresAt unix ms
 * @property {unknown} clientInformation as sent to init
 * @property {string} [situation]
 * @property {number} [resumed] how many inits resumed it (by `X-Corbado-Process-ID`)
 * @property {string} [userId] set by start, from the append token
 * @property {string} [challenge] base64url, set by each start (a new start replaces it)
 * @property {string} [rpID] rp.id of the last start's options
 * @property {number} [optionsExpiresMs] unix ms: the last start's `expiresMs`
 * @property {boolean} [requireUserVerification] the last start asked for `userVerification: 'required'`
 *   (scenario `userVerification`): finish then insists on the UV flag
 * @property {boolean} [challengeUsed] a finish already tried this challenge
 *
 * @typedef {object} Project
 * @property {import('./scenario.js').Scenario} scenario
 * @property {Map<string, AppendToken>} tokens by value
 * @property {Map<string, Process>} processes by processID
 * @property {Map<string, User>} users by user id
 * @property {Set<string>} envHandles every `newClientEnvHandle` issued
 * @property {object[]} events `POST /v2/connect/events` bodies, with `processId` and `at` (unix ms)
 * @property {{path: string, method: string, processId: string | null, body: unknown, at: number}[]} requests /v2 calls
 */

/** @returns {Project} */
function newProject() {
  return {
    scenario: defaultScenario(),
    tokens: new Map(),
    processes: new Map(),
    users: new Map(),
    envHandles: new Set(),
    events: [],
    requests: [],
  };
}

/** Creates the store of all projects. */
export function createStore() {
  /** @type {Map<string, Project>} */
  const projects = new Map();
  return {
    /**
     * The state of one project, created on first use.
     * @param {string} projectId
     */
    project(projectId) {
      let project = projects.get(projectId);
      if (!project) projects.set(projectId, (project = newProject()));
      return project;
    },
    /** @param {string} projectId forget everything about that project */
    resetProject(projectId) {
      projects.delete(projectId);
    },
    /** Forget every project. */
    resetAll() {
      projects.clear();
    },
  };
}

/**
 * A random opaque id.
 * @param {string} prefix e.g. `cap`
 * @param {number} [bytes] entropy in bytes
 */
export function randomId(prefix, bytes = 16) {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/**
 * Append to a bounded log.
 * @template T
 * @param {T[]} log
 * @param {T} entry
 */
export function appendLog(log, entry) {
  log.push(entry);
  if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
}

/**
 * The user with that id, created (or its email updated) as given.
 * @param {Project} project
 * @param {string} id
 * @param {string} [email] defaults to the demo email for a new user
 */
export function upsertUser(project, id, email) {
  let user = project.users.get(id);
  if (!user) project.users.set(id, (user = { id, email: email ?? DEMO_USER.email, credentials: [] }));
  else if (email) user.email = email;
  return user;
}

/**
 * Issue a single-use append token (what Corbado's backend API `/v2/connectTokens` gives a backend).
 * @param {Project} project
 * @param {{userId: string, email?: string, ttlMs?: number}} opts ttlMs: lifetime in ms (default 10 min)
 * @returns {AppendToken}
 */
export function issueAppendToken(project, { userId, email, ttlMs = APPEND_TOKEN_TTL_MS }) {
  upsertUser(project, userId, email);
  const token = { value: randomId('ctk', 24), userId, expiresAt: Date.now() + ttlMs, used: false };
  project.tokens.set(token.value, token);
  return token;
}

/**
 * Spend an append token: it must exist in this project, be unused and unexpired.
 * @param {Project} project
 * @param {unknown} value `appendTokenValue` from the start request
 * @returns {User} the token's user
 * @throws {import('./errors.js').ApiError} 400 `validation_error` on `appendTokenValue`
 */
export function consumeAppendToken(project, value) {
  if (typeof value !== 'string' || value === '') {
    throw validationError('appendTokenValue', 'must be a non-empty string');
  }
  const token = project.tokens.get(value);
  if (!token) throw validationError('appendTokenValue', 'unknown append token');
  if (token.used) throw validationError('appendTokenValue', 'append token was already used');
  if (Date.now() >= token.expiresAt) throw validationError('appendTokenValue', 'append token expired');
  token.used = true;
  return upsertUser(project, token.userId);
}
