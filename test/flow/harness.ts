/**
 * The flow controller under Node: a stand-in element (host), stand-in browser ports (API client,
 * probes, ceremonies) whose every call is recorded and answered by the test, and sinon's fake
 * clock. No DOM, no network, no real time.
 */
import sinon from 'sinon';
import type { AppendFinishRequest, AppendInitRequest, AppendStartRequest, ConnectEventRequest } from '../../src/api/types.js';
import type { AppendEventDetailMap } from '../../src/contract.js';
import { CorbadoAppendError } from '../../src/errors.js';
import { AppendController, type AppendHost } from '../../src/flow/controller.js';
import { makePage, type FlowPorts } from '../../src/flow/ports.js';
import { snoozeStore } from '../../src/flow/snooze.js';
import type { EnvironmentLimit } from '../../src/webauthn/environment.js';
import type { CeremonyFacts } from '../../src/webauthn/ceremony.js';
import type { AppendConfig } from '../../src/contract.js';
import { StandInHost } from './stand-in-host.js';
import { T0, offer, response, startResponse } from './fixtures.js';

/** Creation options as Corbado sends them (valid for `parseAttestationOptions`). */
export const ATTESTATION_OPTIONS = JSON.stringify({ publicKey: offer().options });

/** A promise the test settles. */
export function deferred<T>() {
  let resolve!: (v: T) => void, reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined); // a rejection nobody awaits is the test's choice, not a crash
  return { promise, resolve, reject };
}

type Answer<T> = () => Promise<T>;
/** A 2xx answer as the API client returns it. */
export const ok = <T>(data: T) =>
  Promise.resolve({ data, receivedAtMs: Date.now(), arrivedAt: Date.now(), roundTripMs: 0, serverDateMs: undefined });
/** A start answer with usable options and these decisions. */
export const startOk = (over: Parameters<typeof startResponse>[0] = {}) =>
  ok(startResponse({ attestationOptions: ATTESTATION_OPTIONS, expiresMs: Date.now() + 300_000, ...over }));
/** A finish answer. */
export const finishOk = () =>
  ok({ passkeyOperation: { operationType: 'append', identifierValue: 'u', identifierType: 'email', ceremonyType: 'local' } });

export interface CeremonyCall {
  conditional: boolean;
  aborted: boolean;
  settle: ReturnType<typeof deferred<ReturnType<typeof response>>>;
  /** What `facts()` reports; by default a ceremony that ran as long as a person takes (2 s), excluding nothing. */
  facts: CeremonyFacts;
}

export class Harness extends StandInHost {
  readonly clock = sinon.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  /** What the element fired, in order (the reflected `state` aside). */
  readonly fired: { type: keyof AppendEventDetailMap; detail: unknown }[] = [];
  /** Every request of the stand-in API client, with where it went (`baseUrl`) and its `X-Corbado-Process-ID`. */
  readonly requests: { endpoint: string; body: unknown; signal?: AbortSignal; baseUrl?: string; processId?: string }[] = [];
  readonly ceremonies: CeremonyCall[] = [];
  readonly signalled: { rpId: string; credentialId: string }[] = [];
  /** `[baseUrl, projectId]` of every API client made. */
  readonly clients: [string, string][] = [];
  reflected?: string;
  config: AppendConfig = {
    projectId: 'pro-1',
    frontendApiUrl: 'http://localhost:1',
    appendTokenProvider: () => Promise.resolve(`token-${++this.tokens}`),
  };
  /**
   * The stand-in `localStorage` (snooze, kept process, start marks…): the global one when a test
   * installed it (`memoryStorage()`), else this map.
   */
  readonly stored = new Map<string, string>();
  /** The page's `navigator.locks` stand-in; undefined: claims hold within the page only. */
  locks: import('../../src/flow/claims.js').LockManagerLike | undefined;
  conditionalCreate = false;
  /** The `forInit` argument of every probe request (false: only the offer's own probes). */
  probedForInit: boolean[] = [];
  limit: EnvironmentLimit | undefined;
  tokens = 0;

  /** Answers of the stand-in API, replaceable per test. */
  answer = {
    init: (() => ok({ processID: 'process-1', appendAllowed: true })) as Answer<unknown>,
    start: (() => startOk()) as Answer<unknown>,
    finish: finishOk as Answer<unknown>,
  };

  readonly controller: AppendController;

  constructor() {
    super();
    this.controller = new AppendController(this, this.ports());
  }

  /** The stand-in element is the harness itself. */
  get host(): this {
    return this;
  }

  emit: AppendHost['emit'] = (type, detail) => {
    if (type === 'corbado-append-state') this.reflected = (detail as { state: string }).state;
    if (this.isConnected) this.fired.push({ type, detail });
    return !this.prevent.has(type);
  };

  /** Events whose default the stand-in page prevents. */
  readonly prevent = new Set<string>();

  /** What the page's storage is now. */
  private store(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
    const global = (globalThis as { localStorage?: Storage }).localStorage;
    return (
      global ?? {
        getItem: (k) => this.stored.get(k) ?? null,
        setItem: (k, v) => void this.stored.set(k, v),
        removeItem: (k) => void this.stored.delete(k),
      }
    );
  }

  private ports(): FlowPorts {
    let page: ReturnType<typeof makePage> | undefined;
    // Made on first use, so a test may set `locks` after the harness was made.
    const thePage = () =>
      (page ??= makePage({
        id: 'page',
        // The global timers and Date, which sinon fakes.
        // One fake time line: the monotonic clock is the fake Date too.
        clock: {
          now: () => Date.now(),
          mono: () => Date.now(),
          setTimeout: (fn, ms) => setTimeout(fn, ms),
          clearTimeout: (h) => clearTimeout(h as never),
        },
        storage: () => this.store(),
        locks: this.locks,
      }));
    return {
      get page() {
        return thePage();
      },
      client: (baseUrl, projectId) => {
        this.clients.push([baseUrl, projectId]);
        // Like FrontendApiClient: every request goes to `baseUrl` with `processId`; init sets `processId`.
        const client: ReturnType<FlowPorts['client']> = {
          baseUrl,
          configuredBaseUrl: baseUrl,
          processId: undefined,
          init: (body: AppendInitRequest, signal?: AbortSignal) =>
            this.record('init', client, body, signal).then((res) => {
              client.processId = (res as { data: { processID: string } }).data.processID;
              return res as never;
            }),
          start: (body: AppendStartRequest, signal?: AbortSignal) => this.record('start', client, body, signal) as never,
          finish: (body: AppendFinishRequest, signal?: AbortSignal) => this.record('finish', client, body, signal) as never,
          event: (body: ConnectEventRequest) =>
            void this.requests.push({ endpoint: 'events', body, baseUrl: client.baseUrl, processId: client.processId }),
        };
        return client;
      },
      clientInformation: (_projectId, forInit) => {
        this.probedForInit.push(forInit);
        return Promise.resolve({ clientCapabilities: { conditionalCreate: this.conditionalCreate } });
      },
      webAuthnAvailable: () => true,
      runCeremony: (_options, conditional) => {
        const call: CeremonyCall = { conditional, aborted: false, settle: deferred(), facts: { elapsedMs: 2000, excludeCredentials: 0 } };
        this.ceremonies.push(call);
        return { result: call.settle.promise, abort: () => void (call.aborted = true), facts: () => call.facts };
      },
      signalUnknownCredential: (rpId, credentialId) => void this.signalled.push({ rpId, credentialId }),
      hostname: () => 'localhost',
      offerEnv: (info) => ({ conditionalCreate: info.clientCapabilities?.conditionalCreate === true, limit: this.limit }),
      ...snoozeStore(() => this.store()),
    };
  }

  private record(
    endpoint: 'init' | 'start' | 'finish',
    client: { baseUrl: string; processId?: string },
    body: unknown,
    signal?: AbortSignal,
  ) {
    this.requests.push({ endpoint, body, signal, baseUrl: client.baseUrl, processId: client.processId });
    return abortable(this.answer[endpoint](), signal);
  }

  /** Connect and run until the flow waits (for the user, a timer or an answer). */
  async mount(): Promise<void> {
    this.host.connect();
    await this.settle();
  }

  /** Let every pending promise and due timer run (no clock advance). */
  settle(): Promise<void> {
    return this.clock.tickAsync(0).then(() => undefined);
  }

  /** Advance the fake clock by `ms`, running timers and promises in between. */
  async tick(ms: number): Promise<void> {
    await this.clock.tickAsync(ms);
  }

  get state(): string {
    return this.controller.state.name;
  }

  of<K extends keyof AppendEventDetailMap>(type: K): AppendEventDetailMap[K][] {
    return this.fired.filter((e) => e.type === type).map((e) => e.detail as AppendEventDetailMap[K]);
  }

  sent(endpoint: string) {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  /** The last modal (or conditional) ceremony. */
  ceremony(conditional = false): CeremonyCall {
    const call = this.ceremonies.filter((c) => c.conditional === conditional).at(-1);
    if (!call) throw new Error(`no ${conditional ? 'conditional' : 'modal'} ceremony`);
    return call;
  }

  restore(): void {
    this.host.disconnect();
    this.clock.restore();
  }
}

/** Like fetch: rejects with the signal's reason once the caller aborts. */
function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    p.then(resolve, reject);
  });
}

/** An answer that never comes. */
export const never =
  <T>(): Answer<T> =>
  () =>
    new Promise<T>(() => undefined);

/** A failed request as the API client reports it. */
export const failing =
  (code: 'api-unavailable' | 'api-rejected', status?: number): Answer<never> =>
  () =>
    Promise.reject(new CorbadoAppendError(code, `${code} ${status ?? 'no answer'}`, { status, recoverable: code === 'api-unavailable' }));

/**
 * A `localStorage` for Node (Web Storage semantics, one per call), installed on `globalThis`
 * until `restore()`: what the browser keeps between two visits of the page.
 */
export function memoryStorage(): Storage & { restore(): void } {
  const map = new Map<string, string>();
  const storage = {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, String(v)),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
    restore: () => void delete (globalThis as { localStorage?: Storage }).localStorage,
  };
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
  return storage;
}
