// Types of webauthn-plugin.js for the TypeScript that imports it (test/e2e/*.ts).
import type { TestRunnerPlugin } from '@web/test-runner';
import type { VirtualAuthenticatorOptions, VirtualCredential, VirtualCredentialInput } from '../helpers/webauthn.js';

interface Cdp {
  send(method: string, params?: object): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  detach(): Promise<void>;
}

/** One engine's virtual authenticator (CDP in Chromium, Marionette in Firefox); ids base64url. */
export interface Driver {
  add(options: VirtualAuthenticatorOptions): Promise<string>;
  remove(id: string): Promise<unknown>;
  getCredentials(id: string): Promise<VirtualCredential[]>;
  setUserVerified(id: string, isUserVerified: boolean): Promise<unknown>;
  setPresence(id: string, enabled: boolean): Promise<unknown>;
  addCredential(id: string, credential: VirtualCredentialInput): Promise<unknown>;
  clearCredentials(id: string): Promise<unknown>;
}

export declare const DEFAULT_AUTHENTICATOR_OPTIONS: Readonly<VirtualAuthenticatorOptions>;
export declare function base64ToBase64url(s: string): string;
export declare function base64urlToBase64(s: string): string;
export declare function attachWebAuthn(page: unknown): Promise<Cdp>;
export declare function cdpDriver(cdp: Cdp): Driver;
export declare function marionetteDriver(marionette: () => Promise<unknown>, chrome: (expression: string) => Promise<unknown>): Driver;
export declare function runCommand<T = unknown>(driver: Driver, authenticators: Set<string>, command: string, payload?: object): Promise<T>;
export declare function webauthnPlugin(): TestRunnerPlugin;
export default webauthnPlugin;
