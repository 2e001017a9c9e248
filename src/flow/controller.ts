/**
 * The append flow as a Lit reactive controller: it holds the flow's state, feeds every event
 * through `transition()` and runs the effects that come back — requests, ceremonies, timers —
 * turning their outcomes into events again. Everything a flow starts belongs to its `Scope`;
 * removal of the element disposes it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveApiBaseUrl } from '../api/config.js';
import type { ClientInformation } from '../api/types.js';
import type { AppendEventDetailMap } from '../components/events.js';
import { CorbadoAppendError, errorDetail, toAppendError } from '../errors.js';
import { classifyCeremonyError, type Ceremony } from '../webauthn/ceremony.js';
import { loadOffer, type AppendConfig } from './load-offer.js';
import type { FlowPorts } from './ports.js';
import { finishAttestation } from './finish.js';
import { Scope, clampDelay } from './scope.js';
import { transition } from './transition.js';
import { PUBLIC_STATE, type Effect, type FlowEvent, type FlowState, type Offer } from './types.js';

/** Conditional create gets this long (relative ms) before we fall through to the normal offer. */
export const CONDITIONAL_TIMEBOX_MS = 3000;

export interface AppendHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  readonly appendConfig: AppendConfig;
  /** Fire an element event (and its callback); `corbado-append-state` also reflects `state`. */
  emit<K extends keyof AppendEventDetailMap>(type: K, detail: AppendEventDetailMap[K]): void;
}

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
  info?: ClientInformation;
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
    let problem: CorbadoAppendError | 'unsupported' | undefined;
    try {
      flow.client = this.ports.client(resolveApiBaseUrl(cfg.projectId, cfg.frontendApiUrl), flow.projectId);
      if (!this.ports.webAuthnAvailable()) problem = 'unsupported';
    } catch (e) {
      problem = toAppendError(e);
    }
    this.dispatch({ type: 'start', ...(problem ? { problem } : {}) });
  }

  /** Abort requests, ceremonies and timers; forget the flow. Fires nothing but the reflected state. */
  private teardown(): void {
    const flow = this.flow;
    if (!flow) return;
    this.abort(flow, 'modal');
    this.abort(flow, 'conditional');
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

  /** Deliver an outcome of `flow`'s work, unless that flow is over. */
  private deliver(flow: Flow, event: FlowEvent): void {
    if (this.flow === flow && !flow.scope.disposed) this.dispatch(event);
  }

  private run(flow: Flow, effect: Effect): void {
    const { scope, client } = flow;
    switch (effect.type) {
      case 'init':
        return void this.init(flow);
      case 'load-offer':
        return void loadOffer({
          ...flow,
          client: client!,
          config: this.host.appendConfig,
          hostname: this.ports.hostname(),
          conditionalCreate: flow.info?.clientCapabilities?.conditionalCreate === true,
          limit: flow.info && this.ports.environmentLimit(flow.info),
        }).then(
          (e) => this.deliver(flow, e),
          (e) => this.deliver(flow, { type: 'load-failed', error: toAppendError(e), now: Date.now() }),
        );
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
        return void finishAttestation(deps, effect.deadlineMs).then((outcome) => this.deliver(flow, { type: 'finish-done', outcome }));
      }
      case 'later': {
        flow.timers.get(effect.slot)?.();
        const ms = effect.atMs === undefined ? (effect.ms ?? 0) : effect.atMs - Date.now();
        return void flow.timers.set(
          effect.slot,
          scope.later(ms, () => this.deliver(flow, effect.event)),
        );
      }
      case 'emit':
        return this.host.emit(effect.event, effect.detail);
      case 'report':
        return this.host.emit('corbado-append-error', errorDetail(effect.error, flow.secrets));
      case 'track': {
        const { type: _, ...event } = effect;
        return void (client?.processId && client.event(event, scope.signal));
      }
      case 'then':
        return this.dispatch(effect.event);
      case 'stop':
        flow.timers.forEach((cancel) => cancel());
        this.abort(flow, 'modal');
        return this.abort(flow, 'conditional');
    }
  }

  private async init(flow: Flow): Promise<void> {
    const cfg = this.host.appendConfig;
    try {
      flow.info = await this.ports.clientInformation(flow.projectId);
      flow.scope.signal.throwIfAborted();
      const { data } = await flow.client!.init(
        { clientInformation: flow.info, flags: {}, ...(cfg.situation ? { situation: cfg.situation } : {}) },
        flow.scope.signal,
      );
      if (data.newClientEnvHandle) this.ports.storeClientEnvHandle(flow.projectId, data.newClientEnvHandle);
      this.deliver(flow, { type: 'init-done', appendAllowed: data.appendAllowed });
    } catch (e) {
      this.deliver(flow, { type: 'load-failed', error: toAppendError(e), now: Date.now() });
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
