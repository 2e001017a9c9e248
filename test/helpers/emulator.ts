/**
 * Browser-side handles on the Frontend API emulator that web-test-runner mounts on the test
 * server's own origin (see web-test-runner.config.js). The emulator's state is partitioned by
 * project id, so each test takes its own `uniqueProjectId()` and never sees another's state.
 *
 * - /v2/connect/*  — the Frontend API; project from the `X-Corbado-ProjectID` header
 * - /emulator/*    — the demo side (customer backend + test controls); project from `?projectId=`
 */

/** The base URL to give the element as `frontend-api-url`: the test page's own origin. */
export const emulatorUrl = (): string => location.origin;

let counter = 0;

/**
 * A fresh project id that is a valid DNS label (`[a-z0-9-]`, ≤ 63), unique per call:
 * `pro-t` + time + counter + random, e.g. `pro-tlx2k9a1-3-k2j4h8q0`.
 */
export function uniqueProjectId(): string {
  counter += 1;
  const rand = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => (b % 36).toString(36)).join('');
  return `pro-t${Date.now().toString(36)}-${counter.toString(36)}-${rand}`;
}

// One client and one contract: the emulator's own (emulator/client.js, emulator/contract.js), as
// the kit, the bench and the playground use them.
import { connectEmulator, type EmulatorClient } from '../../emulator/client.js';
import type * as Contract from '../../emulator/contract.js';
export type { FaultKind, Scenario, ScenarioPatch } from '../../emulator/contract.js';

/** A fault injected into one endpoint: a kind, or `{kind, times}` to hit only the next `times` calls. */
export type Fault = Contract.FaultKind | Contract.Fault;
/** A passkey the emulator stored. */
export type EmulatorCredential = Contract.StoredPasskey;
/** A /v2 call the emulator received. */
export type EmulatorRequest = Contract.RecordedRequest;
/** A `POST /v2/connect/events` body the emulator recorded, with its process and time. */
export type EmulatorEvent = Contract.RecordedEvent;
/** Options of `POST /emulator/append-token` (all optional). */
export type MintTokenOptions = Contract.MintAppendTokenOptions;

/** The emulator's demo side for one project, on the test page's own origin. */
const emulator = (projectId: string): EmulatorClient => connectEmulator(emulatorUrl(), { projectId });

/** Sets (merges) the scenario of a project: what its next init/start/finish answer. */
export async function setScenario(projectId: string, partial: Contract.ScenarioPatch): Promise<void> {
  await emulator(projectId).setScenario(partial);
}

/** The passkeys the emulator stored for the project. */
export const getCredentials = (projectId: string): Promise<EmulatorCredential[]> => emulator(projectId).listPasskeys();

/** The /v2 requests the emulator received for the project, oldest first. */
export const getRequests = (projectId: string): Promise<EmulatorRequest[]> => emulator(projectId).listRequests();

/** The client events (POST /v2/connect/events) the emulator recorded for the project. */
export const getEvents = (projectId: string): Promise<EmulatorEvent[]> => emulator(projectId).listEvents();

/** Mints a single-use append token for the project's demo user (the customer backend's job). */
export const mintToken = (projectId: string, options: MintTokenOptions = {}): Promise<string> =>
  emulator(projectId).mintAppendToken(options);

/** The project's current scenario. */
export const getScenario = (projectId: string): Promise<Contract.Scenario> => emulator(projectId).getScenario();

/** Forgets everything about the project (scenario, tokens, processes, credentials, logs). */
export const resetProject = (projectId: string): Promise<void> => emulator(projectId).reset();
