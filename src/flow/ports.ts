/**
 * The browser behind the flow: the real Frontend API client, probes, ceremonies and signals, and
 * the page the flow shares with other flows (its clock, `localStorage`, claims and start marks).
 * Tests under Node give the controller stand-ins for these instead — one page per simulated tab.
 */
import { loadClientEnvHandle, type Store } from '../api/client-state.js';
import { FrontendApiClient } from '../api/client.js';
import type { ClientInformation } from '../api/types.js';
import { runCeremony, type Ceremony } from '../webauthn/ceremony.js';
import { gatherClientInformation } from '../webauthn/client-info.js';
import { environmentLimit } from '../webauthn/environment.js';
import type { AppendConfig } from '../contract.js';
import type { OfferEnv } from './load-offer.js';
import type { ReactiveControllerHost } from 'lit';
import type { AppendEventDetailMap } from '../contract.js';
import { signalUnknownCredential, webAuthnAvailable } from '../webauthn/support.js';
import { snoozeStore, type SnoozePort } from './snooze.js';
import type { FocusTarget, Offer } from './types.js';
import { browserClock, type Clock } from '../clock.js';
import { markDone, markStart, parseStarts, processClaims, startsKey, type LockManagerLike, type ProcessClaims } from './claims.js';

/** What the flow needs from its element: its config, a way to fire its events, and focus. */
export interface AppendHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  /** Read once, when the flow begins. */
  readonly appendConfig: AppendConfig;
  /**
   * Fire an element event (and its callback); `corbado-append-state` also reflects `state`.
   * Returns false when the page prevented its default (a cancelable event: `APPEND_EVENTS`).
   */
  emit<K extends keyof AppendEventDetailMap>(type: K, detail: AppendEventDetailMap[K]): boolean;
  /** Keyboard focus is in the element now. */
  holdsFocus(): boolean;
  /** Move focus there once the element has rendered, if it is in the element or nowhere (`after`: on to what follows it). */
  moveFocus(to: FocusTarget): void;
}

/** What the flows of one page share. */
export interface PagePort {
  /** Unique among the pages of this device (flow IDs are made from it). */
  readonly id: string;
  readonly clock: Clock;
  /** The page's `localStorage`, or undefined where it cannot be had. */
  storage(): Store;
  readonly claims: ProcessClaims;
  /**
   * Mark `flowId`'s start on `processId` for every other flow: this page's and other tabs'
   * (claims.ts). `finishing`: a finish's attempt — its mark does not age until `markDone`.
   */
  markStart(projectId: string, processId: string, flowId: string, finishing?: boolean): void;
  /** `flowId`'s start on `processId` got its answer (or failed): it cannot land later. */
  markDone(projectId: string, processId: string, flowId: string): void;
  /** Call `listener` for every start another flow marks (this page's, or another tab's `storage` event); returns the unsubscribe. */
  onStart(listener: (projectId: string, processId: string, flowId: string) => void): () => void;
}

/** What the flow needs from the browser; `snoozed`/`snooze`: the remembered "Not now" (snooze.ts). */
export interface FlowPorts extends SnoozePort {
  readonly page: PagePort;
  client(
    baseUrl: string,
    projectId: string,
  ): Pick<FrontendApiClient, 'init' | 'start' | 'finish' | 'event' | 'processId' | 'baseUrl' | 'configuredBaseUrl'>;
  /** `forInit` false: no init will be sent (a kept process), probe only what the offer reads. */
  clientInformation(projectId: string, forInit: boolean): Promise<ClientInformation>;
  webAuthnAvailable(): boolean;
  runCeremony: (options: Offer['options'], conditional: boolean) => Ceremony;
  signalUnknownCredential(rpId: string, credentialId: string): void;
  hostname(): string;
  /** What the probes' `clientInformation` means for the offer (conditional create, environment limits). */
  offerEnv(info: ClientInformation): OfferEnv;
}

/**
 * A page over `storage` and `locks`: start marks reach this page's flows directly and other
 * pages through `storage` events (`subscribeStorage`); claims are let go in the back/forward cache.
 */
export function makePage(deps: {
  id: string;
  clock: Clock;
  storage: () => Store;
  locks: LockManagerLike | undefined;
  /** Listen for another page's `localStorage` changes (`storage` events: key, old and new value). */
  subscribeStorage?: (listener: (key: string | null, oldValue: string | null, newValue: string | null) => void) => void;
  lifecycle?: Parameters<typeof processClaims>[1];
}): PagePort {
  const listeners = new Set<(projectId: string, processId: string, flowId: string) => void>();
  const tell = (projectId: string, processId: string, flowId: string) => listeners.forEach((l) => l(projectId, processId, flowId));
  deps.subscribeStorage?.((key, oldValue, newValue) => {
    const prefix = startsKey('');
    if (!key?.startsWith(prefix)) return;
    const projectId = key.slice(prefix.length);
    // Only the marks this change made: older ones were there before any flow of this page began.
    const before = parseStarts(oldValue);
    for (const [processId, mark] of Object.entries(parseStarts(newValue))) {
      if (before[processId]?.flowId !== mark.flowId || before[processId]?.at !== mark.at) tell(projectId, processId, mark.flowId);
    }
  });
  return {
    id: deps.id,
    clock: deps.clock,
    storage: deps.storage,
    claims: processClaims(deps.locks, deps.lifecycle),
    markStart(projectId, processId, flowId, finishing) {
      markStart(deps.storage(), projectId, processId, flowId, deps.clock.now(), finishing);
      tell(projectId, processId, flowId);
    },
    markDone(projectId, processId, flowId) {
      markDone(deps.storage(), projectId, processId, flowId);
    },
    onStart(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** `localStorage`, or undefined where reading it throws (sandboxed frames, storage blocked). */
function localStore(): Store {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

let pageOfThisDocument: PagePort | undefined;

/** This document's page, made on first use (so importing the element touches nothing). */
function browserPage(): PagePort {
  return (pageOfThisDocument ??= makePage({
    id: Math.random().toString(36).slice(2, 10),
    clock: browserClock,
    storage: localStore,
    locks: (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks,
    subscribeStorage: (listener) => globalThis.addEventListener?.('storage', (e) => listener(e.key, e.oldValue, e.newValue)),
    // Every pagehide: a page that holds a lock is not stored in the back/forward cache, so the
    // locks must be gone before the browser decides (a page that is unloaded loses nothing by it).
    lifecycle: {
      onHide: (fn) => globalThis.addEventListener?.('pagehide', fn),
      onShow: (fn) => globalThis.addEventListener?.('pageshow', (e) => e.persisted && fn()),
    },
  }));
}

export const browserPorts: FlowPorts = {
  get page() {
    return browserPage();
  },
  client: (baseUrl, projectId) => new FrontendApiClient(baseUrl, projectId),
  clientInformation: (projectId, forInit) => gatherClientInformation(loadClientEnvHandle(localStore(), projectId), 1000, forInit),
  webAuthnAvailable,
  runCeremony,
  signalUnknownCredential,
  hostname: () => location.hostname,
  offerEnv: (info) => ({ conditionalCreate: info.clientCapabilities?.conditionalCreate === true, limit: environmentLimit(info) }),
  ...snoozeStore(localStore),
};
