/**
 * `corbado-append/emulator`: the local Corbado Frontend API emulator for your own tests (Node).
 *
 * ```ts
 * import { startEmulator } from 'corbado-append/emulator';
 *
 * const emulator = await startEmulator({ origin: 'http://localhost:3000', projectId: 'pro-1234567890' });
 * // <corbado-append project-id="pro-1234567890" frontend-api-url={emulator.url}>
 * const token = await emulator.mintAppendToken({ userId: 'user-42' }); // what your backend hands the page
 * await emulator.setScenario({ variant: 'after-hybrid' });
 * const passkeys = await emulator.listPasskeys();
 * await emulator.close();
 * ```
 *
 * Needs `@simplewebauthn/server` (an optional peer dependency: `npm i -D @simplewebauthn/server@14`),
 * which verifies the attestations as Corbado does. `connectEmulator` (a client for an emulator that
 * is already running) does not.
 */

// The scenario, its faults and readings, the demo side's records and its client are the
// emulator's, declared once in its JSDoc (emulator/contract.js, emulator/client.js) and generated
// into kit/generated/ (scripts/emulator-types.js).
export type {
  Fault,
  FaultEndpoint,
  FaultKind,
  MintAppendTokenOptions,
  Readings,
  RecordedEvent,
  RecordedRequest,
  Scenario,
  ScenarioPatch,
  StoredPasskey,
  UserVerification,
} from './generated/contract.js';
export type { EmulatorClient } from './generated/client.js';
export { connectEmulator, EmulatorError } from './generated/client.js';

import type { EmulatorClient } from './generated/client.js';

/** An emulator started by {@link startEmulator}. */
export interface RunningEmulator extends EmulatorClient {
  /** The page origin CORS allows (normalised), e.g. `http://localhost:3000`. */
  readonly origin: string;
  /** The TCP port it listens on. */
  readonly port: number;
  /** Stops it: open connections are closed, requests held by a `timeout` fault are dropped. */
  close(): Promise<void>;
}

export interface StartEmulatorOptions {
  /**
   * Origin of the page under test, which CORS allows (with credentials), e.g. `http://localhost:3000`.
   * Use `localhost`, not `127.0.0.1`: the relying party ID is the page's host name, and an IP
   * address is none (the ceremony would fail with `security-error`).
   */
  origin: string;
  /** The page's `project-id` (one DNS label). Default `pro-local`. */
  projectId?: string;
  /** TCP port; default 0, a free one. */
  port?: number;
  /** Interface; default `127.0.0.1`. */
  host?: string;
}

/**
 * Starts an emulator with its own in-memory state on a free port.
 * @throws {TypeError} when `origin` is missing or not an http(s) URL, or `projectId` is not a DNS label
 * @throws {Error} when `@simplewebauthn/server` is not installed, or the port cannot be bound
 */
export function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator>;
