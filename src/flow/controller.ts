/**
 * The append flow as a Lit reactive controller: it holds the flow's state, feeds every event
 * through `transition()` and runs the effects that come back — requests, ceremonies, timers —
 * turning their outcomes into events again. Everything a flow starts belongs to its `Scope`;
 * removal of the element disposes it.
 */
import type { ReactiveController } from 'lit';
import { resolveApiBaseUrl } from '../api/config.js';
import { encodeClientState, liveProcess } from '../api/client-state.js';
import { CorbadoAppendError, errorDetail, toAppendError } from '../errors.js';
import { classifyCeremonyError, type Ceremony } from '../webauthn/ceremony.js';
import { initProcess } from './init.js';
import { appendToken, loadOffer, type OfferEnv } from './load-offer.js';
import type { AppendHost, FlowPorts } from './ports.js';

export type { AppendHost } from './ports.js';
import { finishAttestation } from './finish.js';
import { Scope, clampDelay } from './scope.js';
import { transition } from './transition.js';
import { PUBLIC_STATE, type Effect, type FlowEvent, type FlowState, type Offer } from './types.js';

/** Conditional create gets this long (relative ms) before we fall through to the normal offer. */
export const CONDITIONAL_TIMEBOX_MS = 3000;

/** A running ceremony and the timer that guards it. */
interface Running {
  ceremony: Ceremony;
  cancelTimer(): void;
}

/** Everything one flow (connect → removal) owns. */
interface Flow {
  scope: Scope;
  projectId: string;
  client?: ReturnType<FlowPorts['client']>;
  /** A token asked for in parallel with init (`earlyToken`), until the first offer takes it. */
  earlyToken?: Promise<string>;
  /** What the probes found that the offer needs; settles in parallel with init, token and start. */
  env?: Promise<OfferEnv>;
  /** Unix ms at which the element was connected (`connectAppendStartReq.loadedMs`). */
  loadedMs: number;
  /** Append tokens used: never repeated in what is reported (a server may echo them). */
  secrets: Set<string>;
  modal?: Running;
  conditional?: Running;
  /** Cancels of the pending `later` timers, by slot. */
  timers: Map<string, () => void>;
}

export class AppendController implements ReactiveController {
  /** Where the flow is; the element renders from this alone. */
  state: FlowState = { name: 'idle' };
  private flow?: Flow;
  private queue: FlowEvent[] | undefined;

  constructor(
    private readonly host: AppendHost,
    private readonly ports: FlowPorts,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.flow) return; // moved within the page (removed and re-added in one task): the flow goes on
    const flow: Flow = { scope: new Scope(), projectId: '', loadedMs: 0, secrets: new Set(), timers: new Map() };
    this.flow = flow;
    // A microtask later, so properties set right after `append()` are seen.
    queueMicrotask(() => this.host.isConnected && this.begin(flow));
  }

  hostDisconnected(): void {
    // A removal ends everything; a move (re-added before this microtask) does not.
    queueMicrotask(() => !this.host.isConnected && this.teardown());
  }

  /** The primary button. Synchronous up to `create()`, so the click's user activation holds. */
  click(): void {
    this.dispatch({ type: 'click', now: Date.now() });
  }

  /** "Not now", or "Continue" after a final error. */
  skip(): void {
    this.dispatch({ type: 'skip' });
  }

  /** The explanation was opened (telemetry). */
  learnMore(): void {
    this.dispatch({ type: 'learn-more' });
  }

  private begin(flow: Flow): void {
    const cfg = this.host.appendConfig;
    flow.loadedMs = Date.now();
    flow.projectId = cfg.projectId ?? '';
    let problem: CorbadoAppendError | 'snoozed' | 'unsupported' | undefined;
    try {
      flow.client = this.ports.client(resolveApiBaseUrl(cfg.projectId, cfg.frontendApiUrl), flow.projectId);
      if (this.ports.snoozed(flow.projectId, cfg.snoozeDays)) problem = 'snoozed';
      else if (!this.ports.webAuthnAvailable()) problem = 'unsupported';
    } catch (e) {
      problem = toAppendError(e);
    }
    this.dispatch({ type: 'start', ...(problem ? { problem } : {}) });
  }

  /** Abort requests, ceremonies and timers; forget the flow. Fires nothing but the reflected state. */
  private teardown(): void {
    const flow = this.flow;
    if (!flow) return;
    this.run(flow, { type: 'stop' });
    flow.scope.dispose();
    this.flow = undefined;
    this.state = { name: 'idle' };
    this.host.emit('corbado-append-state', { state: 'idle' });
  }

  /** One move of the table; events raised while its effects run wait their turn. */
  private dispatch(event: FlowEvent): void {
    if (this.queue) return void this.queue.push(event);
    this.queue = [event];
    for (let next; (next = this.queue.shift());) {
      const { state, effects } = transition(this.state, next);
      const before = PUBLIC_STATE[this.state.name];
      this.state = state;
      if (PUBLIC_STATE[state.name] !== before) this.host.emit('corbado-append-state', { state: PUBLIC_STATE[state.name] });
      for (const effect of effects) if (this.flow) this.run(this.flow, effect);
      this.host.requestUpdate();
    }
    this.queue = undefined;
  }

  /** Deliver the outcome of an init or load step: its event, or `load-failed`. */
  private step(flow: Flow, step: Promise<FlowEvent>): void {
    step.then(
      (e) => this.deliver(flow, e),
      (e) => this.deliver(flow, { type: 'load-failed', error: toAppendError(e), now: Date.now() }),
    );
  }

  /** Deliver an outcome of `flow`'s work, unless that flow is over. */
  private deliver(flow: Flow, event: FlowEvent): void {
    if (this.flow === flow && !flow.scope.disposed) this.dispatch(event);
  }

  private run(flow: Flow, effect: Effect): void {
    const { scope, client } = flow;
    switch (effect.type) {
      case 'init': {
        const config = this.host.appendConfig;
        // A kept process sends no init (init.ts): only the probes the offer reads; no token if it declined.
        const kept = effect.fresh ? undefined : liveProcess(flow.projectId, Date.now());
        if (config.earlyToken && config.appendTokenProvider && kept?.appendAllowed !== false) {
          (flow.earlyToken = appendToken(config, scope)).catch(() => undefined); // reported when the offer awaits it, if ever
        }
        const info = this.ports.clientInformation(flow.projectId, !kept);
        flow.env = info.then((i) => this.ports.offerEnv(i));
        return this.step(flow, initProcess({ config, client: client!, projectId: flow.projectId, scope, info, fresh: effect.fresh }));
      }
      case 'load-offer': {
        const { earlyToken } = flow;
        flow.earlyToken = undefined; // single use: the first offer's
        const config = this.host.appendConfig;
        return this.step(
          flow,
          loadOffer({ ...flow, earlyToken, client: client!, config, hostname: this.ports.hostname(), env: flow.env! }),
        );
      }
      case 'create':
        return this.ceremony(flow, 'modal', effect.offer);
      case 'create-conditional':
        return this.ceremony(flow, 'conditional', effect.offer);
      case 'abort':
        return this.abort(flow, effect.ceremony);
      case 'finish': {
        // Not the flow's scope: the finish outlives the element (finish.ts).
        const deps = {
          send: () => client!.finish(effect.request).then(({ data }) => data.passkeyOperation),
          wait: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, clampDelay(ms))),
          signalUnknown: () => this.ports.signalUnknownCredential(effect.rpId ?? this.ports.hostname(), effect.credentialId),
        };
        const done = finishAttestation(deps, effect.deadlineMs, flow.projectId);
        return void done.then((outcome) => this.deliver(flow, { type: 'finish-done', outcome }));
      }
      case 'later': {
        flow.timers.get(effect.slot)?.();
        const cancel = scope.later(effect.atMs === undefined ? (effect.ms ?? 0) : effect.atMs - Date.now(), () =>
          this.deliver(flow, effect.event),
        );
        return void flow.timers.set(effect.slot, cancel);
      }
      case 'emit':
        return this.host.emit(effect.event, effect.detail);
      case 'complete':
        return this.host.emit('corbado-append-complete', { ...effect.detail, clientState: encodeClientState(flow.projectId) });
      case 'report':
        return this.host.emit('corbado-append-error', errorDetail(effect.error, flow.secrets));
      case 'track': {
        const { type: _, ...event } = effect;
        return void (client?.processId && client.event(event, scope.signal));
      }
      case 'then':
        return this.dispatch(effect.event);
      case 'snooze':
        return this.ports.snooze(flow.projectId, effect.on ? this.host.appendConfig.snoozeDays : 0);
      case 'stop':
        flow.timers.forEach((cancel) => cancel());
        this.abort(flow, 'modal');
        return this.abort(flow, 'conditional');
    }
  }

  /** Start a ceremony now (no `await` before `create()`), guarded by the watchdog or the time-box. */
  private ceremony(flow: Flow, kind: 'modal' | 'conditional', offer: Offer): void {
    const ceremony = this.ports.runCeremony(offer.options, kind === 'conditional');
    const guardMs = kind === 'conditional' ? CONDITIONAL_TIMEBOX_MS : offer.watchdogMs;
    const running: Running = {
      ceremony,
      cancelTimer: flow.scope.later(guardMs, () => {
        this.abort(flow, kind);
        this.deliver(flow, { type: kind === 'modal' ? 'watchdog' : 'conditional-failed' });
      }),
    };
    flow[kind] = running;
    // The one guard against stale outcomes: a ceremony we aborted or replaced is no longer `flow[kind]`.
    const settle = (event: FlowEvent) => {
      if (flow[kind] !== running) return;
      flow[kind] = undefined;
      running.cancelTimer();
      this.deliver(flow, event);
    };
    ceremony.result.then(
      (response) => settle({ type: kind === 'modal' ? 'created' : 'conditional-created', response }),
      (err) =>
        settle(
          kind === 'modal'
            ? { type: 'create-failed', failure: classifyCeremonyError(err, offer.limit, ceremony.facts()) }
            : { type: 'conditional-failed' },
        ),
    );
  }

  private abort(flow: Flow, kind: 'modal' | 'conditional'): void {
    const running = flow[kind];
    if (!running) return;
    flow[kind] = undefined;
    running.cancelTimer();
    running.ceremony.abort();
  }
}
