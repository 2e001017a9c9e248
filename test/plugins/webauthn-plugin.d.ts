// Types of webauthn-plugin.js for the TypeScript that imports it (test/e2e/virtual-authenticator.ts).
import type { TestRunnerPlugin } from '@web/test-runner';
import type { VirtualAuthenticatorOptions } from '../helpers/webauthn.js';

interface Cdp {
  send(method: string, params?: object): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  detach(): Promise<void>;
}

export declare const DEFAULT_AUTHENTICATOR_OPTIONS: Readonly<VirtualAuthenticatorOptions>;
export declare function base64ToBase64url(s: string): string;
export declare function base64urlToBase64(s: string): string;
export declare function attachWebAuthn(page: unknown): Promise<Cdp>;
export declare function runCommand<T = unknown>(cdp: Cdp, authenticators: Set<string>, command: string, payload?: object): Promise<T>;
export declare function webauthnPlugin(): TestRunnerPlugin;
export default webauthnPlugin;
