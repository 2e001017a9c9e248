/**
 * The browser behind the flow: the real Frontend API client, probes, ceremonies and signals.
 * Tests under Node give the controller stand-ins for these instead.
 */
import { FrontendApiClient } from '../api/client.js';
import type { ClientInformation } from '../api/types.js';
import { runCeremony, type Ceremony } from '../webauthn/ceremony.js';
import { gatherClientInformation, storeClientEnvHandle } from '../webauthn/client-info.js';
import { environmentLimit, type EnvironmentLimit } from '../webauthn/environment.js';
import { signalUnknownCredential, webAuthnAvailable } from '../webauthn/support.js';
import { snoozeStore, type SnoozePort } from './snooze.js';
import type { Offer } from './types.js';

/** What the flow needs from the browser; `snoozed`/`snooze`: the remembered "Not now" (snooze.ts). */
export interface FlowPorts extends SnoozePort {
  client(baseUrl: string, projectId: string): Pick<FrontendApiClient, 'init' | 'start' | 'finish' | 'event' | 'processId'>;
  clientInformation(projectId: string): Promise<ClientInformation>;
  storeClientEnvHandle(projectId: string, handle: string): void;
  webAuthnAvailable(): boolean;
  runCeremony: (options: Offer['options'], conditional: boolean) => Ceremony;
  signalUnknownCredential(rpId: string, credentialId: string): void;
  hostname(): string;
  environmentLimit(info: ClientInformation): EnvironmentLimit | undefined;
}

export const browserPorts: FlowPorts = {
  client: (baseUrl, projectId) => new FrontendApiClient(baseUrl, projectId),
  clientInformation: (projectId) => gatherClientInformation(projectId),
  storeClientEnvHandle,
  webAuthnAvailable,
  runCeremony,
  signalUnknownCredential,
  hostname: () => location.hostname,
  environmentLimit: (info) => environmentLimit(info),
  ...snoozeStore(() => {
    try {
      return globalThis.localStorage; // reading it throws in sandboxed frames and with storage blocked
    } catch {
      return undefined;
    }
  }),
};
