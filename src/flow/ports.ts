/**
 * The browser behind the flow: the real Frontend API client, probes, ceremonies and signals.
 * Tests under Node give the controller stand-ins for these instead.
 */
import { FrontendApiClient } from '../api/client.js';
import { runCeremony } from '../webauthn/ceremony.js';
import { gatherClientInformation, storeClientEnvHandle } from '../webauthn/client-info.js';
import { signalUnknownCredential, webAuthnAvailable } from '../webauthn/support.js';
import type { FlowPorts } from './controller.js';

export const browserPorts: FlowPorts = {
  client: (baseUrl, projectId) => new FrontendApiClient(baseUrl, projectId),
  clientInformation: projectId => gatherClientInformation(projectId),
  storeClientEnvHandle,
  webAuthnAvailable,
  runCeremony,
  signalUnknownCredential,
  hostname: () => location.hostname,
};
