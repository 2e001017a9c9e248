/**
 * The model-based property (README "Guarantees"): random devices (readings of Corbado's silent
 * contract, Web Locks or none, `Date` header or none, a wrong clock, WebKit or not, a broken
 * `signalUnknownCredential`, network faults) run random sequences of what users, browsers and
 * networks do — several tabs, several elements, clicks, cancels, completed and abandoned
 * sheets, "Not now", removal and re-adding, reloads, the back/forward cache, sleep, clock jumps —
 * against the real flow. After every step the invariants below are checked; at the end the device
 * goes quiet for 20 minutes, every user signs in once more, and no passkey may be left unsettled.
 *
 * Invariants (each message names the one that broke):
 * 1. A passkey the server stores is never signalled away (`signalUnknownCredential`), before or after.
 * 2. "created" (`complete` without `unconfirmed`) only for a passkey the server holds; `unconfirmed`
 *    and `complete-noop` likewise; "not saved" (`finish-failed` without `maybeStored`) only for one
 *    it never holds.
 * 3. `create()` at most once per click, and without a click only for autoAppend (once per offer
 *    shown); never on options the element could know are void (replaced by a start it sent or
 *    could see marked, used, or past a deadline its own undisturbed clock shows).
 * 4. No flow wedges: never "Saving…" without a way on for longer than the patience, never loading
 *    or refreshing for ever, never a ceremony past its watchdog.
 * 5. Nothing is fired after removal; no append token in any event; `clientState` never carries
 *    another user's data.
 * 6. At the end: every passkey the device made is on the server, or signalled away.
 */
import fc from 'fast-check';
import { FINISH_PATIENCE_MS } from '../../src/times.js';
import { loadUndecided } from '../../src/flow/reconcile.js';
import { READING_VALUES } from '../../emulator/model.js';
import {
  HOSTNAME,
  PROJECT,
  World,
  type Element,
  type Fault,
  type SheetAnswer,
  type SheetRecord,
  type SignalKind,
  type Tab,
  type WorldOptions,
} from './world.js';

// ── what a run is made of ──────────────────────────────────────────────────

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** What requests to one endpoint meet, in order: `okWeight` to 1 a fault. */
function faults(okWeight: number, maxLength: number): fc.Arbitrary<Fault[]> {
  const fault = fc.constantFrom<Fault>(
    'slow',
    'late',
    'stray',
    'drop',
    'lost-answer',
    'http-500',
    'handled-502',
    'gateway-504',
    'too-many',
    'busy',
    'http-408',
    'portal',
  );
  return fc.array(fc.oneof({ weight: okWeight, arbitrary: fc.constant<Fault>('ok') }, { weight: 1, arbitrary: fault }), { maxLength });
}

export const worldOptions: fc.Arbitrary<WorldOptions> = fc.record({
  readings: fc.record({
    startChallenge: fc.constantFrom(...READING_VALUES.startChallenge),
    optionsOutliveProcess: fc.constantFrom(...READING_VALUES.optionsOutliveProcess),
    replayAnswer: fc.constantFrom(...READING_VALUES.replayAnswer),
    initResumeVoids: fc.constantFrom(...READING_VALUES.initResumeVoids),
  }),
  locks: fc.boolean(),
  dateHeader: fc.boolean(),
  ttlMs: fc.constantFrom(20 * SECOND, 90 * SECOND, 5 * MINUTE),
  processTtlMs: fc.constantFrom(45 * SECOND, 4 * MINUTE, 60 * MINUTE),
  deviceOffsetMs: fc.constantFrom(0, 0, 3 * MINUTE, -3 * MINUTE),
  autoAppend: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  conditionalAppend: fc.boolean(),
  conditionalCreate: fc.boolean(),
  oldWebKit: fc.boolean(),
  signal: fc.constantFrom<SignalKind>('promise', 'promise', 'rejects', 'non-promise', 'throws', 'absent'),
  nullExclude: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  foreignOrigin: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  faults: fc.record({ init: faults(3, 8), start: faults(4, 30), finish: faults(1, 12), events: faults(3, 10) }),
});

/** One step of a run: plain data, indices taken modulo what exists (so a shrunk run stays valid). */
export type Step =
  | { t: 'open'; user: number }
  | { t: 'add'; tab: number; provider: 'ok' | 'object' | 'fails' | 'none'; early: boolean }
  /** A click, and what the user then does with the sheet (after `after` ms; `leave`: nothing yet). */
  | { t: 'click'; el: number; then: SheetAnswer | 'leave'; after: number }
  | { t: 'answer'; sheet: number; how: SheetAnswer }
  /** The user completes a sheet; the passkey reaches the page `ms` later, whatever aborts the ceremony meanwhile. */
  | { t: 'commit'; sheet: number; ms: number }
  /** Time runs to `before` ms ahead of the sheet's offer deadline; there the user completes it (passkey `ms` later). */
  | { t: 'edge'; sheet: number; before: number; ms: number }
  /** The site signs the user out and clears `localStorage`. */
  | { t: 'clear-storage' }
  | { t: 'skip'; el: number }
  | { t: 'remove'; el: number }
  | { t: 'move'; el: number }
  | { t: 'reload'; tab: number }
  | { t: 'close'; tab: number }
  | { t: 'hide'; tab: number }
  | { t: 'show'; tab: number }
  | { t: 'block-storage'; tab: number }
  | { t: 'wait'; ms: number }
  | { t: 'jump'; ms: number }
  | { t: 'sleep'; ms: number; monoStops: boolean };

const ix = fc.nat({ max: 7 });
export const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ t: fc.constant('open' as const), user: fc.nat({ max: 1 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('add' as const),
      tab: ix,
      provider: fc.constantFrom('ok' as const, 'ok' as const, 'object' as const, 'fails' as const, 'none' as const),
      early: fc.boolean(),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('click' as const),
      el: ix,
      then: fc.constantFrom<SheetAnswer | 'leave'>('complete', 'complete', 'complete', 'complete-weird', 'cancel', 'refuse', 'leave'),
      after: fc.constantFrom(0, 700, 3000),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('answer' as const),
      sheet: ix,
      how: fc.constantFrom<SheetAnswer>('complete', 'complete', 'complete-weird', 'cancel', 'refuse'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('commit' as const), sheet: ix, ms: fc.constantFrom(50, 400, 3000) }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('edge' as const), sheet: ix, before: fc.constantFrom(100, 1500), ms: fc.constantFrom(50, 400) }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('clear-storage' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('skip' as const), el: ix }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('remove' as const), el: ix }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('move' as const), el: ix }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reload' as const), tab: ix }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('close' as const), tab: ix }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('hide' as const), tab: ix }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('show' as const), tab: ix }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('block-storage' as const), tab: ix }) },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('wait' as const),
      ms: fc.constantFrom(50, 300, 700, 2 * SECOND, 6 * SECOND, 20 * SECOND, 70 * SECOND, 4 * MINUTE),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('jump' as const),
      // Up to a day and more either way: a device clock that NTP sets right, a time zone mistake.
      ms: fc.constantFrom(-26 * 60 * MINUTE, -2 * 60 * MINUTE, -5 * MINUTE, 5 * MINUTE, 2 * 60 * MINUTE, 26 * 60 * MINUTE),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('sleep' as const), ms: fc.constantFrom(30 * SECOND, 10 * MINUTE), monoStops: fc.boolean() }),
  },
);

// ── the invariants ─────────────────────────────────────────────────────────

/** Longest a flow may load or refresh (token 15 s, requests 10 s each, a renewal on a process of its own), active ms. */
const LOAD_BOUND_MS = 2 * MINUTE;
/** Longest a modal ceremony may run: the options' timeout (60 s) + 10 s watchdog, and some. */
const CEREMONY_BOUND_MS = 75 * SECOND;

export class Checker {
  /** Credentials the element called "not saved". */
  private readonly notSaved = new Set<string>();
  /** Per element: the phase it is in and since when (its tab's active ms). */
  private readonly phases = new Map<Element, { key: string; since: number }>();
  private readonly autoSheets = new Map<Element, number>();
  private readonly readyEvents = new Map<Element, number>();

  constructor(private readonly world: World) {
    world.onEvent = (el, type, detail) => this.event(el, type, detail);
    world.onCreate = (sheet) => this.created(sheet);
    world.afterJob = () => this.track(false);
  }

  private fail(message: string): void {
    this.world.violation(message);
  }

  /** The credential each element's finish (the one the user waits for) is about, by its `finishing` state. */
  private readonly finishingCredential = new Map<Element, string>();

  private event(el: Element, type: string, detail: unknown): void {
    const { world } = this;
    const text = JSON.stringify(detail, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    for (const token of world.tokens) if (text.includes(token)) this.fail(`5: ${type} of element ${el.n} carries an append token`);
    if (type === 'corbado-append-ready') this.readyEvents.set(el, (this.readyEvents.get(el) ?? 0) + 1);
    const s = el.controller.state;
    if (type === 'corbado-append-state' && s.name === 'finishing') this.finishingCredential.set(el, s.response.id);
    if (type === 'corbado-append-complete') {
      const d = detail as { status: string; unconfirmed?: boolean; clientState: string };
      if (d.status === 'complete') {
        // Its own finish, or one finished aside (a passkey that came after its ceremony's abort):
        // one of the element's passkeys is meant.
        const mine = world.made.filter((c) => c.element === el.n);
        const stored = mine.some((c) => world.server.hasCredential(PROJECT, c.id));
        // `unconfirmed`: refused as already used — the server may hold it; the device remembers it
        // until the next offer confirms it or signals it away (6).
        const remembered = mine.some((c) => loadUndecided(el.tab.storage, PROJECT).some((u) => u.id === c.id));
        if (!stored && !(d.unconfirmed && (remembered || el.tab.storageBlocked))) {
          this.fail(
            `2: element ${el.n} said ${d.unconfirmed ? 'unconfirmed (and forgot it)' : 'created'} for ${mine.map((c) => c.id).join(', ') || 'no credential'}, which the server does not hold`,
          );
        }
      } else {
        const held = [...world.authenticator.values()].some((c) => c.rpId === HOSTNAME && world.server.hasCredential(PROJECT, c.id));
        if (!held) this.fail(`2: element ${el.n} said complete-noop, but no passkey of this device is on the server`);
      }
      const state = JSON.parse(Buffer.from(d.clientState, 'base64').toString('utf8')) as {
        lastLogin?: { data: { identifierValue: string } };
      };
      const who = state.lastLogin?.data.identifierValue;
      if (who !== undefined && who !== el.tab.user.email)
        this.fail(`5: element ${el.n} of ${el.tab.user.email} handed clientState with ${who}'s lastLogin`);
    }
    if (type === 'corbado-append-error') {
      const d = detail as { code: string; maybeStored?: boolean };
      if (d.code === 'finish-failed') {
        const id = this.finishingCredential.get(el);
        if (id && !d.maybeStored) {
          this.notSaved.add(id);
          if (world.server.hasCredential(PROJECT, id)) this.fail(`2: element ${el.n} said "not saved" for ${id}, which the server holds`);
        }
      }
    }
  }

  private created(sheet: SheetRecord): void {
    const { world } = this;
    const el = sheet.element;
    const s = el.controller.state;
    if (!sheet.conditional) {
      if (sheet.gesture === undefined) {
        if (s.name !== 'creating' || s.completionType !== 'auto')
          this.fail(`3: element ${el.n} called create() without a click (${s.name})`);
        const autos = (this.autoSheets.get(el) ?? 0) + 1;
        this.autoSheets.set(el, autos);
        if (autos > (this.readyEvents.get(el) ?? 0))
          this.fail(`3: element ${el.n} started automatic ceremonies ${autos} times for ${this.readyEvents.get(el) ?? 0} offers`);
      } else if (world.sheets.filter((x) => x.gesture === sheet.gesture && !x.conditional).length > 1) {
        this.fail(`3: click ${sheet.gesture} ran create() twice`);
      }
    }
    const why = this.voidKnowable(sheet);
    if (why) this.fail(`3: element ${el.n} called create() on void options: ${why}`);
  }

  /** Why the element could have known the options of `sheet` were void (undefined: they are live, or it could not). */
  private voidKnowable(sheet: SheetRecord): string | undefined {
    const { world } = this;
    const { challenge } = sheet.options;
    const status = world.server.challengeStatus(PROJECT, challenge);
    if (status === 'live') return undefined;
    if (status === 'used') return 'its challenge was used already';
    const issued = world.starts.find((st) => st.challenge === challenge);
    if (!issued) return `its challenge is ${status} and was never issued`;
    // Deadlines run on the page's monotonic clock; a sleep it did not count hides time from it. Without
    // a Date header the options' expiresMs is read on the wall clock, which must have been right.
    const counted = !world.monoStops.some((t) => t >= issued.at);
    const wallRight = world.options.deviceOffsetMs === 0 && world.wallJumps.length === 0;
    if (status === 'expired')
      return counted && (world.options.dateHeader || wallRight) ? 'its expiresMs passed (the element could tell)' : undefined;
    // void: replaced by a later start (or a resuming init) on its process, or the process died.
    const replacer = world.starts.find(
      (st) =>
        st.processId === issued.processId &&
        st.at >= issued.at &&
        st !== issued &&
        (st.resume ? world.options.readings.initResumeVoids : world.options.readings.startChallenge === 'replace'),
    );
    if (replacer) {
      const mark = replacer.mark;
      if (!mark) return undefined; // nobody marked it: the element could not know
      if (mark.element === sheet.element)
        return `its own later ${replacer.resume ? 'resume' : 'start'} replaced them (mark ${mark.flowId})`;
      const visible = mark.element.tab === sheet.element.tab || mark.written;
      if (visible && mark.at < sheet.startedAt)
        return `another flow's ${replacer.resume ? 'resume' : 'start'} was marked (${mark.flowId} at t+${mark.at - 1_800_000_000_000})`;
      return undefined;
    }
    // The process's death: a kept process's expiresAt is read on the wall clock.
    return counted && wallRight && !world.monoStops.length ? 'its process died (the element could tell)' : undefined;
  }

  /**
   * README limits: without a readable `Date` header a closed tab's record is settled on the wall
   * clock alone — one set forward while that tab's finish may still land can settle it early.
   */
  private settledByWallClock(id: string, signalledAt: number): boolean {
    const { world } = this;
    const made = world.made.find((m) => m.id === id);
    if (world.options.dateHeader || !made) return false;
    const tab = world.elements.find((e) => e.n === made.element)?.tab;
    return !!tab?.closed && world.wallForward.some((t) => t >= made.at && t <= signalledAt);
  }

  /** After every step. */
  step(): void {
    const { world } = this;
    for (const [id, at] of world.signalled) {
      if (!world.server.hasCredential(PROJECT, id)) continue;
      if (this.settledByWallClock(id, at)) continue;
      this.fail(`1: ${id} was signalled away, and the server holds it`);
    }
    for (const id of this.notSaved) {
      if (world.server.hasCredential(PROJECT, id)) this.fail(`2: ${id} was called "not saved", and the server holds it now`);
    }
    this.voidedUnderPasskeys();
    this.track(true);
  }

  /** How many of the server's finishes were looked at. */
  private finishesSeen = 0;

  /**
   * 3: a start never voids the challenge of a passkey already made. A finish refused for its
   * challenge (replaced, voided) after a start on that process that one of our flows marked once
   * the passkey existed — while the challenge still lived — is a passkey our own flows threw away.
   * Without Web Locks a start and a ceremony on one process can still cross, and a page with
   * `localStorage` blocked marks nothing (README limits).
   */
  private voidedUnderPasskeys(): void {
    const { world } = this;
    const fresh = world.finishes.slice(this.finishesSeen);
    this.finishesSeen = world.finishes.length;
    if (world.options.foreignOrigin || !world.options.locks) return;
    for (const f of fresh) {
      if (f.status !== 400 || (f.type !== 'validation_error' && f.type !== 'challenge_missing')) continue;
      const c = world.made.find((m) => m.id === f.credentialId);
      const issued = c && world.starts.find((st) => st.challenge === c.challenge);
      if (!c || !issued) continue;
      // A page with `localStorage` blocked cannot mark its finish for the pages after it (README limits).
      if (world.elements.find((e) => e.n === c.element)?.tab.everBlocked) continue;
      // Its challenge was spent on another passkey the server holds (a conditional create's, then a
      // click's on the same options): one challenge stores one passkey, whatever any start does.
      if (world.made.some((m) => m.id !== c.id && m.challenge === c.challenge && world.server.hasCredential(PROJECT, m.id))) continue;
      // Stored before this attempt arrived (a stray earlier attempt, say): it needed the challenge no more.
      if (world.finishes.some((g) => g.credentialId === c.id && g.status === 200 && g.at <= f.at)) continue;
      const voider = world.starts.find(
        (st) =>
          st !== issued &&
          st.processId === issued.processId &&
          st.at > issued.at &&
          st.at < f.at &&
          (st.mark?.at ?? st.at) > c.at &&
          st.at < (issued.expiresMs ?? Infinity),
      );
      if (voider) {
        const by = voider.mark ? `element ${voider.mark.element.n}` : 'a flow';
        this.fail(`3: ${by} started on ${issued.processId} after passkey ${c.id} (element ${c.element}) was made: its finish was refused`);
      }
    }
  }

  /**
   * Notes each element's phase and since when; `judge` also checks how long it has been in it.
   * Called after every scheduled job too, so a phase left and entered again between two steps
   * starts its count again.
   */
  private track(judge: boolean): void {
    for (const el of this.world.elements) {
      if (!el.isConnected || el.tab.closed || el.tab.frozen) {
        this.phases.delete(el);
        continue;
      }
      const s = el.controller.state;
      const key =
        s.name === 'finishing'
          ? s.slow
            ? 'finishing-slow'
            : 'finishing'
          : s.name === 'ready'
            ? s.refreshing
              ? 'refreshing'
              : 'ready'
            : s.name;
      const now = el.tab.activeNow();
      const phase = this.phases.get(el);
      if (!phase || phase.key !== key) {
        this.phases.set(el, { key, since: now });
        continue;
      }
      if (!judge) continue;
      const long = now - phase.since;
      if (key === 'finishing' && long > FINISH_PATIENCE_MS + 50)
        this.fail(`4: element ${el.n} shows "Saving…" without a way on for ${long} ms`);
      if ((key === 'loading' || key === 'renewing' || key === 'refreshing') && long > LOAD_BOUND_MS)
        this.fail(`4: element ${el.n} is ${key} for ${long} ms`);
      if (key === 'creating' && long > CEREMONY_BOUND_MS) this.fail(`4: element ${el.n} is creating for ${long} ms`);
    }
  }

  /**
   * At the end, after the quiet time and a last visit of every user: no passkey left unsettled —
   * but one the device still remembers to settle later (its clock went back) or could never
   * remember (its page had `localStorage` blocked).
   */
  end(): void {
    const { world } = this;
    const records = loadUndecided(world.tabs[0]!.storage, PROJECT);
    const remembered = new Set(records.map((u) => u.id));
    // Without Web Locks, a finish cut short by its closed tab stays flagged running: no page can tell it is over (README limits).
    const cutShort = new Set(records.filter((u) => u.running && !world.options.locks).map((u) => u.id));
    for (const c of world.made) {
      const stored = world.server.hasCredential(PROJECT, c.id);
      if (stored || world.signalled.has(c.id)) continue;
      if (world.options.signal === 'absent') continue; // this browser cannot signal: nothing to be done
      const el = world.elements.find((e) => e.n === c.element)!;
      if (el.tab.everBlocked) continue;
      if (remembered.has(c.id) && world.wallJumps.length > 0) continue; // settled once the wall clock passes its time
      if (cutShort.has(c.id)) continue;
      if (world.cleared.some((t) => t >= c.at)) continue; // the site cleared localStorage: nothing left to settle (README limits)
      if (world.options.nullExclude) continue; // answers without excludeCredentials settle nothing (README)
      this.fail(
        `6: ${c.id} (element ${c.element}) is on the device, not on the server, never signalled away${remembered.has(c.id) ? ' (still remembered)' : ''}`,
      );
    }
  }
}

// ── one run ────────────────────────────────────────────────────────────────

/** Run `steps` on a world of `options`; the violations found (empty: the run holds). */
export async function runOnce(options: WorldOptions, steps: Step[], inspect?: (world: World) => void): Promise<string[]> {
  const world = new World(options);
  const checker = new Checker(world);
  const pick = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  const openTabs = () => world.tabs.filter((t) => !t.closed);
  const live = () => world.elements.filter((e) => e.isConnected);
  /** Open tabs and live elements whose page runs: one in the back/forward cache runs no script (nothing is added to it, removed or moved). */
  const runningTabs = () => openTabs().filter((t) => !t.frozen);
  const runningElements = () => live().filter((e) => !e.tab.frozen);
  /** Sheets the user can answer: not over, on a page that runs (not closed, not in the back/forward cache). */
  const openSheets = () => world.sheets.filter((x) => !x.over && !x.element.tab.frozen && !x.element.tab.closed);
  /** Of those, the ones the user has not completed yet (no passkey on its way). */
  const uncommittedSheets = () => openSheets().filter((x) => !x.committed);
  /** What the steps on an element do to one whose page runs. */
  const elementSteps: Record<'skip' | 'remove' | 'move', (el: Element) => void> = {
    skip: (el) => el.controller.skip(),
    remove: (el) => world.removeElement(el),
    move: (el) => {
      el.disconnect();
      el.connect();
    },
  };
  /** The steps on a tab: the tabs each may fall on, and what it does to the one it picks. */
  const tabSteps: Record<'reload' | 'close' | 'hide' | 'show' | 'block-storage', { among: () => Tab[]; run: (tab: Tab) => void }> = {
    reload: {
      among: openTabs,
      run: (tab) => {
        world.closeTab(tab);
        world.addElement(world.openTab(tab.user));
      },
    },
    close: { among: openTabs, run: (tab) => world.closeTab(tab) },
    hide: { among: runningTabs, run: (tab) => world.hideTab(tab) },
    show: { among: () => openTabs().filter((t) => t.frozen), run: (tab) => world.showTab(tab) },
    'block-storage': {
      among: openTabs,
      run: (tab) => {
        tab.storageBlocked = !tab.storageBlocked;
        tab.everBlocked = true;
      },
    },
  };
  world.addElement(world.openTab(world.users[0]!));
  await world.advance(600);
  checker.step();
  for (const s of steps) {
    switch (s.t) {
      case 'open':
        if (openTabs().length < 3) world.addElement(world.openTab(world.users[s.user]!));
        break;
      case 'add': {
        const tab = pick(runningTabs(), s.tab);
        if (tab && tab.elements.filter((e) => e.isConnected).length < 3)
          world.addElement(tab, { provider: s.provider, earlyToken: s.early });
        break;
      }
      case 'click': {
        // Mostly on an offer (a click elsewhere is a no-op, and also checked).
        const shown = runningElements().filter((e) => e.controller.state.name === 'ready');
        const el = pick(shown.length && s.el % 4 !== 3 ? shown : runningElements(), s.el);
        if (!el) break;
        const gesture = world.click(el);
        if (s.then === 'leave') break;
        // A refusal comes at once; a person takes a moment.
        await world.advance(s.then === 'refuse' ? 0 : Math.max(s.after, 600));
        const sheet = world.sheets.find((x) => x.gesture === gesture && !x.over);
        if (sheet) world.answer(sheet, s.then);
        break;
      }
      case 'answer': {
        const sheet = pick(openSheets(), s.sheet);
        if (sheet) world.answer(sheet, s.how);
        break;
      }
      case 'commit': {
        const sheet = pick(uncommittedSheets(), s.sheet);
        if (sheet) world.commit(sheet, s.ms);
        break;
      }
      case 'edge': {
        const sheet = pick(uncommittedSheets(), s.sheet);
        if (!sheet) break;
        const { offer } = sheet.element;
        // The deadline on the monotonic clock (true time less what sleeps kept from it).
        const at = offer ? offer.deadlineMs + world.monoPaused - s.before : world.trueNow;
        if (at > world.trueNow) await world.advance(Math.min(at - world.trueNow, 10 * MINUTE));
        world.commit(sheet, s.ms);
        break;
      }
      case 'clear-storage':
        world.clearStorage();
        break;
      case 'skip':
      case 'remove':
      case 'move': {
        const el = pick(runningElements(), s.el);
        if (el) elementSteps[s.t](el);
        break;
      }
      case 'reload':
      case 'close':
      case 'hide':
      case 'show':
      case 'block-storage': {
        const { among, run } = tabSteps[s.t];
        const tab = pick(among(), s.tab);
        if (tab) run(tab);
        break;
      }
      case 'wait':
        await world.advance(s.ms);
        break;
      case 'jump':
        world.jumpClock(s.ms);
        break;
      case 'sleep':
        await world.sleep(s.ms, s.monoStops);
        break;
    }
    await world.advance(s.t === 'wait' ? 0 : 600);
    checker.step();
    if (world.violations.length) {
      inspect?.(world);
      return world.violations;
    }
  }
  // Quiet: open sheets are left open (the watchdog ends them), frozen tabs come back, time passes;
  // then the user goes on (every element removed: finishes go on without them) until all is decided.
  for (const tab of openTabs()) if (tab.frozen) world.showTab(tab);
  for (let i = 0; i < 4; i++) {
    await world.advance(30 * SECOND);
    checker.step();
  }
  for (const el of live()) world.removeElement(el);
  for (let i = 0; i < 10; i++) {
    await world.advance(MINUTE);
    checker.step();
  }
  // Every user signs in once more, on a quiet network: the next offer settles what stayed undecided (reconcile.ts).
  world.quiet = true;
  for (const user of world.users) world.addElement(world.openTab(user));
  for (let i = 0; i < 4; i++) {
    await world.advance(30 * SECOND);
    checker.step();
  }
  checker.end();
  inspect?.(world);
  return world.violations;
}

/** The story of a run: requests, server answers, and what each element fired. */
export function story(world: World): string {
  const lines = [...world.log];
  for (const el of world.elements) {
    for (const e of el.fired) {
      if (e.type === 'corbado-append-state') continue;
      lines.push(`${e.at - 1_800_000_000_000} element ${el.n} (${el.tab.id}) ${e.type} ${JSON.stringify(e.detail).slice(0, 160)}`);
    }
  }
  for (const sh of world.sheets)
    lines.push(
      `${sh.startedAt - 1_800_000_000_000} element ${sh.element.n} create()${sh.conditional ? ' conditional' : ''} challenge ${sh.options.challenge.slice(0, 12)}…`,
    );
  for (const [id, at] of world.signalled) lines.push(`${at - 1_800_000_000_000} signalled ${id}`);
  for (const c of world.made) lines.push(`${c.at - 1_800_000_000_000} made ${c.id} by element ${c.element}`);
  return lines.sort((a, b) => parseInt(a) - parseInt(b)).join('\n');
}

/** What a run did, for a human reading a failure or tuning the generators. */
export function summary(world: World): Record<string, unknown> {
  const events: Record<string, number> = {};
  for (const el of world.elements) for (const e of el.fired) events[e.type] = (events[e.type] ?? 0) + 1;
  return {
    tabs: world.tabs.length,
    elements: world.elements.length,
    states: world.elements.map((e) => e.controller.state.name).join(','),
    starts: world.starts.length,
    sheets: world.sheets.length,
    made: world.made.length,
    stored: world.made.filter((c) => world.server.hasCredential(PROJECT, c.id)).length,
    signalled: world.signalled.size,
    events,
  };
}
