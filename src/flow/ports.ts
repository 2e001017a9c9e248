/**
 * The browser behind the flow: the real Frontend API client, probes, ceremonies and signals.
 * Tests under Node give the controller stand-ins for these instead.
 */
import { loadClientEnvHandle } from '../api/client-state.js';
import { FrontendApiClient } from '../api/client.js';
import type { ClientInformation } from '../api/types.js';
import { runCeremony, type Ceremony } from '../webauthn/ceremony.js';
import { gatherClientInformation } from '../webauthn/client-info.js';
import { environmentLimit, type EnvironmentLimit } from '../webauthn/environment.js';
import { signalUnknownCredential, webAuthnAvailable } from '../webauthn/support.js';
import type { Offer } from './types.js';

/** What the flow needs from the browser. */
export interface FlowPorts {
  client(baseUrl: string, projectId: string): Pick<FrontendApiClient, 'init' | 'start' | 'finish' | 'event' | 'processId' | 'baseUrl'>;
  /** `forInit` false: no init will be sent (a kept process), probe only what the offer reads. */
  clientInformation(projectId: string, forInit: boolean): Promise<ClientInformation>;
  webAuthnAvailable(): boolean;
  runCeremony: (options: Offer['options'], conditional: boolean) => Ceremony;
  signalUnknownCredential(rpId: string, credentialId: string): void;
  hostname(): string;
  environmentLimit(info: ClientInformation): EnvironmentLimit | undefined;
}

export const browserPorts: FlowPorts = {
  client: (baseUrl, projectId) => new FrontendApiClient(baseUrl, projectId),
  clientInformation: (projectId, forInit) => gatherClientInformation(loadClientEnvHandle(projectId), 1000, forInit),
  webAuthnAvailable,
  runCeremony,
  signalUnknownCredential,
  hostname: () => location.hostname,
  environmentLimit: (info) => environmentLimit(info),
};
