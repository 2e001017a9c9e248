/**
 * Reconciliation of undecided finishes (README "Guarantees"). A finish that never got a
 * definitive answer leaves a passkey on the device that the server may or may not hold; nothing is
 * signalled then (finish.ts). The device remembers every passkey from the moment its finish
 * starts until the finish knows (confirmed, refused) — per project, in `localStorage`
 * (`corbado-append:undecided:<projectId>`: credential ID, `rp.id`, the user's `user.id`, and the
 * local time from which it may be settled) — so a finish cut short by a closed tab is remembered
 * too; and one refused *as already used* (`unconfirmed`: the challenge was spent — by this
 * credential, most likely, but the answer cannot prove it). The next start answer for the same
 * user and `rp.id` settles it: `excludeCredentials` names every credential the server holds for
 * that user (its purpose, WebAuthn L3 §5.4.3), so a remembered credential it does not name was
 * never stored and is signalled away (`signalUnknownCredential`); one it names is stored. Either
 * way it is forgotten. An answer without the list settles nothing.
 *
 * A credential is settled only from its `after` on: {@link SETTLE_MS} after its finish ended, or,
 * while it may still run, after its deadline and the attempts it may make beyond it — a request
 * the client gave up on may still reach the server for a while. Another user's start (a shared
 * device) settles nothing. Unreadable values fail open (nothing remembered).
 */
import { read, write, type Store } from '../api/client-state.js';
import { isObject } from '../api/validate.js';

/** Undecided credentials remembered per project at most (oldest dropped). */
const MAX_KEPT = 16;
/** Remembered at most this long (relative ms, 90 days); then forgotten unsettled. */
const MAX_AGE_MS = 90 * 86_400_000;

export interface Undecided {
  /** Credential ID, base64url. */
  id: string;
  rpId: string;
  /** The options' `user.id` (base64url): whose passkey it is. */
  userId: string;
  /** Local unix ms from which a start answer settles it. */
  after: number;
  /**
   * The same on the server's clock (unix ms), where the finish knew it (a `Date` header): read
   * against the settling answer's `Date`, so a device clock set forward does not settle it early.
   */
  afterServer?: number;
  /**
   * Its finish has not ended: only a page that can see it is over (Web Locks: `finishRunning`)
   * settles it — a wall clock set forward must not end it (a closed tab's finish, without Web
   * Locks, stays unsettled: README "Guarantees").
   */
  running?: true;
}

const key = (projectId: string) => `corbado-append:undecided:${projectId}`;

const isUndecided = (v: unknown): v is Undecided =>
  isObject(v) &&
  typeof v.id === 'string' &&
  typeof v.rpId === 'string' &&
  typeof v.userId === 'string' &&
  typeof v.after === 'number' &&
  (v.afterServer === undefined || typeof v.afterServer === 'number');

/** The remembered undecided credentials of `projectId`. */
export function loadUndecided(store: Store, projectId: string): Undecided[] {
  const v = read(store, key(projectId));
  return Array.isArray(v) ? v.filter(isUndecided) : [];
}

/** Remember a credential whose finish has not decided (replacing what was remembered of it). */
export function rememberUndecided(store: Store, projectId: string, entry: Undecided): void {
  const kept = loadUndecided(store, projectId).filter((u) => u.id !== entry.id);
  write(store, key(projectId), [...kept, entry].slice(-MAX_KEPT));
}

/**
 * Keep a remembered credential unsettled until at least `entry`'s times (each only ever moved
 * later); nothing when it is not remembered (its finish decided, or another page settled it).
 */
export function postponeUndecided(store: Store, projectId: string, entry: Undecided): void {
  const kept = loadUndecided(store, projectId).find((u) => u.id === entry.id);
  if (!kept) return;
  const later = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
  const after = later(kept.after, entry.after)!;
  const afterServer = later(kept.afterServer, entry.afterServer);
  if (after === kept.after && afterServer === kept.afterServer) return;
  rememberUndecided(store, projectId, { ...entry, after, ...(afterServer === undefined ? {} : { afterServer }) });
}

/** Forget a credential: its finish decided (confirmed, refused as already stored, or refused and signalled). */
export function forgetUndecided(store: Store, projectId: string, credentialId: string): void {
  const all = loadUndecided(store, projectId);
  const kept = all.filter((u) => u.id !== credentialId);
  if (kept.length !== all.length) write(store, key(projectId), kept);
}

/**
 * Settle what a start answer can settle: a remembered credential of the answer's user and `rp.id`,
 * from its `after` on, unless a finish of it may still be running (`running`: this page's, or
 * another's holding it through Web Locks, claims.ts).
 * @param options the answer's checked options: `rp.id` (undefined = `hostname`), `user.id`, `excludeCredentials`
 * @param nowMs local unix ms when the answer arrived
 * @param signal `signalUnknownCredential(rpId, credentialId)` for a credential the server does not hold
 * @param running whether a finish of the credential may still be running, given its record's
 *   `running` flag (a page that cannot see other pages' finishes keeps to the flag)
 * @param serverNowMs the answer's `Date` (unix ms, server clock), when believable: a record with
 *   `afterServer` is due by the server's clock then, not the device's
 * @returns the IDs signalled away
 */
export async function settleUndecided(
  store: Store,
  projectId: string,
  options: { rp: { id?: string }; user: { id: string }; excludeCredentials?: { id: string }[] },
  hostname: string,
  nowMs: number,
  signal: (rpId: string, credentialId: string) => void,
  running: (credentialId: string, flagged: boolean) => Promise<boolean> = (_, flagged) => Promise.resolve(flagged),
  serverNowMs?: number,
): Promise<string[]> {
  const all = loadUndecided(store, projectId);
  // No list at all (a server or proxy that left it out, `null`): it says nothing of what is stored.
  if (!options.excludeCredentials) return [];
  const rpId = options.rp.id ?? hostname;
  const listed = new Set((options.excludeCredentials ?? []).map((c) => c.id));
  const stale = all.filter((u) => nowMs - u.after > MAX_AGE_MS).map((u) => u.id);
  const reached = (u: Undecided) =>
    u.afterServer !== undefined && serverNowMs !== undefined ? serverNowMs >= u.afterServer : nowMs >= u.after;
  const due = all.filter((u) => u.rpId === rpId && u.userId === options.user.id && reached(u) && nowMs - u.after <= MAX_AGE_MS);
  const settled: string[] = [];
  const signalled: string[] = [];
  for (const u of due) {
    if (await running(u.id, u.running === true)) continue;
    settled.push(u.id);
    if (listed.has(u.id)) continue;
    signalled.push(u.id);
    try {
      signal(u.rpId, u.id);
    } catch {
      /* a courtesy to the passkey provider */
    }
  }
  // Read again: other pages may have remembered or forgotten meanwhile.
  const gone = new Set([...stale, ...settled]);
  if (gone.size) {
    const now = loadUndecided(store, projectId);
    write(
      store,
      key(projectId),
      now.filter((u) => !gone.has(u.id)),
    );
  }
  return signalled;
}
