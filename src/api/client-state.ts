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
import { isObject, isProcessId, stringMap } from './validate.js';

/**
 * Where the state is kept: the page's `localStorage`, or `undefined` where it cannot be had
 * (blocked storage, a sandboxed frame). Reads and writes of it may still throw (quota, privacy
 * settings); every function here catches that.
 */
export type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;

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

/** The JSON value kept under `name`, or undefined (none, unreadable, not JSON). */
export function read(store: Store, name: string): unknown {
  try {
    return JSON.parse(store?.getItem(name) ?? 'null');
  } catch {
    return undefined; // storage blocked (sandboxed frame, privacy mode) or garbage
  }
}

/** Keep `value` as JSON under `name`; best effort. */
export function write(store: Store, name: string, value: unknown): void {
  try {
    store?.setItem(name, JSON.stringify(value));
  } catch {
    /* storage blocked or full: the next visit simply starts afresh */
  }
}

/** Forget `name`; best effort. */
export function remove(store: Store, name: string): void {
  try {
    store?.removeItem(name);
  } catch {
    /* storage blocked: nothing was kept either */
  }
}

/**
 * The stored process of `projectId`, whether or not its append part is still live. A process ID
 * that could not be sent as `X-Corbado-Process-ID` (a corrupt or foreign value) counts as none.
 */
export function loadProcess(store: Store, projectId: string): (Partial<StoredProcess> & { processID: string }) | undefined {
  const v = read(store, key('connect_process', projectId));
  if (!isObject(v) || !isProcessId(v.id)) return undefined;
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
export function liveProcess(store: Store, projectId: string, nowMs: number): StoredProcess | undefined {
  const p = loadProcess(store, projectId);
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
export function forgetProcess(store: Store, projectId: string): void {
  remove(store, key('connect_process', projectId));
}

/** Keep init's answer as the process; the login and manage parts of the same process are kept. */
export function storeProcess(store: Store, projectId: string, p: StoredProcess): void {
  const old = read(store, key('connect_process', projectId));
  const same = isObject(old) && old.id === p.processID ? old : {};
  write(store, key('connect_process', projectId), {
    loginData: null,
    manageData: null,
    ...same,
    id: p.processID,
    frontendApiUrl: p.frontendApiUrl,
    appendData: { appendAllowed: p.appendAllowed, flags: p.flags, expiresAt: p.expiresAt },
  });
}

/** The rollout flags to send in init's `flags`. */
export function loadFlags(store: Store, projectId: string): Record<string, string> {
  const v = read(store, key('connect_flags', projectId));
  const items = isObject(v) && Array.isArray(v.items) ? (v.items as unknown[]) : [];
  return Object.fromEntries(
    items.flatMap((i) => (isObject(i) && typeof i.name === 'string' && typeof i.value === 'string' ? [[i.name, i.value]] : [])),
  );
}

/** Merge init's `flags` into the stored ones; returns the merged set. */
export function storeFlags(store: Store, projectId: string, flags: Record<string, string>): Record<string, string> {
  const merged = { ...loadFlags(store, projectId), ...flags };
  write(store, key('connect_flags', projectId), { items: Object.entries(merged).map(([name, value]) => ({ name, value })) });
  return merged;
}

function entry<T>(store: Store, name: string, check: (v: unknown) => v is T): ClientStateEntry<T> | undefined {
  const v = read(store, name);
  return isObject(v) && check(v.data) && typeof v.ts === 'number'
    ? { data: v.data, source: v.source === 'URL' ? 'URL' : 'LocalStorage', ts: v.ts }
    : undefined;
}

/** init's last `newClientEnvHandle` for this project. */
export const loadClientEnvHandle = (store: Store, projectId: string) =>
  entry(store, key('client_handle', projectId), (v): v is string => typeof v === 'string' && v.length > 0);

/** @param nowMs unix ms, the entry's `ts` */
export function storeClientEnvHandle(store: Store, projectId: string, handle: string, nowMs: number): void {
  write(store, key('client_handle', projectId), { data: handle, source: 'LocalStorage', ts: nowMs });
}

/**
 * Keep finish's `passkeyOperation` as the last login (what Corbado's login component reads).
 * @param nowMs unix ms, the entry's `ts`
 * @returns the entry kept
 */
export function storeLastLogin(store: Store, projectId: string, op: PasskeyOperation, nowMs: number): ClientStateEntry<PasskeyOperation> {
  const kept: ClientStateEntry<PasskeyOperation> = { data: op, source: 'LocalStorage', ts: nowMs };
  write(store, key('connect_last_login', projectId), kept);
  return kept;
}

/**
 * Corbado's `clientState`: standard base64 of the UTF-8 JSON `{lastLogin, clientEnvHandle}`,
 * each `{data, source, ts}` or absent — what `CorbadoConnectAppend` hands `onComplete` and its
 * docs tell hosts to persist (and hand back on another device or origin).
 *
 * `lastLogin` is only ever the one this flow's own confirmed finish returned (`lastLogin`): the
 * stored one may be another person's on a shared device, and `clientState` goes to the page of
 * whoever is signed in now. `clientEnvHandle` describes the device, not a person.
 */
export function encodeClientState(store: Store, projectId: string, lastLogin?: ClientStateEntry<PasskeyOperation>): string {
  const state = {
    lastLogin,
    clientEnvHandle: loadClientEnvHandle(store, projectId),
  };
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(state))) binary += String.fromCharCode(byte);
  return btoa(binary);
}
