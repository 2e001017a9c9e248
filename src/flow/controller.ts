/**
 * The append flow as a Lit reactive controller: it holds the flow's state, feeds every event
 * through `transition()` and runs the effects that come back — requests, ceremonies, timers —
 * turning their outcomes into events again. Everything a flow starts belongs to its `Scope`;
 * removal of the element disposes it (but a finish, which holds its process until it ends).
 *
 * Nothing that throws inside a move — a bug of ours, a hostile extension, a page's polyfill —
 * leaves the flow without a way on: a move that throws ends the flow in its final error, an
 * effect that throws is reported and the others run, the event queue is always let go.
 */
import type { ReactiveController } from 'lit';
import { resolveApiBaseUrl } from '../api/config.js';
import { encodeClientState, liveProcess, storeLastLogin, type ClientStateEntry } from '../api/client-state.js';
import type { PasskeyOperation } from '../api/types.js';
import { sleep } from '../clock.js';
import type { AppendConfig } from '../contract.js';
import { CorbadoAppendError, errorDetail, toAppendError } from '../errors.js';
import { classifyCeremonyError, type Ceremony } from '../webauthn/ceremony.js';
import { startedByAnother, type Claim } from './claims.js';
import { finishAttestation } from './finish.js';
import { initProcess, type HeldProcess } from './init.js';
import { LoadFailure, appendToken, loadOffer, type OfferEnv } from './load-offer.js';
import type { AppendHost, FlowPorts } from './ports.js';
import { forgetUndecided, loadUndecided, postponeUndecided, rememberUndecided, settleUndecided, type Undecided } from './reconcile.js';
import { Scope } from './scope.js';
import { finishEffect, transition } from './transition.js';
import {
  PUBLIC_STATE,
  type Effect,
  type FlowEvent,
  type FlowState,
  type FocusTarget,
  type Move,
  type Offer,
  type TimerSlot,
} from './types.js';
import { FINISH_TAIL_MS, IN_FLIGHT_MS, PROCESS_MARGIN_MS, SETTLE_MS } from '../times.js';

export type { AppendHost } from './ports.js';

/** A running ceremony (its watchdog or time-box is a `later` of the table). */
interface Running {
  ceremony: Ceremony;
  /** The offer it runs on (its process, when known: `offer.processId`). */
  offer: Offer;
  /** Set once it was stopped: called when its outcome arrives all the same (a passkey, or the refusal). */
  stopped?: () => void;
}

/** Everything one flow (connect → removal) owns. */
interface Flow {
  /** The element's configuration, read once when the flow begins. */
  config: AppendConfig;
  /** Unique on this device: `<page id>-<n>` (start marks, claims.ts). */
  id: string;
  scope: Scope;
  projectId: string;
  client?: ReturnType<FlowPorts['client']>;
  /** A token asked for in parallel with init (`earlyToken`), until the first offer takes it. */
  earlyToken?: Promise<string>;
  /** What the probes found that the offer needs; settles in parallel with init, token and start. */
  env?: Promise<OfferEnv>;
  /** Unix ms at which the element was connected (`connectAppendStartReq.loadedMs`). */
  loadedMs: number;
  /** Append tokens used: never repeated in what is reported (a server may echo them), never used twice. */
  secrets: Set<string>;
  /** The process this flow uses, with its claim. */
  process?: HeldProcess;
  /** Processes another flow marked a start on since this flow began (its start may still be on its way). */
  foreign: Set<string>;
  /** The running load of an offer; a newer one disposes it. */
  load?: Scope;
  /**
   * Processes something of this flow may still land on — a finish's attempts, the passkey of a
   * ceremony it stopped — with how many such things and the claim on it: kept, and the process
   * marked in use (claims.ts), till nothing can land, whatever became of the flow meanwhile.
   */
  landing: Map<string, { count: number; claim?: Claim }>;
  /** A final state was reached or the element was removed. */
  over: boolean;
  /** This flow's own confirmed `passkeyOperation`: the only `lastLogin` its `clientState` carries. */
  lastLogin?: ClientStateEntry<PasskeyOperation>;
  unsubscribe?: () => void;
  modal?: Running;
  conditional?: Running;
  /** Cancels of the pending `later` timers, by slot. */
  timers: Map<TimerSlot, () => void>;
}

let flowsMade = 0;

export class AppendController implements ReactiveController {
  /** Where the flow is; the element renders from this alone. */
  state: FlowState = { name: 'idle' };
  #flow?: Flow;
  #queue: FlowEvent[] | undefined;
  /** The offer whose deadline the clock was last seen past (`expired` is fed once per offer). */
  #overdue?: Offer;

  readonly #host: AppendHost;
  readonly #ports: FlowPorts;

  constructor(host: AppendHost, ports: FlowPorts) {
    this.#host = host;
    this.#ports = ports;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#flow) return; // moved within the page (removed and re-added in one task): the flow goes on
    const { page } = this.#ports;
    const flow: Flow = {
      config: {},
      id: `${page.id}-${++flowsMade}`,
      scope: new Scope(page.clock),
      projectId: '',
      loadedMs: 0,
      secrets: new Set(),
      foreign: new Set(),
      landing: new Map(),
      over: false,
      timers: new Map(),
    };
    this.#flow = flow;
    // A microtask later, so properties set right after `append()` are seen.
    queueMicrotask(() => this.#host.isConnected && this.#begin(flow));
  }

  hostDisconnected(): void {
    // A removal ends everything; a move (re-added before this microtask) does not.
    queueMicrotask(() => !this.#host.isConnected && this.#teardown());
  }

  /** The primary button. Synchronous up to `create()`, so the click's user activation holds. */
  click(): void {
    const flow = this.#flow;
    const { state } = this;
    const { page } = this.#ports;
    // Read in this task: another flow's start on these options' process may have voided them.
    const processId = state.name === 'ready' ? state.offer.processId : undefined;
    const voided = !!flow && processId !== undefined && startedByAnother(page.storage(), flow.projectId, processId, flow.id);
    this.#dispatch({ type: 'click', now: page.clock.mono(), wallNow: page.clock.now(), voided });
  }

  /** "Not now", or "Continue" after a final error. */
  skip(): void {
    this.#dispatch({ type: 'skip' });
  }

  /** Continue on the success card. */
  dismiss(): void {
    this.#dispatch({ type: 'continue' });
  }

  /** The explanation was opened (telemetry). */
  learnMore(): void {
    this.#dispatch({ type: 'learn-more' });
  }

  #begin(flow: Flow): void {
    const cfg = (flow.config = this.#host.appendConfig);
    const { page } = this.#ports;
    flow.loadedMs = page.clock.now();
    flow.projectId = cfg.projectId ?? '';
    let problem: CorbadoAppendError | 'snoozed' | 'unsupported' | undefined;
    try {
      flow.client = this.#ports.client(resolveApiBaseUrl(cfg.projectId, cfg.frontendApiUrl), flow.projectId);
      if (this.#ports.snoozed(flow.projectId, cfg.snoozeDays)) problem = 'snoozed';
      else if (!this.#ports.webAuthnAvailable()) problem = 'unsupported';
    } catch (e) {
      problem = toAppendError(e);
    }
    // Another flow's start on the process this flow uses — now, or later: that start may still be
    // on its way — voids its options (claims.ts).
    flow.unsubscribe = page.onStart((projectId, processId, by) => {
      if (projectId !== flow.projectId || by === flow.id) return;
      flow.foreign.add(processId);
      if (processId === flow.process?.id) this.#deliver(flow, { type: 'voided' });
    });
    this.#dispatch({ type: 'start', ...(problem ? { problem } : {}) });
  }

  /**
   * The configuration read when the flow began, with the element's `appendTokenProvider` of now:
   * it is asked for each token (a page may set it right after connecting, or replace it). Whether
   * options that die can be renewed is decided as they arrive (`Offer.renewable`): a provider set
   * only after an offer made with a single-use `append-token` is not asked for that offer.
   */
  #config(flow: Flow): AppendConfig {
    return { ...flow.config, appendTokenProvider: this.#host.appendConfig.appendTokenProvider };
  }

  /** Abort requests, ceremonies and timers; forget the flow. Fires nothing but the reflected state. */
  #teardown(): void {
    const flow = this.#flow;
    if (!flow) return;
    this.#run(flow, { type: 'stop' });
    flow.scope.dispose();
    flow.unsubscribe?.();
    this.#flow = undefined;
    this.state = { name: 'idle' };
    this.#host.emit('corbado-append-state', { state: 'idle' });
  }

  /** One move of the table at a time; events raised while its effects run wait their turn. */
  #dispatch(event: FlowEvent): void {
    if (this.#queue) return void this.#queue.push(event);
    this.#queue = [event];
    try {
      for (let next; (next = this.#queue.shift());) this.#move(next);
    } finally {
      this.#queue = undefined;
    }
  }

  #move(event: FlowEvent): void {
    // Timers come late (a frozen or throttled page, a sleeping device): whatever happens next, the
    // options' deadline is read off the clocks first — monotonic and wall, a sleeping phone may stop
    // the one — so nothing starts on options past it.
    const s = this.state;
    // (A credential in hand is never held back by it: it is finished, and the server decides. A
    // click reads the deadline itself: the renewal it makes is the user's, said if it fails.)
    const exempt =
      event.type === 'expired' ||
      event.type === 'created' ||
      event.type === 'conditional-created' ||
      event.type === 'late-created' ||
      event.type === 'click';
    if ((s.name === 'ready' || s.name === 'creating') && !exempt && this.#overdue !== s.offer) {
      const { clock } = this.#ports.page;
      if (clock.mono() >= s.offer.deadlineMs || clock.now() >= (s.offer.wallDeadlineMs ?? Infinity)) {
        this.#overdue = s.offer;
        this.#move({ type: 'expired' });
      }
    }
    let move: Move;
    try {
      move = transition(this.state, event);
    } catch (e) {
      move = this.#broken(e);
    }
    const before = PUBLIC_STATE[this.state.name];
    // Taken before the new state may hide the element (and the browser moves focus away).
    const hadFocus = move.effects.some((e) => e.type === 'focus' && e.to === 'after') && this.#host.holdsFocus();
    this.state = move.state;
    if (PUBLIC_STATE[move.state.name] !== before) this.#host.emit('corbado-append-state', { state: PUBLIC_STATE[move.state.name] });
    /** The default of the last cancelable event was not prevented. */
    let proceed = true;
    /** Where focus goes once this move is rendered. */
    let focus: FocusTarget | undefined;
    for (const effect of move.effects) {
      if (!this.#flow) break;
      try {
        if (effect.type === 'focus') {
          if (effect.to !== 'after' || (hadFocus && proceed)) focus = effect.to;
        } else {
          const proceeded = this.#run(this.#flow, effect);
          if (effect.type === 'emit') proceed = proceeded !== false;
        }
      } catch (e) {
        console.error('[corbado-append] effect failed', effect.type, e);
      }
    }
    this.#host.requestUpdate();
    if (focus) this.#host.moveFocus(focus);
  }

  /** A move that threw (a bug): the flow ends where the user has a way on. */
  #broken(e: unknown): Move {
    console.error('[corbado-append] flow error', e);
    const s = this.state;
    if (s.name === 'success' || s.name === 'error' || s.name === 'skipped' || s.name === 'idle') return { state: s, effects: [] };
    const error = toAppendError(e);
    const stop: Effect = { type: 'stop' };
    if (s.name === 'loading') {
      const detail = { status: 'skip-implicit', reason: 'error' } as const;
      return {
        state: { name: 'skipped', reason: 'error' },
        effects: [stop, { type: 'report', error }, { type: 'emit', event: 'corbado-append-skip', detail }],
      };
    }
    return { state: { name: 'error', error }, effects: [stop, { type: 'report', error }] };
  }

  /** Deliver the outcome of an init or load step: its event, or `load-failed`, unless `scope` was disposed meanwhile. */
  #step(flow: Flow, scope: Scope, step: Promise<FlowEvent>, fresh = false): void {
    const now = () => this.#ports.page.clock.mono();
    step.then(
      (e) => this.#deliver(flow, e, scope),
      (e) => {
        const { error, suspect, gone } = e instanceof LoadFailure ? e : new LoadFailure(toAppendError(e));
        const failed = { error, now: now(), ...(suspect ? { suspect } : {}), ...(gone ? { gone } : {}), ...(fresh ? { fresh } : {}) };
        this.#deliver(flow, { type: 'load-failed', ...failed }, scope);
      },
    );
  }

  /**
   * The guard against stale outcomes of a flow's work — loads, finishes, timers: deliver what
   * `flow`'s work in `scope` (a load's own scope, else the flow's) brought, unless the flow is over
   * or that work was superseded (its scope disposed). A ceremony's outcome is first matched to the
   * ceremony still running (`#ceremony`); the table ignores what a state has no move for.
   */
  #deliver(flow: Flow, event: FlowEvent, scope: Scope = flow.scope): void {
    if (this.#flow === flow && !flow.scope.disposed && !scope.disposed) this.#dispatch(event);
  }

  /**
   * Use `process` from now on (letting go of the one before); a claim it loses, or another flow's
   * start on it this flow has seen marked, voids its options.
   */
  #hold(flow: Flow, process: HeldProcess): void {
    const before = flow.process;
    flow.process = process;
    if (before && before.claim !== process.claim && !flow.landing.has(before.id)) before.claim?.release();
    if (process.claim) process.claim.onLost = () => flow.process === process && this.#deliver(flow, { type: 'voided' });
    if (flow.over) this.#releaseIfDone(flow);
    else if (flow.foreign.has(process.id)) this.#deliver(flow, { type: 'voided' });
  }

  /** The claim goes once the flow is over and nothing of it can land on its process. */
  #releaseIfDone(flow: Flow): void {
    if (flow.over && !(flow.process && flow.landing.has(flow.process.id))) flow.process?.claim?.release();
  }

  /**
   * Something of `flow` may land on `processId` from now on: its claim stays held and the process
   * marked in use (a finish's mark, which does not age: claims.ts) — so no flow, of any tab, starts
   * on it and voids the challenge — until the returned call, once for each such thing.
   */
  #landing(flow: Flow, processId: string | undefined): () => void {
    if (!processId) return () => undefined;
    const { page } = this.#ports;
    const entry = flow.landing.get(processId) ?? { count: 0, claim: flow.process?.id === processId ? flow.process.claim : undefined };
    entry.count++;
    flow.landing.set(processId, entry);
    page.markStart(flow.projectId, processId, flow.id, true);
    let landed = false;
    return () => {
      if (landed) return;
      landed = true;
      if (--entry.count > 0) return;
      flow.landing.delete(processId);
      page.markDone(flow.projectId, processId, flow.id);
      if (flow.over || flow.process?.id !== processId) entry.claim?.release();
    };
  }

  /** init, or a process of this flow's own (`fresh`), held by this flow when it resolves. */
  #openProcess(flow: Flow, scope: Scope, opts: { fresh?: boolean; gone?: string; forInit: Promise<unknown> | undefined }) {
    const ports = this.#ports;
    const full = () => ports.clientInformation(flow.projectId, true);
    return initProcess({
      config: flow.config,
      client: flow.client!,
      projectId: flow.projectId,
      scope,
      page: ports.page,
      info: opts.forInit ? () => opts.forInit as ReturnType<typeof full> : full,
      ...(opts.fresh ? { fresh: true } : {}),
      ...(opts.gone ? { gone: opts.gone } : {}),
      // A resume may void the process's challenge (Corbado's contract does not say): marked like a start.
      marking: (processId) => ports.page.markStart(flow.projectId, processId, flow.id),
      flowId: flow.id,
    }).then((opened) => {
      this.#hold(flow, opened.process);
      return opened;
    });
  }

  /** Runs one effect (but `focus`, which the move places once rendered); an `emit` returns whether the page let its default happen. */
  #run(flow: Flow, effect: Exclude<Effect, { type: 'focus' }>): boolean | void {
    const { scope, client } = flow;
    const { page } = this.#ports;
    switch (effect.type) {
      case 'init': {
        const config = this.#config(flow);
        // A kept process sends no init (init.ts): only the probes the offer reads; no token if it declined.
        const kept = effect.fresh ? undefined : liveProcess(page.storage(), flow.projectId, page.clock.now());
        if (config.earlyToken && config.appendTokenProvider && kept?.appendAllowed !== false) {
          // reported when the offer awaits it, if ever
          (flow.earlyToken = appendToken(config, scope, flow.secrets)).catch(() => undefined);
        }
        const info = this.#ports.clientInformation(flow.projectId, !kept);
        flow.env = info.then((i) => this.#ports.offerEnv(i));
        const gone = effect.fresh ? flow.process?.id : undefined;
        const opened = this.#openProcess(flow, scope, { fresh: effect.fresh, gone, forInit: kept ? undefined : info });
        return this.#step(
          flow,
          scope,
          opened.then((o) => ({ type: 'init-done', appendAllowed: o.appendAllowed, ...(o.kept ? { kept: true } : {}) })),
        );
      }
      case 'load-offer': {
        flow.load?.dispose(); // superseded: its outcome is nobody's
        const load = (flow.load = scope.child());
        const { earlyToken } = flow;
        flow.earlyToken = undefined; // single use: the first offer's
        return this.#step(flow, load, this.#loadOffer(flow, load, effect.fresh === true, earlyToken), effect.fresh);
      }
      case 'create':
        return this.#ceremony(flow, 'modal', effect.offer);
      case 'create-conditional':
        return this.#ceremony(flow, 'conditional', effect.offer);
      case 'abort':
        return this.#abort(flow, effect.ceremony);
      case 'finish':
        return this.#finish(flow, effect);
      case 'later': {
        flow.timers.get(effect.slot)?.();
        const cancel = scope.later(effect.atMs === undefined ? (effect.ms ?? 0) : effect.atMs - page.clock.mono(), () =>
          this.#deliver(flow, effect.event),
        );
        return void flow.timers.set(effect.slot, cancel);
      }
      case 'cancel':
        flow.timers.get(effect.slot)?.();
        return void flow.timers.delete(effect.slot);
      case 'emit':
        return this.#host.emit(effect.event, effect.detail);
      case 'complete': {
        const clientState = encodeClientState(page.storage(), flow.projectId, flow.lastLogin);
        return void this.#host.emit('corbado-append-complete', { ...effect.detail, clientState });
      }
      case 'report':
        return void this.#host.emit('corbado-append-error', errorDetail(effect.error, flow.secrets));
      case 'track': {
        const { type: _, ...event } = effect;
        return void (client?.processId && client.event(event, scope.signal));
      }
      case 'then':
        return this.#dispatch(effect.event);
      case 'snooze':
        return this.#ports.snooze(flow.projectId, effect.on ? flow.config.snoozeDays : 0);
      case 'stop':
        flow.over = true;
        flow.timers.forEach((cancel) => cancel());
        flow.load?.dispose();
        this.#abort(flow, 'modal');
        this.#abort(flow, 'conditional');
        return this.#releaseIfDone(flow);
    }
  }

  /**
   * Token and start on the process this flow holds — first a process of its own when `fresh`,
   * when it holds none, when something of this flow may still land on it, or when the held one
   * dies within `PROCESS_MARGIN_MS` (init.ts). A start answer settles the undecided finishes it
   * can (reconcile.ts).
   */
  async #loadOffer(flow: Flow, scope: Scope, fresh: boolean, earlyToken: Promise<string> | undefined) {
    const ports = this.#ports;
    const { page } = ports;
    let held = flow.process;
    const left = (held?.deadlineMs ?? Infinity) - page.clock.mono();
    const dying = left < PROCESS_MARGIN_MS && left < (held?.lifetimeMs ?? Infinity) / 4;
    // A passkey of this flow may still land on it (a ceremony stopped too late, a finish): a start
    // there would void its challenge.
    const busy = held !== undefined && flow.landing.has(held.id);
    if (fresh || dying || busy || !held) {
      const opened = await this.#openProcess(flow, scope, { fresh: true, gone: dying ? held?.id : undefined, forInit: undefined });
      if (!opened.appendAllowed) return { type: 'no-offer' } as const;
      held = opened.process;
    }
    const process = held;
    const hostname = ports.hostname();
    return loadOffer({
      config: this.#config(flow),
      client: flow.client!,
      process,
      marking: () => {
        page.markStart(flow.projectId, process.id, flow.id);
        return () => page.markDone(flow.projectId, process.id, flow.id);
      },
      scope,
      loadedMs: flow.loadedMs,
      hostname,
      env: flow.env!,
      secrets: flow.secrets,
      ...(earlyToken ? { earlyToken } : {}),
      answered: (options, receivedAtMs, serverNowMs) =>
        void settleUndecided(
          page.storage(),
          flow.projectId,
          options,
          hostname,
          receivedAtMs,
          (rpId, id) => ports.signalUnknownCredential(rpId, id),
          (id, flagged) => page.claims.finishRunning(id, flagged),
          serverNowMs,
        ),
    });
  }

  /**
   * The finish rules (finish.ts) on timers the flow's removal does not clear; the flow's claim is
   * kept until it ends. The credential is remembered for reconciliation (reconcile.ts) until the
   * finish decides — so a tab closed meanwhile leaves it remembered; a confirmed `passkeyOperation`
   * is kept as Corbado's last login, however the flow ended meanwhile.
   */
  #finish(flow: Flow, effect: Extract<Effect, { type: 'finish' }>): void {
    const { page } = this.#ports;
    // Its own client: to the process and base its options came from, whatever process the flow
    // moves to meanwhile (a renewal on a process of its own, a failed init).
    const client = effect.apiBase ? this.#ports.client(effect.apiBase, flow.projectId) : flow.client!;
    if (effect.processId) client.processId = effect.processId;
    const rpId = effect.rpId ?? this.#ports.hostname();
    const { serverClock } = effect;
    /**
     * The record of this credential, to be settled `inMs` from now: kept across pages, so on the
     * wall clock — and on the server's, where known, as late as either of this page's clocks puts it.
     */
    const record = (inMs: number, running: boolean): Undecided => {
      const { clock } = page;
      const serverNow = serverClock && Math.max(clock.now() + serverClock.wallMs, clock.mono() + serverClock.monoMs);
      return {
        id: effect.credentialId,
        rpId,
        userId: effect.userId,
        after: clock.now() + inMs,
        ...(serverNow === undefined ? {} : { afterServer: serverNow + inMs }),
        ...(running ? { running: true as const } : {}),
      };
    };
    rememberUndecided(page.storage(), flow.projectId, record(effect.deadlineMs - page.clock.mono() + FINISH_TAIL_MS + SETTLE_MS, true));
    // Held while it runs, and a while after an undecided end (a request it gave up on may still land).
    const running = page.claims.holdFinish(effect.credentialId);
    // Its process is in use while its attempts may land: held, and marked like a start (not done),
    // so a page opened meanwhile — this tab reloaded, say — starts on a process of its own (claims.ts).
    const { processId } = effect;
    const landed = this.#landing(flow, processId);
    const attempt = () => {
      // Marked again (a flow without Web Locks may have marked a start since), and the record kept
      // past this attempt's end while it may still be on its way (`IN_FLIGHT_MS`) — the rules may
      // go on long after the deadline (`Retry-After`), and a closed tab's record must not be
      // settled while it may land.
      if (processId) page.markStart(flow.projectId, processId, flow.id, true);
      postponeUndecided(page.storage(), flow.projectId, record(IN_FLIGHT_MS, true));
    };
    const deps = {
      send: () => (attempt(), client.finish(effect.request).then(({ data }) => data.passkeyOperation)),
      wait: (ms: number) => sleep(page.clock, ms),
      now: () => page.clock.mono(),
      signalUnknown: () => this.#ports.signalUnknownCredential(rpId, effect.credentialId),
    };
    void finishAttestation(deps, effect.deadlineMs).then((outcome) => {
      const store = page.storage();
      const at = page.clock.now();
      if (outcome.kind === 'confirmed') flow.lastLogin = storeLastLogin(store, flow.projectId, outcome.passkeyOperation, at);
      // Undecided, or refused *as already used* (a challenge spent — by this credential, most
      // likely): the next offer confirms it or signals it away (reconcile.ts). A late request may
      // still land for a while: held till then.
      // Flagged running till then too: a page without Web Locks cannot see this page's hold, and
      // its wall clock (set forward, say) must not be what lets it settle the credential early.
      if (outcome.kind === 'undecided' || outcome.kind === 'unconfirmed') {
        const settled = record(SETTLE_MS, false);
        rememberUndecided(store, flow.projectId, { ...settled, running: true });
        page.clock.setTimeout(() => {
          const kept = page.storage();
          if (loadUndecided(kept, flow.projectId).some((u) => u.id === effect.credentialId)) {
            rememberUndecided(kept, flow.projectId, settled);
          }
          running.release();
          landed();
        }, SETTLE_MS);
      } else {
        forgetUndecided(store, flow.projectId, effect.credentialId);
        running.release();
        landed();
      }
      const completionType = effect.request.completionType;
      this.#deliver(flow, effect.aside ? { type: 'finished-aside', outcome, completionType } : { type: 'finish-done', outcome });
    });
  }

  /** Start a ceremony now (no `await` before `create()`); the table guards it with a watchdog or a time-box. */
  #ceremony(flow: Flow, kind: 'modal' | 'conditional', offer: Offer): void {
    let ceremony: Ceremony;
    try {
      ceremony = this.#ports.runCeremony(offer.options, kind === 'conditional');
    } catch (err) {
      // `create()` could not even be called (a page that replaced `navigator.credentials`, say).
      const failure = classifyCeremonyError(err, offer.limit);
      return this.#dispatch(kind === 'modal' ? { type: 'create-failed', failure } : { type: 'conditional-failed' });
    }
    const running: Running = { ceremony, offer };
    flow[kind] = running;
    const s = this.state;
    const completionType = kind === 'conditional' ? 'conditional' : s.name === 'creating' ? s.completionType : 'manual';
    // A ceremony we aborted or replaced is no longer `flow[kind]`: its failure is nobody's.
    const settle = (event: () => FlowEvent) => {
      if (flow[kind] !== running) return;
      flow[kind] = undefined;
      this.#deliver(flow, event());
    };
    ceremony.result.then(
      (response) => {
        if (flow[kind] === running) return settle(() => ({ type: kind === 'modal' ? 'created' : 'conditional-created', response }));
        // Its finish holds the process from here on.
        queueMicrotask(() => running.stopped?.());
        // Made although we had stopped waiting (the browser lost the race with our abort): a
        // passkey on the device is never dropped. The offer still shows these options: it is the
        // passkey (a ceremony running on them stops — a second one on the same challenge would be
        // refused); otherwise it is finished aside and the server decides.
        const now = this.state;
        if (this.#flow === flow && (now.name === 'ready' || now.name === 'creating') && now.offer === offer) {
          return this.#dispatch({ type: 'late-created', response, completionType });
        }
        this.#run(flow, finishEffect(offer, response, completionType, { aside: true }));
      },
      (err) => {
        running.stopped?.();
        settle(() =>
          kind === 'modal'
            ? { type: 'create-failed', failure: classifyCeremonyError(err, offer.limit, ceremony.facts()) }
            : { type: 'conditional-failed' },
        );
      },
    );
  }

  #abort(flow: Flow, kind: 'modal' | 'conditional'): void {
    const running = flow[kind];
    if (!running) return;
    flow[kind] = undefined;
    // The browser may lose the race with the abort and hand over a passkey made on these options
    // all the same: till the ceremony's outcome arrives, its process is held and marked in use.
    running.stopped = this.#landing(flow, running.offer.processId);
    try {
      running.ceremony.abort();
    } catch {
      /* aborted as far as we are concerned: its outcome is ignored */
    }
  }
}
