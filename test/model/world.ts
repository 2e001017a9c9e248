/**
 * A simulated device and Corbado server for the model-based test (model.test.ts): the real flow
 * (`AppendController`, the transition table, the real `FrontendApiClient` parsing real `Response`s,
 * the real claims, start marks, reconciliation, finish rules) on top of
 *
 * - **the server model** (`emulator/model.js`, the emulator's own), under one of the readings of
 *   what Corbado's contract leaves open, with a fake attestation format it verifies;
 * - **a network** that delivers each request after a latency, or loses it before or after the
 *   server handled it, answers 5xx/408/429/gateway pages, or is slow beyond the client's timeout;
 * - **a device**: one `localStorage` shared by its tabs (with `storage` events to the others), one
 *   Web Locks manager (or none), one authenticator, one wall clock that may jump, and tabs whose
 *   timers pause in the back/forward cache or while the device sleeps;
 * - **users** who click, cancel, complete or leave the passkey sheet open, say "Not now", remove
 *   and re-add elements, reload and close tabs.
 *
 * Everything runs on one virtual time line (`trueNow`): nothing here reads a real clock or a real
 * random source, so a seed replays. The world records what the invariants need (model.test.ts).
 */
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import { FrontendApiClient } from '../../src/api/client.js';
import type { AppendEventDetailMap } from '../../src/contract.js';
import type { LockManagerLike } from '../../src/flow/claims.js';
import { AppendController, type AppendHost } from '../../src/flow/controller.js';
import type { AppendConfig } from '../../src/contract.js';
import { makePage, type FlowPorts, type PagePort } from '../../src/flow/ports.js';
import type { Clock } from '../../src/clock.js';
import { snoozeStore } from '../../src/flow/snooze.js';
import type { FlowState, Offer } from '../../src/flow/types.js';
import { signalUnknownCredential } from '../../src/webauthn/support.js';
import { StandInHost } from '../flow/stand-in-host.js';
import { ApiError, errorBody } from '../../emulator/errors.js';
import { DEFAULT_READINGS, createServerModel, type Readings } from '../../emulator/model.js';

export const PROJECT = 'pro-1';
export const ORIGIN = 'https://shop.example';
export const HOSTNAME = 'shop.example';
const API = 'https://pro-1.frontendapi.corbado.io';
/** The client's per-request timeout (FrontendApiClient's default). */
const REQUEST_TIMEOUT_MS = 10_000;

/** What one request meets on its way (consumed in order; `ok` when the list runs out). */
export type Fault =
  | 'ok'
  /** Answered, but only after the client gave up (the server handled it). */
  | 'slow'
  /** Reaches the server late (it may handle it after the client gave up). */
  | 'late'
  /** Reaches the server 55 s after it was sent, long after the client gave up (README: within a minute or never). */
  | 'stray'
  /** Lost before the server: a network error. */
  | 'drop'
  /** Handled, the answer lost: a network error. */
  | 'lost-answer'
  /** Not handled: 500 with a Corbado body. */
  | 'http-500'
  /** Handled, then a 502 gateway page. */
  | 'handled-502'
  /** Not handled: 504 gateway page. */
  | 'gateway-504'
  /** Not handled: 429 (Corbado body), Retry-After 2 s. */
  | 'too-many'
  /** Not handled: 429 (Corbado body), Retry-After 60 s (the most the client waits). */
  | 'busy'
  /** Not handled: 408 without a body. */
  | 'http-408'
  /** Not handled: a captive portal's 200 HTML page. */
  | 'portal';

/** How a user answers an open passkey sheet. */
export type SheetAnswer = 'complete' | 'complete-weird' | 'cancel' | 'refuse';

/** What `signalUnknownCredential` is on this device (a polyfill or an extension may replace it). */
export type SignalKind = 'promise' | 'rejects' | 'non-promise' | 'throws' | 'absent';

export interface WorldOptions {
  readings: Readings;
  /** Web Locks exist on this device. */
  locks: boolean;
  /** The server's answers carry a readable `Date` header. */
  dateHeader: boolean;
  /** Options lifetime (start `expiresMs` = now + ttlMs) and process lifetime, ms. */
  ttlMs: number;
  processTtlMs: number;
  /** The device's wall clock minus true time, ms. */
  deviceOffsetMs: number;
  autoAppend: boolean;
  conditionalAppend: boolean;
  /** The browser reports conditional create. */
  conditionalCreate: boolean;
  /** Safari before 16 (WebKit bug 219813): an excluded credential is answered with an instant `NotAllowedError`. */
  oldWebKit: boolean;
  signal: SignalKind;
  /** A proxy strips `excludeCredentials` from start answers (`null`, ../shared/cases S10). */
  nullExclude?: boolean;
  /** The page's origin is one the project does not list: every attestation is refused at verification, after its challenge was spent. */
  foreignOrigin?: boolean;
  /** Network faults per endpoint, consumed one per request to it (then `ok`). */
  faults: { init: Fault[]; start: Fault[]; finish: Fault[]; events: Fault[] };
}

/**
 * A plain device for the worked examples: Web Locks, `Date` headers, a right clock, 5-minute
 * options, an hour-long process, the emulator's default readings, no faults; `over` changes any of it.
 */
export function plainDevice(over: Partial<WorldOptions> = {}): WorldOptions {
  return {
    readings: DEFAULT_READINGS,
    locks: true,
    dateHeader: true,
    ttlMs: 5 * 60_000,
    processTtlMs: 60 * 60_000,
    deviceOffsetMs: 0,
    autoAppend: false,
    conditionalAppend: false,
    conditionalCreate: false,
    oldWebKit: false,
    signal: 'promise',
    faults: { init: [], start: [], finish: [], events: [] },
    ...over,
  };
}

/** The credential ID a finish body names (its `attestationResponse`'s `id`); '' when unreadable. */
function credentialOf(body: unknown): string {
  try {
    const text = (body as { attestationResponse?: unknown } | null)?.attestationResponse;
    const id = typeof text === 'string' ? (JSON.parse(text) as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : '';
  } catch {
    return '';
  }
}

/** A credential the device's authenticator made. */
export interface DeviceCredential {
  id: string;
  rpId: string;
  userId: string;
  challenge: string;
  /** True time it was made. */
  at: number;
  /** The element whose ceremony made it. */
  element: number;
}

/** A ceremony a flow started (`navigator.credentials.create`). */
export interface SheetRecord {
  element: Element;
  options: PublicKeyCredentialCreationOptionsJSON;
  conditional: boolean;
  startedAt: number;
  /** Set once settled or aborted. */
  over: boolean;
  aborted: boolean;
  resolve(r: RegistrationResponseJSON): void;
  reject(e: unknown): void;
  /** The user gesture it ran in (the click's number), if any. */
  gesture?: number;
  /** The authenticator made the passkey; it reaches the page in a moment, whatever aborts it meanwhile. */
  committed?: boolean;
  /** When (true time) the user completed it, if committed. */
  committedAt?: number;
  /** The page aborted it after that: its passkey arrives after the abort. */
  abortedTooLate?: boolean;
}

/** A start mark: which element's flow marked a start on which process, when; `written`: it reached `localStorage`. */
export interface Mark {
  processId: string;
  flowId: string;
  element: Element;
  at: number;
  written: boolean;
}

/** Something the invariants checked and found broken. */
export class Violation extends Error {
  override name = 'Violation';
}

/** Scheduled work on the true time line; `tab`: work of a page (paused while it sleeps). */
interface Job {
  at: number;
  seq: number;
  run: () => void;
  tab?: Tab;
}

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const fromB64url = (v: string) => Buffer.from(v, 'base64url').toString('utf8');

/** One tab: a page with its own clock, timers, storage events and lifecycle. */
export class Tab {
  readonly elements: Element[] = [];
  /** Paused: in the back/forward cache, or the device sleeps. */
  frozen = false;
  closed = false;
  /** Active time: true time while not frozen (what its timers count). */
  private activeBase = 0;
  private frozenSince?: number;
  private frozenTotal = 0;
  readonly timers = new Map<number, { dueActive: number; fn: () => void }>();
  private timerSeq = 0;
  readonly storageListeners: ((key: string | null, oldValue: string | null, newValue: string | null) => void)[] = [];
  readonly hide: (() => void)[] = [];
  readonly show: (() => void)[] = [];
  readonly page: PagePort;
  readonly ports: FlowPorts;
  /** Locks held by this page, released when it closes. */
  readonly locks = new Set<string>();
  /** localStorage throws here (a privacy setting, a sandboxed frame). */
  storageBlocked = false;
  /** Storage was blocked here at some time (what this page remembers may be missing). */
  everBlocked = false;
  /** The device's `localStorage` as this page sees it: its writes reach the other tabs as `storage` events. */
  readonly storage: Storage;

  constructor(
    readonly world: World,
    readonly id: string,
    readonly user: User,
  ) {
    this.activeBase = world.trueNow;
    this.storage = world.storageFor(this);
    const clock: Clock = {
      now: () => world.trueNow + world.deviceOffsetMs,
      // performance.now(): goes on in the back/forward cache; while the device sleeps, per the world.
      mono: () => world.trueNow - world.monoPaused,
      setTimeout: (fn, ms) => {
        const id = ++this.timerSeq;
        this.timers.set(id, { dueActive: this.activeNow() + Math.max(0, ms), fn });
        return id;
      },
      clearTimeout: (h) => void this.timers.delete(h as number),
    };
    this.page = makePage({
      id,
      clock,
      storage: () => (this.storageBlocked ? undefined : this.storage),
      locks: world.options.locks ? world.lockManager(this) : undefined,
      subscribeStorage: (l) => void this.storageListeners.push(l),
      lifecycle: { onHide: (l) => void this.hide.push(l), onShow: (l) => void this.show.push(l) },
    });
    this.ports = {
      page: this.page,
      client: (baseUrl, projectId) =>
        new FrontendApiClient(baseUrl, projectId, {
          fetch: (url, init) => world.fetch(this, url, init),
          clock,
          timeoutMs: REQUEST_TIMEOUT_MS,
        }),
      clientInformation: () =>
        Promise.resolve({
          isUserVerifyingPlatformAuthenticatorAvailable: true,
          clientCapabilities: { conditionalCreate: world.options.conditionalCreate },
        }),
      webAuthnAvailable: () => true,
      runCeremony: () => {
        throw new Error('runCeremony is per element (Element.ports)');
      },
      signalUnknownCredential: (rpId, credentialId) => {
        world.signalAttempts.push({ rpId, credentialId, at: world.trueNow });
        signalUnknownCredential(rpId, credentialId);
      },
      hostname: () => HOSTNAME,
      offerEnv: (info) => ({ conditionalCreate: info.clientCapabilities?.conditionalCreate === true }),
      ...snoozeStore(() => (this.storageBlocked ? undefined : this.storage), clock.now),
    };
  }

  activeNow(): number {
    return this.frozen ? this.frozenSince! - this.frozenTotal - this.activeBase : this.world.trueNow - this.frozenTotal - this.activeBase;
  }

  freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    this.frozenSince = this.world.trueNow;
  }

  thaw(): void {
    if (!this.frozen) return;
    this.frozenTotal += this.world.trueNow - this.frozenSince!;
    this.frozen = false;
    this.frozenSince = undefined;
  }

  /** True time at which its earliest timer is due, if any. */
  nextTimer(): { at: number; id: number } | undefined {
    if (this.frozen || this.closed) return undefined;
    let best: { at: number; id: number } | undefined;
    for (const [id, t] of this.timers) {
      const at = this.world.trueNow + Math.max(0, t.dueActive - this.activeNow());
      if (!best || at < best.at || (at === best.at && id < best.id)) best = { at, id };
    }
    return best;
  }
}

/** A signed-in person. */
export interface User {
  id: string;
  email: string;
}

/** One `<corbado-append>`: a stand-in element (host) and the real controller. */
export class Element extends StandInHost {
  readonly controller: AppendController;
  readonly fired: { type: keyof AppendEventDetailMap; detail: unknown; at: number }[] = [];
  /** Clicks on its button, numbered device-wide. */
  readonly clicks: number[] = [];
  /** When it entered its current state (true time, active time of its tab). */
  stateSince = 0;
  lastState = 'idle';
  removed = false;

  constructor(
    readonly world: World,
    readonly tab: Tab,
    readonly n: number,
    readonly config: AppendConfig,
  ) {
    super();
    // The tab's ports, but for what tells the world which element did it: its ceremonies, its start marks.
    const page: PagePort = Object.create(tab.page) as PagePort;
    page.markStart = (projectId, processId, flowId, finishing) => {
      world.marks.push({ processId, flowId, element: this, at: world.trueNow, written: !tab.storageBlocked });
      tab.page.markStart(projectId, processId, flowId, finishing);
    };
    page.markDone = (projectId, processId, flowId) => tab.page.markDone(projectId, processId, flowId);
    const ports: FlowPorts = Object.create(tab.ports) as FlowPorts;
    Object.defineProperty(ports, 'page', { value: page });
    ports.runCeremony = (options, conditional) => world.ceremony(this, options, conditional);
    this.controller = new AppendController(this, ports);
  }

  emit: AppendHost['emit'] = (type, detail) => {
    if (!this.isConnected && type !== 'corbado-append-state') {
      this.world.violation(`element ${this.n} fired ${type} after its removal`);
    }
    this.fired.push({ type, detail, at: this.world.trueNow });
    this.world.onEvent(this, type, detail);
    return true;
  };

  get state(): FlowState {
    return this.controller.state;
  }

  /** The offer it shows now (its options, and their deadline and refresh on its tab's monotonic clock), if any. */
  get offer(): Offer | undefined {
    const s = this.controller.state;
    return 'offer' in s ? s.offer : undefined;
  }
}

export class World {
  trueNow = 1_800_000_000_000;
  deviceOffsetMs: number;
  /** Monotonic time the device did not count (asleep, on engines whose `performance.now()` stops then). */
  monoPaused = 0;
  readonly server: ReturnType<typeof createServerModel>;
  readonly tabs: Tab[] = [];
  readonly elements: Element[] = [];
  readonly sheets: SheetRecord[] = [];
  readonly authenticator = new Map<string, DeviceCredential>();
  /** Every credential ever made on the device (also those signalled away since). */
  readonly made: DeviceCredential[] = [];
  /** Credentials the passkey provider was told to forget, and when. */
  readonly signalled = new Map<string, number>();
  readonly signalAttempts: { rpId: string; credentialId: string; at: number }[] = [];
  /** Every start mark an element's flow wrote (before a start, or an init that resumes a process). */
  readonly marks: Mark[] = [];
  /** Every start (and resuming init) the server handled: on which process, after which mark, when, the challenge it issued. */
  readonly starts: { processId: string; mark?: Mark; at: number; challenge?: string; expiresMs?: number; resume?: true }[] = [];
  /** Every finish the server handled: of which credential, when, and its answer (status, `error.type`). */
  readonly finishes: { credentialId: string; at: number; status: number; type?: string }[] = [];
  /** Every request, what met it and how it ended (for reading a failure). */
  readonly log: string[] = [];
  /** Every append token minted (no event may carry one). */
  readonly tokens: string[] = [];
  readonly violations: string[] = [];
  /** When the site cleared `localStorage` (a sign-out): what the device remembered is gone. */
  readonly cleared: number[] = [];
  /** When the device's wall clock was set (true time): what a page keeps on the wall clock may be off since. */
  readonly wallJumps: number[] = [];
  /** When the device's wall clock was set forward (true time). */
  readonly wallForward: number[] = [];
  /** When the device woke from a sleep its monotonic clock did not count (true time): deadlines may be off since. */
  readonly monoStops: number[] = [];
  private readonly jobs: Job[] = [];
  private jobSeq = 0;
  private ids = 0;
  private readonly faultIndex = { init: 0, start: 0, finish: 0, events: 0 };
  private gestures = 0;
  /** The gesture being handled (a click's number) while its handler runs. */
  private gesture?: number;
  private readonly heldLocks = new Map<string, Tab>();
  readonly users: User[] = [
    { id: 'user-a', email: 'a@example.com' },
    { id: 'user-b', email: 'b@example.com' },
  ];

  constructor(readonly options: WorldOptions) {
    this.deviceOffsetMs = options.deviceOffsetMs;
    this.server = createServerModel({
      now: () => this.trueNow,
      randomId: (prefix) => `${prefix}_${String(++this.ids).padStart(20, '0')}`,
      makeOptions: ({ challenge, rpID, user, excludeCredentials, userVerification, timeoutMs }) => ({
        challenge,
        rp: { id: rpID, name: 'Shop' },
        user: { id: b64url(user.id), name: user.email, displayName: user.email },
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        timeout: timeoutMs,
        excludeCredentials: excludeCredentials.map(({ id }) => ({ id, type: 'public-key' })),
        authenticatorSelection: { residentKey: 'required', userVerification },
        attestation: 'none',
      }),
      // The fake attestation: clientDataJSON names the challenge and origin; the credential ID is the response's.
      verify: (response: RegistrationResponseJSON, expected) => {
        const client = JSON.parse(fromB64url(response.response.clientDataJSON)) as { challenge: string; origin: string };
        if (client.challenge !== expected.expectedChallenge) return Promise.reject(new Error('challenge mismatch'));
        if (client.origin !== expected.expectedOrigin || this.options.foreignOrigin) return Promise.reject(new Error('origin mismatch'));
        return Promise.resolve({
          credentialId: response.id,
          publicKey: 'pk',
          counter: 0,
          transports: ['internal'],
          aaguid: '00000000-0000-0000-0000-000000000000',
        });
      },
    });
    this.server.setScenario(PROJECT, {
      readings: options.readings,
      ttlMs: options.ttlMs,
      processTtlMs: options.processTtlMs,
      autoAppend: options.autoAppend,
      conditionalAppend: options.conditionalAppend,
    });
    // The device's signalUnknownCredential: the provider forgets the credential, then the call
    // behaves as this device's polyfill or extension makes it.
    const forget = (credentialId: string) => this.forget(credentialId);
    (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential =
      options.signal === 'absent'
        ? {}
        : {
            signalUnknownCredential({ credentialId }: { rpId: string; credentialId: string }) {
              forget(credentialId);
              switch (options.signal) {
                case 'rejects':
                  return Promise.reject(new Error('not allowed'));
                case 'non-promise':
                  return 42;
                case 'throws':
                  throw new TypeError('polyfill');
                default:
                  return Promise.resolve();
              }
            },
          };
  }

  violation(message: string): void {
    this.violations.push(`[t+${this.trueNow - 1_800_000_000_000} ms] ${message}`);
  }

  // ── the device ─────────────────────────────────────────────────────────

  /** The device's `localStorage` contents. */
  private readonly stored = new Map<string, string>();

  /** The site's sign-out clears `localStorage` (common practice). */
  clearStorage(): void {
    this.stored.clear();
    this.cleared.push(this.trueNow);
  }

  /** `localStorage` as `tab` sees it: a change it makes reaches the other open tabs as a `storage` event, a moment later. */
  storageFor(tab: Tab): Storage {
    const map = this.stored;
    const notify = (key: string, oldValue: string | null, newValue: string | null) => {
      for (const other of this.tabs) {
        if (other === tab || other.closed) continue;
        this.schedule(this.trueNow + 5, () => other.storageListeners.forEach((l) => l(key, oldValue, newValue)), other);
      }
    };
    return {
      get length() {
        return map.size;
      },
      key: (i: number) => [...map.keys()][i] ?? null,
      getItem: (k: string) => map.get(k) ?? null,
      setItem(k: string, v: string) {
        const old = map.get(k) ?? null;
        map.set(k, String(v));
        if (old !== String(v)) notify(k, old, String(v));
      },
      removeItem(k: string) {
        const old = map.get(k) ?? null;
        map.delete(k);
        if (old !== null) notify(k, old, null);
      },
      clear: () => map.clear(),
    };
  }

  /** Web Locks of the device, as one tab sees them (`ifAvailable` only, as claims use them). */
  lockManager(tab: Tab): LockManagerLike {
    return {
      request: (name, _options, callback) => {
        if (this.heldLocks.has(name)) return Promise.resolve(callback(null));
        this.heldLocks.set(name, tab);
        tab.locks.add(name);
        const release = () => {
          if (this.heldLocks.get(name) === tab) this.heldLocks.delete(name);
          tab.locks.delete(name);
        };
        return Promise.resolve(callback({ name }))
          .then(release, release)
          .then(() => undefined);
      },
    };
  }

  /** Drop the locks a closed page held (the browser does). */
  private dropLocks(tab: Tab): void {
    for (const name of tab.locks) if (this.heldLocks.get(name) === tab) this.heldLocks.delete(name);
    tab.locks.clear();
  }

  private forget(credentialId: string): void {
    if (!this.signalled.has(credentialId)) this.signalled.set(credentialId, this.trueNow);
    this.authenticator.delete(credentialId);
  }

  // ── time ───────────────────────────────────────────────────────────────

  schedule(at: number, run: () => void, tab?: Tab): void {
    this.jobs.push({ at, seq: ++this.jobSeq, run, ...(tab ? { tab } : {}) });
  }

  /** Run everything due up to `trueNow + ms`, in time order, microtasks drained between. */
  async advance(ms: number): Promise<void> {
    const until = this.trueNow + ms;
    for (;;) {
      await drain();
      const next = this.nextDue(until);
      if (!next) break;
      this.trueNow = Math.max(this.trueNow, next.at);
      next.run();
      await drain();
      this.afterJob();
    }
    this.trueNow = until;
    await drain();
  }

  private nextDue(until: number): { at: number; run: () => void } | undefined {
    let best: { at: number; seq: number; run: () => void } | undefined;
    for (const job of this.jobs) {
      if (job.tab && (job.tab.frozen || job.tab.closed)) continue;
      if (job.at > until) continue;
      if (!best || job.at < best.at || (job.at === best.at && job.seq < best.seq)) best = job;
    }
    for (const tab of this.tabs) {
      const t = tab.nextTimer();
      if (!t || t.at > until) continue;
      if (!best || t.at < best.at) {
        const timer = tab.timers.get(t.id)!;
        best = {
          at: t.at,
          seq: -1,
          run: () => {
            tab.timers.delete(t.id);
            this.as(tab, timer.fn);
          },
        };
      }
    }
    if (!best) return undefined;
    const found = best;
    const i = this.jobs.findIndex((j) => j.seq === found.seq);
    if (i >= 0) this.jobs.splice(i, 1);
    return { at: found.at, run: found.run };
  }

  /** Run `fn` as `tab`'s code. */
  as<T>(_tab: Tab, fn: () => T): T {
    return fn();
  }

  /** Time passes until `tab`'s monotonic clock (`performance.now()`, where an offer's times are) reads `monoMs`. */
  advanceTo(tab: Tab, monoMs: number): Promise<void> {
    return this.advance(monoMs - tab.page.clock.mono());
  }

  /** The device's wall clock jumps (a manual change, NTP); timers are unaffected. */
  jumpClock(deltaMs: number): void {
    this.deviceOffsetMs += deltaMs;
    this.wallJumps.push(this.trueNow);
    if (deltaMs > 0) this.wallForward.push(this.trueNow);
  }

  /**
   * The device sleeps `ms`: every tab paused, the server goes on. `monoStops`: the monotonic clock
   * stops too (it may, HR Time §4), so the page cannot tell how long it slept but by the wall clock.
   */
  async sleep(ms: number, monoStops: boolean): Promise<void> {
    const frozen = this.tabs.filter((t) => !t.frozen);
    frozen.forEach((t) => t.freeze());
    await this.advance(ms);
    if (monoStops) {
      this.monoPaused += ms;
      this.monoStops.push(this.trueNow);
    }
    frozen.forEach((t) => t.thaw());
  }

  // ── tabs and elements ──────────────────────────────────────────────────

  openTab(user: User): Tab {
    const tab = new Tab(this, `tab${this.tabs.length + 1}`, user);
    this.tabs.push(tab);
    return tab;
  }

  /** A new element in `tab`, connected. */
  addElement(tab: Tab, opts: { provider: 'ok' | 'object' | 'fails' | 'none'; earlyToken?: boolean } = { provider: 'ok' }): Element {
    const mint = () => {
      const token = this.server.issueAppendToken(PROJECT, { userId: tab.user.id, email: tab.user.email }).value;
      this.tokens.push(token);
      return token;
    };
    const config: AppendConfig = { projectId: PROJECT, frontendApiUrl: API };
    if (opts.provider === 'none') config.appendToken = mint();
    else if (opts.provider === 'fails') {
      config.appendToken = mint();
      config.appendTokenProvider = () => Promise.reject(new Error('backend down'));
    } else config.appendTokenProvider = () => Promise.resolve(opts.provider === 'object' ? ({ appendToken: mint() } as never) : mint());
    if (opts.earlyToken) config.earlyToken = true;
    const el = new Element(this, tab, this.elements.length + 1, config);
    this.elements.push(el);
    tab.elements.push(el);
    this.as(tab, () => el.connect());
    return el;
  }

  removeElement(el: Element): void {
    el.removed = true;
    this.as(el.tab, () => el.disconnect());
  }

  /** The tab's page goes away (reload or close): its elements are removed, its JS stops, its locks go. */
  closeTab(tab: Tab): void {
    for (const el of tab.elements) if (el.isConnected) this.removeElement(el);
    tab.closed = true;
    tab.timers.clear();
    this.dropLocks(tab);
  }

  /** The back/forward cache: pagehide (locks let go), paused; pageshow. */
  hideTab(tab: Tab): void {
    this.as(tab, () => tab.hide.forEach((l) => l()));
    tab.freeze();
  }

  showTab(tab: Tab): void {
    tab.thaw();
    this.as(tab, () => tab.show.forEach((l) => l()));
  }

  /** A click on the element's button (a user gesture). */
  click(el: Element): number {
    const n = ++this.gestures;
    el.clicks.push(n);
    this.gesture = n;
    try {
      this.as(el.tab, () => el.controller.click());
    } finally {
      this.gesture = undefined;
    }
    return n;
  }

  /** The passkey sheet a click (its number, from {@link click}) opened, if it opened one. */
  sheetOf(gesture: number): SheetRecord | undefined {
    return this.sheets.find((s) => s.gesture === gesture);
  }

  /** A click on the element's button, and the passkey sheet it opened (undefined: it opened none, say it renewed the options). */
  openSheet(el: Element): SheetRecord | undefined {
    return this.sheetOf(this.click(el));
  }

  // ── WebAuthn ───────────────────────────────────────────────────────────

  ceremony(el: Element, options: PublicKeyCredentialCreationOptionsJSON, conditional: boolean) {
    let resolve!: (r: RegistrationResponseJSON) => void, reject!: (e: unknown) => void;
    const result = new Promise<RegistrationResponseJSON>((res, rej) => ((resolve = res), (reject = rej)));
    result.catch(() => undefined);
    const sheet: SheetRecord = {
      element: el,
      options,
      conditional,
      startedAt: this.trueNow,
      over: false,
      aborted: false,
      resolve,
      reject,
      ...(this.gesture !== undefined ? { gesture: this.gesture } : {}),
    };
    this.sheets.push(sheet);
    this.onCreate(sheet);
    return {
      result,
      abort: () => {
        // Too late: the authenticator already made the passkey (it arrives all the same).
        if (sheet.committed && !sheet.over) sheet.abortedTooLate = true;
        if (sheet.over || sheet.committed) return;
        sheet.over = sheet.aborted = true;
        reject(new DOMException('aborted', 'AbortError'));
      },
      facts: () => ({
        elapsedMs: this.trueNow - sheet.startedAt,
        excludeCredentials: options.excludeCredentials?.length ?? 0,
        excludedAsNotAllowed: this.options.oldWebKit,
      }),
    };
  }

  /**
   * The user completes the sheet, and the passkey reaches the page `ms` later: an abort meanwhile
   * comes too late (the browser lost the race with it).
   */
  commit(sheet: SheetRecord, ms: number): void {
    if (sheet.over || sheet.committed) return;
    sheet.committed = true;
    sheet.committedAt = this.trueNow;
    this.schedule(this.trueNow + ms, () => this.answer(sheet, 'complete'), sheet.element.tab);
  }

  /** A click on the element's button, and `afterMs` later the user completes the sheet it opened. */
  async clickAndComplete(el: Element, afterMs: number): Promise<void> {
    const gesture = this.click(el);
    await this.advance(afterMs);
    this.answer(this.sheetOf(gesture)!, 'complete');
  }

  /** The user's answer to an open sheet. */
  answer(sheet: SheetRecord, how: SheetAnswer): void {
    // A page that is gone has no sheet (a passkey made as it unloaded is beyond any page's reach: README "Guarantees", limits).
    if (sheet.over || sheet.element.tab.closed) return;
    sheet.over = true;
    const { options } = sheet;
    const rpId = options.rp.id ?? HOSTNAME;
    if (how === 'cancel' || how === 'refuse') return sheet.reject(new DOMException('The operation is not allowed.', 'NotAllowedError'));
    const excluded = (options.excludeCredentials ?? []).some((c) => this.authenticator.get(c.id)?.rpId === rpId);
    if (excluded) {
      return sheet.reject(
        this.options.oldWebKit
          ? new DOMException('not allowed', 'NotAllowedError')
          : new DOMException('excluded credential', 'InvalidStateError'),
      );
    }
    const id = b64url(`cred-${++this.ids}`);
    const credential: DeviceCredential = {
      id,
      rpId,
      userId: options.user.id,
      challenge: options.challenge,
      at: sheet.committedAt ?? this.trueNow,
      element: sheet.element.n,
    };
    this.authenticator.set(id, credential);
    this.made.push(credential);
    const clientDataJSON = b64url(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin: ORIGIN }));
    const response: RegistrationResponseJSON = {
      id,
      rawId: id,
      type: 'public-key',
      response: { clientDataJSON, attestationObject: 'o2Nm' },
      // An extension's output JSON cannot carry as it is (a BigInt): the finish must still go out.
      clientExtensionResults: how === 'complete-weird' ? ({ weird: 10n } as never) : {},
    };
    sheet.resolve(response);
  }

  // ── the network ────────────────────────────────────────────────────────

  /** No more faults: the network delivers everything (the end of a run). */
  quiet = false;

  nextFault(endpoint: keyof WorldOptions['faults']): Fault {
    if (this.quiet) return 'ok';
    return this.options.faults[endpoint][this.faultIndex[endpoint]++] ?? 'ok';
  }

  /** `fetch` of `tab`: to the server model over the simulated network. */
  fetch(tab: Tab, url: string | URL | Request, init?: RequestInit): Promise<Response> {
    const path = new URL(String(url)).pathname;
    const fault = this.nextFault(path.split('/').pop() as keyof WorldOptions['faults']);
    const headers = new Headers(init?.headers);
    const processId = headers.get('x-corbado-process-id') ?? undefined;
    const body: unknown = JSON.parse(String(init?.body ?? 'null'));
    const signal = init?.signal;
    const up = 20 + (this.jobSeq % 7) * 30;
    const down = 20 + (this.jobSeq % 5) * 40;
    const t0 = this.trueNow;
    this.log.push(`${t0 - 1_800_000_000_000} ${tab.id} → ${path.split('/').pop()} ${processId ?? '-'} [${fault}]`);
    const mark =
      processId && !path.endsWith('/finish')
        ? this.marks.filter((m) => m.element.tab === tab && m.processId === processId).at(-1)
        : undefined;
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const fail = () => {
        if (settled) return;
        settled = true;
        reject(new TypeError('Failed to fetch'));
      };
      const answer = (res: () => Response, after: number) =>
        this.schedule(
          this.trueNow + after,
          () => {
            if (settled) return;
            settled = true;
            resolve(res());
          },
          tab,
        );
      signal?.addEventListener('abort', () => {
        if (settled) return;
        settled = true;
        reject(signal.reason);
      });
      const handle = (after: (status: number, json: unknown) => void) =>
        this.handle(path, processId, body, mark).then(({ status, json }) => {
          const type = (json as { error?: { type?: string } } | undefined)?.error?.type;
          this.log.push(
            `${this.trueNow - 1_800_000_000_000} server ${path.split('/').pop()} (${t0 - 1_800_000_000_000}) → ${status}${type ? ` ${type}` : ''}`,
          );
          after(status, json);
        });
      const toServer = fault === 'late' ? up + 12_000 : fault === 'stray' ? 55_000 : up;
      switch (fault) {
        case 'drop':
          return this.schedule(this.trueNow + up, fail, tab);
        case 'http-500':
          return answer(() => this.json(500, errorBody(new ApiError(500, 'internal_error', 'fault'), 0)), up + down);
        case 'gateway-504':
          return answer(
            () => new Response('<html>504 Gateway Time-out</html>', { status: 504, headers: { 'content-type': 'text/html' } }),
            up + down,
          );
        case 'too-many':
          return answer(
            () => this.json(429, errorBody(new ApiError(429, 'too_many_requests', 'slow down'), 0), { 'retry-after': '2' }),
            up + down,
          );
        case 'busy':
          return answer(
            () => this.json(429, errorBody(new ApiError(429, 'too_many_requests', 'busy'), 0), { 'retry-after': '60' }),
            up + down,
          );
        case 'http-408':
          return answer(() => new Response('', { status: 408 }), up + down);
        case 'portal':
          return answer(
            () => new Response('<html>sign in to the network</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
            up + down,
          );
      }
      this.schedule(this.trueNow + toServer, () => {
        void handle((status, json) => {
          if (fault === 'lost-answer') return this.schedule(this.trueNow + down, fail, tab);
          if (fault === 'handled-502') return answer(() => new Response('<html>502</html>', { status: 502 }), down);
          answer(() => this.json(status, json), fault === 'slow' ? REQUEST_TIMEOUT_MS + 2000 : down);
        });
      });
    });
  }

  private json(status: number, json: unknown, extra: Record<string, string> = {}): Response {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
    if (this.options.dateHeader) headers.date = new Date(this.trueNow).toUTCString();
    return new Response(status === 204 ? null : JSON.stringify(json), { status, headers });
  }

  /** The server handles a request that reached it. */
  private async handle(
    path: string,
    processId: string | undefined,
    body: unknown,
    mark: Mark | undefined,
  ): Promise<{ status: number; json: unknown }> {
    const ctx = { processId, body: body as never, origin: ORIGIN };
    try {
      if (path.endsWith('/init')) {
        const r = this.server.init(PROJECT, ctx);
        if (processId && r.body.processID === processId) {
          this.starts.push({ processId, ...(mark ? { mark } : {}), at: this.trueNow, resume: true });
        }
        return { status: r.status, json: { ...r.body, frontendApiUrl: API } };
      }
      if (path.endsWith('/start')) {
        const r = await this.server.start(PROJECT, ctx);
        if (this.options.nullExclude && r.body.attestationOptions) {
          const o = JSON.parse(r.body.attestationOptions) as { publicKey: Record<string, unknown> };
          o.publicKey.excludeCredentials = null;
          r.body.attestationOptions = JSON.stringify(o);
        }
        const options = r.body.attestationOptions
          ? (JSON.parse(r.body.attestationOptions) as { publicKey: { challenge: string } })
          : undefined;
        this.starts.push({
          processId: processId ?? '',
          ...(mark ? { mark } : {}),
          at: this.trueNow,
          ...(options ? { challenge: options.publicKey.challenge, expiresMs: r.body.expiresMs } : {}),
        });
        return { status: r.status, json: r.body };
      }
      if (path.endsWith('/finish')) {
        const credentialId = credentialOf(body);
        try {
          const r = await this.server.finish(PROJECT, ctx);
          this.finishes.push({ credentialId, at: this.trueNow, status: r.status });
          return { status: r.status, json: r.body };
        } catch (e) {
          const status = e instanceof ApiError ? e.status : 500;
          this.finishes.push({ credentialId, at: this.trueNow, status, ...(e instanceof ApiError ? { type: e.type } : {}) });
          throw e;
        }
      }
      const r = this.server.event(PROJECT, ctx);
      return { status: r.status, json: undefined };
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(500, 'internal_error', String(e));
      return { status: err.status, json: errorBody(err, 0) };
    }
  }

  // ── hooks for the invariants (model.test.ts sets them) ─────────────────

  onEvent: (el: Element, type: keyof AppendEventDetailMap, detail: unknown) => void = () => undefined;
  onCreate: (sheet: SheetRecord) => void = () => undefined;
  /** After each scheduled job and the microtasks it set off: a checker sees every phase, not only those at step ends. */
  afterJob: () => void = () => undefined;
}

/** Let every pending promise run (a macrotask turn drains the microtask queue). */
export const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
