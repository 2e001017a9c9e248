/**
 * What Corbado's own client (`@corbado/web-core` 3.5 `ConnectProcess`, `ConnectFlags`,
 * `ClientStateService`) keeps in `localStorage`, in its keys and shapes, so this element and
 * Corbado's components on the same site share one process, one set of rollout flags and one
 * client state. Per project; every read fails open (blocked storage, garbage, a foreign shape →
 * nothing stored), every write is best effort.
 *
 * - `cbo_connect_process-{projectId}`: `{id, frontendApiUrl, loginData, appendData: {appendAllowed, flags, expiresAt}, manageData}`
 *   (`expiresAt` unix **seconds**, from `connectAppendInitRsp`)
 * - `cbo_connect_flags-{projectId}`: `{items: [{name, value}]}` — init's `flags`, sent back on the next init
 * - `cbo_client_handle-{projectId}`: `{data, source, ts}` — init's `newClientEnvHandle` (`ts` unix ms)
 * - `cbo_connect_last_login-{projectId}`: `{data, source, ts}` — finish's `passkeyOperation`
 */
import type { PasskeyOperation } from './types.js';
import { isObject, stringMap } from './validate.js';

/** A stored value with where it came from (`LocalStorage` or `URL`) and when (unix ms). */
export interface ClientStateEntry<T> {
  data: T;
  source: 'LocalStorage' | 'URL';
  ts: number;
}

/** The append part of a stored process. */
export interface StoredProcess {
  processID: string;
  frontendApiUrl: string;
  /** Unix seconds (`connectAppendInitRsp.expiresAt`). */
  expiresAt: number;
  appendAllowed: boolean;
  flags: Record<string, string>;
}

const key = (what: string, projectId: string) => `cbo_${what}-${projectId}`;

function read(name: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(name) ?? 'null');
  } catch {
    return undefined; // storage blocked (sandboxed frame, privacy mode) or garbage
  }
}

function write(name: string, value: unknown): void {
  try {
    localStorage.setItem(name, JSON.stringify(value));
  } catch {
    /* storage blocked or full: the next visit simply starts afresh */
  }
}

/** The stored process of `projectId`, whether or not its append part is still live. */
export function loadProcess(projectId: string): (Partial<StoredProcess> & { processID: string }) | undefined {
  const v = read(key('connect_process', projectId));
  if (!isObject(v) || typeof v.id !== 'string' || !v.id) return undefined;
  const append = isObject(v.appendData) ? v.appendData : {};
  return {
    processID: v.id,
    ...(typeof v.frontendApiUrl === 'string' ? { frontendApiUrl: v.frontendApiUrl } : {}),
    ...(typeof append.expiresAt === 'number' ? { expiresAt: append.expiresAt } : {}),
    ...(typeof append.appendAllowed === 'boolean' ? { appendAllowed: append.appendAllowed } : {}),
    flags: stringMap(append.flags) ?? {},
  };
}

/** How far ahead (s) a kept process's `expiresAt` is believed; beyond it the value is taken as corrupt. */
export const MAX_PROCESS_LIFETIME_S = 86_400;

/**
 * The process if its append part is live at `nowMs` (unix ms): what a repeat visit reuses instead
 * of init. An `expiresAt` more than {@link MAX_PROCESS_LIFETIME_S} ahead is not believed (init goes
 * out, with the kept process ID), so a corrupt value cannot silence the element for years.
 */
export function liveProcess(projectId: string, nowMs: number): StoredProcess | undefined {
  const p = loadProcess(projectId);
  const now = nowMs / 1000;
  return p?.expiresAt !== undefined &&
    p.expiresAt > now &&
    p.expiresAt <= now + MAX_PROCESS_LIFETIME_S &&
    p.appendAllowed !== undefined &&
    p.frontendApiUrl !== undefined
    ? (p as StoredProcess)
    : undefined;
}

/** Drop the stored process (one the server no longer knows); best effort. */
export function forgetProcess(projectId: string): void {
  try {
    localStorage.removeItem(key('connect_process', projectId));
  } catch {
    /* storage blocked: nothing was kept either */
  }
}

/** Keep init's answer as the process; the login and manage parts of the same process are kept. */
export function storeProcess(projectId: string, p: StoredProcess): void {
  const old = read(key('connect_process', projectId));
  const same = isObject(old) && old.id === p.processID ? old : {};
  write(key('connect_process', projectId), {
    loginData: null,
    manageData: null,
    ...same,
    id: p.processID,
    frontendApiUrl: p.frontendApiUrl,
    appendData: { appendAllowed: p.appendAllowed, flags: p.flags, expiresAt: p.expiresAt },
  });
}

/** The rollout flags to send in init's `flags`. */
export function loadFlags(projectId: string): Record<string, string> {
  const v = read(key('connect_flags', projectId));
  const items = isObject(v) && Array.isArray(v.items) ? (v.items as unknown[]) : [];
  return Object.fromEntries(
    items.flatMap((i) => (isObject(i) && typeof i.name === 'string' && typeof i.value === 'string' ? [[i.name, i.value]] : [])),
  );
}

/** Merge init's `flags` into the stored ones; returns the merged set. */
export function storeFlags(projectId: string, flags: Record<string, string>): Record<string, string> {
  const merged = { ...loadFlags(projectId), ...flags };
  write(key('connect_flags', projectId), { items: Object.entries(merged).map(([name, value]) => ({ name, value })) });
  return merged;
}

function entry<T>(name: string, check: (v: unknown) => v is T): ClientStateEntry<T> | undefined {
  const v = read(name);
  return isObject(v) && check(v.data) && typeof v.ts === 'number'
    ? { data: v.data, source: v.source === 'URL' ? 'URL' : 'LocalStorage', ts: v.ts }
    : undefined;
}

/** init's last `newClientEnvHandle` for this project. */
export const loadClientEnvHandle = (projectId: string) =>
  entry(key('client_handle', projectId), (v): v is string => typeof v === 'string' && v.length > 0);

export function storeClientEnvHandle(projectId: string, handle: string): void {
  write(key('client_handle', projectId), { data: handle, source: 'LocalStorage', ts: Date.now() });
}

/** Keep finish's `passkeyOperation` as the last login (what Corbado's login component reads). */
export function storeLastLogin(projectId: string, op: PasskeyOperation): void {
  write(key('connect_last_login', projectId), { data: op, source: 'LocalStorage', ts: Date.now() });
}

/**
 * Corbado's `clientState`: standard base64 of the UTF-8 JSON `{lastLogin, clientEnvHandle}`,
 * each `{data, source, ts}` or absent — what `CorbadoConnectAppend` hands `onComplete` and its
 * docs tell hosts to persist (and hand back on another device or origin).
 */
export function encodeClientState(projectId: string): string {
  const state = {
    lastLogin: entry(key('connect_last_login', projectId), isObject),
    clientEnvHandle: loadClientEnvHandle(projectId),
  };
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(state))) binary += String.fromCharCode(byte);
  return btoa(binary);
}
