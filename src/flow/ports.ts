/**
 * The browser behind the flow: the real Frontend API client, probes, ceremonies and signals.
 * Tests under Node give the controller stand-ins for these instead.
 */
import { loadClientEnvHandle } from '../api/client-state.js';
import { FrontendApiClient } from '../api/client.js';
import type { ClientInformation } from '../api/types.js';
import { runCeremony, type Ceremony } from '../webauthn/ceremony.js';
import { gatherClientInformation } from '../webauthn/client-info.js';
import { environmentLimit } from '../webauthn/environment.js';
import type { AppendConfig, OfferEnv } from './load-offer.js';
import type { ReactiveControllerHost } from 'lit';
import type { AppendEventDetailMap } from '../components/events.js';
import { signalUnknownCredential, webAuthnAvailable } from '../webauthn/support.js';
import { snoozeStore, type SnoozePort } from './snooze.js';
import type { Offer } from './types.js';

/** What the flow needs from its element: its config, and a way to fire its events. */
export interface AppendHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  readonly appendConfig: AppendConfig;
  /** Fire an element event (and its callback); `corbado-append-state` also reflects `state`. */
  emit<K extends keyof AppendEventDetailMap>(type: K, detail: AppendEventDetailMap[K]): void;
}

/** What the flow needs from the browser; `snoozed`/`snooze`: the remembered "Not now" (snooze.ts). */
export interface FlowPorts extends SnoozePort {
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

export const browserPorts: FlowPorts = {
  client: (baseUrl, projectId) => new FrontendApiClient(baseUrl, projectId),
  clientInformation: (projectId, forInit) => gatherClientInformation(loadClientEnvHandle(projectId), 1000, forInit),
  webAuthnAvailable,
  runCeremony,
  signalUnknownCredential,
  hostname: () => location.hostname,
  offerEnv: (info) => ({ conditionalCreate: info.clientCapabilities?.conditionalCreate === true, limit: environmentLimit(info) }),
  ...snoozeStore(() => {
    try {
      return globalThis.localStorage; // reading it throws in sandboxed frames and with storage blocked
    } catch {
      return undefined;
    }
  }),
};
