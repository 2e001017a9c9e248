/**
 * Several flows on one device — elements on one page, tabs of one browser — share Corbado's kept
 * process (client-state.ts), and a start may replace the process's challenge (Corbado's contract
 * does not say it adds one). So a flow that holds options, or runs a finish, on a process must not
 * see another flow start on it. Two mechanisms, both documented in README "Guarantees":
 *
 * 1. **Claims.** A flow uses a process only while it holds it: a Web Lock
 *    (`navigator.locks`, W3C Web Locks) named after the project and process, requested with
 *    `ifAvailable`, so it never waits. A process another flow holds is left to it: the flow opens a
 *    process of its own (init without `X-Corbado-Process-ID`). A finish keeps its claim until it
 *    ends, whatever happens to its element. Where Web Locks are missing (Safari < 15.4, Firefox <
 *    96) or refused (an opaque origin), claims hold within the page only. A held lock keeps a page
 *    out of the back/forward cache, so claims are let go on `pagehide` and count as lost
 *    (`onLost`) on `pageshow`: another flow may have taken the process meanwhile. A finish also holds its
 *    credential (`holdFinish`) while it runs and a while after (a request it gave up on may still
 *    land), through the back/forward cache too (a frozen finish still runs): reconciliation leaves
 *    a credential alone while anyone holds it (`finishRunning`, reconcile.ts).
 * 2. **Start marks.** Right before each start, a flow writes which flow started on which process
 *    (`corbado-append:starts:<projectId>` in `localStorage`, and to the flows of its own page).
 *    A flow that sees another flow's mark on its process — a `storage` event, a mark of its page,
 *    or the mark read synchronously at a click — knows its options may be void and moves to a
 *    process of its own before it uses them. This covers whatever claims cannot: browsers without
 *    Web Locks, a claim lost in the back/forward cache. A finish — and a ceremony stopped while
 *    its passkey may still come — marks its process the same way (`finishing`): a mark that does
 *    not age until nothing of it can land, however long its page is frozen or its clock is off,
 *    so no flow starts on that process meanwhile. A mark that may still land is never dropped to make room.
 */
import { read, write, type Store } from '../api/client-state.js';
import { isObject } from '../api/validate.js';
import { IN_FLIGHT_MS } from '../times.js';

/** A held process. */
export interface Claim {
  /** Let go of it (idempotent). */
  release(): void;
  /** Called once if the claim was lost (let go while this page was in the back/forward cache). */
  onLost?: () => void;
}

export interface ProcessClaims {
  /** Hold `processId` of `projectId`: the claim, or undefined when another flow holds it. Never rejects. */
  claim(projectId: string, processId: string): Promise<Claim | undefined>;
  /** Hold `credentialId` while its finish may still reach the server (kept in the back/forward cache). Synchronous within the page. */
  holdFinish(credentialId: string): Claim;
  /**
   * Whether a finish of `credentialId` may still be running: on this page, or (with Web Locks) on
   * another; without usable Web Locks, what the caller knows (`flagged`: its record says running).
   * Never rejects.
   */
  finishRunning(credentialId: string, flagged?: boolean): Promise<boolean>;
}

/** The part of the Web Locks API (`navigator.locks`) that claims use. */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown>;
}

/** Page lifecycle: the back/forward cache (`pagehide`/`pageshow` with `persisted`). */
export interface PageLifecycle {
  onHide(listener: () => void): void;
  onShow(listener: () => void): void;
}

const lockName = (projectId: string, processId: string) => `corbado-append:process:${projectId}:${processId}`;
const finishName = (credentialId: string) => `corbado-append:finish:${credentialId}`;

/**
 * Claims over `locks` (or, without them, within this page only), let go while the page is in the
 * back/forward cache.
 */
export function processClaims(locks: LockManagerLike | undefined, lifecycle?: PageLifecycle): ProcessClaims {
  /** Names held within this page (the fallback, and a quick answer for the page's own flows). */
  const local = new Set<string>();
  /** Claims held now, with how to let go of their lock; `pinned`: kept in the back/forward cache. */
  const held = new Map<string, { claim: Claim; unlock?: () => void; pinned?: true }>();

  /** Locks of this page let go but not yet released by the browser (their request settles once they are). */
  const releasing = new Map<string, Promise<unknown>>();

  /** The Web Lock `name` if free: how to let go of it; undefined when held elsewhere; 'none' without usable locks. */
  const lock = (name: string): Promise<(() => void) | undefined | 'none'> =>
    new Promise((resolve) => {
      if (!locks) return resolve('none');
      try {
        const request = locks.request(name, { ifAvailable: true }, (granted) => {
          if (!granted) return void resolve(undefined);
          return new Promise<void>((unlock) =>
            resolve(() => {
              unlock();
              const done: Promise<unknown> = request.then(
                () => releasing.get(name) === done && releasing.delete(name),
                () => releasing.delete(name),
              );
              releasing.set(name, done);
            }),
          );
        });
        request.catch(() => resolve('none')); // refused (opaque origin, sandboxed frame): within the page only
      } catch {
        resolve('none');
      }
    });

  // A held lock keeps a page out of the back/forward cache: let go on pagehide. Back on pageshow,
  // another flow may have taken the process meanwhile: each claim let go is lost (`onLost`), and its
  // flow moves to a process of its own before it uses its options again.
  let hidden: Claim[] = [];
  lifecycle?.onHide(() => {
    for (const [name, h] of held) {
      if (h.pinned) continue;
      held.delete(name);
      local.delete(name);
      h.unlock?.();
      hidden.push(h.claim);
    }
  });
  lifecycle?.onShow(() => {
    const lost = hidden;
    hidden = [];
    for (const claim of lost) claim.onLost?.();
  });

  /** A claim of `name`, held within the page now, its lock (if any) once granted. */
  const hold = (name: string, unlock: (() => void) | 'none' | Promise<(() => void) | undefined | 'none'>, pinned: boolean): Claim => {
    const claim: Claim = {
      release() {
        const h = held.get(name);
        if (h?.claim !== claim) return;
        held.delete(name);
        local.delete(name);
        h.unlock?.();
      },
    };
    const entry: { claim: Claim; unlock?: () => void; pinned?: true } = { claim, ...(pinned ? { pinned: true as const } : {}) };
    held.set(name, entry);
    local.add(name);
    const granted = (u: (() => void) | undefined | 'none') => {
      if (typeof u !== 'function') return;
      if (held.get(name) === entry) entry.unlock = u;
      else u(); // let go meanwhile
    };
    if (unlock instanceof Promise) void unlock.then(granted);
    else granted(unlock);
    return claim;
  };

  return {
    async claim(projectId, processId) {
      const name = lockName(projectId, processId);
      if (local.has(name)) return undefined;
      local.add(name);
      // This page let go of it a moment ago (an element removed and added again): wait for the browser to release it.
      await releasing.get(name);
      const unlock = await lock(name);
      local.delete(name);
      return unlock === undefined ? undefined : hold(name, unlock, false);
    },
    holdFinish(credentialId) {
      return hold(finishName(credentialId), lock(finishName(credentialId)), true);
    },
    async finishRunning(credentialId, flagged = false) {
      const name = finishName(credentialId);
      if (local.has(name)) return true;
      const unlock = await lock(name);
      if (typeof unlock === 'function') unlock();
      return unlock === 'none' ? flagged : unlock === undefined;
    },
  };
}

/** The `localStorage` key of a project's start marks. */
export const startsKey = (projectId: string) => `corbado-append:starts:${projectId}`;
/** Most processes whose last start can no longer land are remembered per project (oldest dropped first). */
const MAX_MARKS = 8;
/**
 * Most marks of starts that may still land kept per project: never dropped for others below this
 * (only flows that run, or died running, leave them).
 */
const MAX_LIVE_MARKS = 64;

/**
 * A start mark: which flow, when (the wall clock of its page, unix ms), whether its start has its
 * answer (`done`), and whether it is a finish's (`finishing`: its attempts may still land however
 * long its page sleeps or sits in the back/forward cache, so it does not age).
 */
export interface StartMark {
  flowId: string;
  at: number;
  done: boolean;
  finishing?: boolean;
}

/**
 * The start `m` may still land, at `nowMs` (local unix ms): not known done, and a finish's at any
 * age (its wall-clock time says nothing once the clock was corrected; a page that died mid-finish
 * leaves its process given up, nothing is lost), another start's within {@link IN_FLIGHT_MS} — or
 * at a time ahead of `nowMs` (a clock set back).
 */
export function mayLand(m: StartMark, nowMs: number): boolean {
  return !m.done && (m.finishing === true || nowMs - m.at < IN_FLIGHT_MS);
}

/** Start marks from their JSON text (`{processId: {f: flowId, t: unix ms, d?: 1, r?: 1}}`); `{}` when unreadable. */
export function parseStarts(text: string | null): Record<string, StartMark> {
  let v: unknown;
  try {
    v = JSON.parse(text ?? 'null');
  } catch {
    return {};
  }
  if (!isObject(v)) return {};
  const marks: Record<string, StartMark> = {};
  for (const [processId, m] of Object.entries(v)) {
    if (isObject(m) && typeof m.f === 'string' && typeof m.t === 'number') {
      marks[processId] = { flowId: m.f, at: m.t, done: m.d === 1, ...(m.r === 1 ? { finishing: true } : {}) };
    }
  }
  return marks;
}

/** Which flow started last on each process of `projectId`, as kept; `{}` when unreadable. */
export function readStarts(store: Store, projectId: string): Record<string, StartMark> {
  const v = read(store, startsKey(projectId));
  return parseStarts(v === undefined ? null : JSON.stringify(v));
}

const stored = (m: StartMark) => ({ f: m.flowId, t: m.at, ...(m.done ? { d: 1 } : {}), ...(m.finishing ? { r: 1 } : {}) });

/**
 * Keep `flowId` as the last starter on `processId`, at `nowMs` (wall clock); `finishing`: a
 * finish's attempt. Room is made by dropping the oldest marks of starts that can no longer land
 * (a mark that may still land is what keeps other flows off its process). Best effort (blocked
 * storage keeps nothing).
 */
export function markStart(store: Store, projectId: string, processId: string, flowId: string, nowMs: number, finishing = false): void {
  const marks = readStarts(store, projectId);
  delete marks[processId];
  const all = Object.entries(marks);
  const live = all.filter(([, m]) => mayLand(m, nowMs)).slice(-(MAX_LIVE_MARKS - 1));
  const over = all.filter(([, m]) => !mayLand(m, nowMs)).slice(-(MAX_MARKS - 1));
  const kept = all.filter((e) => live.includes(e) || over.includes(e)).map(([p, m]) => [p, stored(m)] as const);
  const mark: StartMark = { flowId, at: nowMs, done: false, ...(finishing ? { finishing } : {}) };
  write(store, startsKey(projectId), Object.fromEntries([...kept, [processId, stored(mark)]]));
}

/** `flowId`'s start on `processId` has its answer (or failed): it can no longer land later. */
export function markDone(store: Store, projectId: string, processId: string, flowId: string): void {
  const marks = readStarts(store, projectId);
  const mark = marks[processId];
  if (mark?.flowId !== flowId || mark.done) return;
  marks[processId] = { ...mark, done: true };
  write(store, startsKey(projectId), Object.fromEntries(Object.entries(marks).map(([p, m]) => [p, stored(m)])));
}

/** Another flow's start on `processId` is marked (a mark this flow cannot read counts as none: fail open). */
export function startedByAnother(store: Store, projectId: string, processId: string, flowId: string): boolean {
  const by = readStarts(store, projectId)[processId];
  return by !== undefined && by.flowId !== flowId;
}

/**
 * Another flow's start on `processId` may still be on its way ({@link mayLand}; a page that died
 * mid-finish leaves its mark: that process is given up, nothing is lost).
 */
export function startingByAnother(store: Store, projectId: string, processId: string, flowId: string, nowMs: number): boolean {
  const by = readStarts(store, projectId)[processId];
  return by !== undefined && by.flowId !== flowId && mayLand(by, nowMs);
}
