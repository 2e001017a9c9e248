/**
 * Browser-side handles on the Frontend API emulator that web-test-runner mounts on the test
 * server's own origin (see web-test-runner.config.js). The emulator's state is partitioned by
 * project id, so each test takes its own `uniqueProjectId()` and never sees another's state.
 *
 * - /v2/connect/*  — the Frontend API; project from the `X-Corbado-ProjectID` header
 * - /emulator/*    — the demo side (customer backend + test controls); project from `?projectId=`
 */

/** The base URL to give the element as `frontend-api-url`: the test page's own origin. */
export const emulatorUrl = (): string => location.origin;

let counter = 0;

/**
 * A fresh project id that is a valid DNS label (`[a-z0-9-]`, ≤ 63), unique per call:
 * `pro-t` + time + counter + random, e.g. `pro-tlx2k9a1-3-k2j4h8q0`.
 */
export function uniqueProjectId(): string {
  counter += 1;
  const rand = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => (b % 36).toString(36)).join('');
  return `pro-t${Date.now().toString(36)}-${counter.toString(36)}-${rand}`;
}

// The scenario's types are the shipped kit's (corbado-append/emulator; emulator/scenario.js).
import type { FaultKind, Fault as KitFault, Scenario, ScenarioPatch } from '../../kit/emulator.types.js';
export type { FaultKind, Scenario, ScenarioPatch };

/** A fault injected into one endpoint: a kind, or `{kind, times}` to hit only the next `times` calls. */
export type Fault = FaultKind | KitFault;

/** A passkey the emulator stored (emulator/state.js `StoredCredential`). */
export interface EmulatorCredential {
  /** credential ID, base64url */
  id: string;
  userId: string;
  aaguid: string;
  /** unix ms */
  createdAt: number;
  completionType: string;
  customData?: Record<string, string>;
  [key: string]: unknown;
}

async function call<T>(method: string, path: string, projectId: string, body?: unknown): Promise<T> {
  const url = `${path}?projectId=${encodeURIComponent(projectId)}`;
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator ${method} ${path} → HTTP ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Sets (merges) the scenario of a project: what its next init/start/finish answer. */
export async function setScenario(projectId: string, partial: ScenarioPatch): Promise<void> {
  await call('PUT', '/emulator/scenario', projectId, partial);
}

/** The passkeys the emulator stored for the project's demo user. */
export async function getCredentials(projectId: string): Promise<EmulatorCredential[]> {
  const body = await call<EmulatorCredential[] | { credentials: EmulatorCredential[] }>('GET', '/emulator/credentials', projectId);
  return Array.isArray(body) ? body : body.credentials;
}

/** A /v2 call the emulator received (emulator/state.js request log). */
export interface EmulatorRequest {
  method: string;
  path: string;
  /** the `X-Corbado-Process-ID` header, if any */
  processId: string | null;
  body: unknown;
  /** unix ms */
  at: number;
  [key: string]: unknown;
}

/** The /v2 requests the emulator received for the project, oldest first. */
export async function getRequests(projectId: string): Promise<EmulatorRequest[]> {
  const body = await call<EmulatorRequest[] | { requests: EmulatorRequest[] }>('GET', '/emulator/requests', projectId);
  return Array.isArray(body) ? body : body.requests;
}

/** A `POST /v2/connect/events` body the emulator recorded, with its process and time. */
export interface EmulatorEvent {
  eventType: string;
  message?: string;
  challenge?: string;
  processId?: string | null;
  /** unix ms */
  at?: number;
  [key: string]: unknown;
}

/** The client events (POST /v2/connect/events) the emulator recorded for the project. */
export async function getEvents(projectId: string): Promise<EmulatorEvent[]> {
  const body = await call<EmulatorEvent[] | { events: EmulatorEvent[] }>('GET', '/emulator/events', projectId);
  return Array.isArray(body) ? body : body.events;
}

/** Options of `POST /emulator/append-token` (all optional). */
export interface MintTokenOptions {
  /** default: the demo user `user-1` */
  userId?: string;
  email?: string;
  /** token lifetime in ms (default 10 min) */
  ttlMs?: number;
}

/** Mints a single-use append token for the project's demo user (the customer backend's job). */
export async function mintToken(projectId: string, options: MintTokenOptions = {}): Promise<string> {
  const { appendToken } = await call<{ appendToken: string }>('POST', '/emulator/append-token', projectId, options);
  return appendToken;
}

/** The project's current scenario. */
export function getScenario(projectId: string): Promise<Scenario> {
  return call<Scenario>('GET', '/emulator/scenario', projectId);
}

/** Forgets everything about the project (scenario, tokens, processes, credentials, logs). */
export async function resetProject(projectId: string): Promise<void> {
  await call('POST', '/emulator/reset', projectId, {});
}
