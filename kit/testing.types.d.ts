/**
 * `corbado-append/testing`: Playwright helpers for your own end-to-end tests of the append flow —
 * a virtual authenticator, so real WebAuthn ceremonies complete headlessly, and a recorder of the
 * element's events.
 *
 * ```ts
 * import { test, expect } from '@playwright/test';
 * import { addVirtualAuthenticator, recordAppendEvents } from 'corbado-append/testing';
 *
 * test('sign in, then add a passkey', async ({ page }) => {
 *   const authenticator = await addVirtualAuthenticator(page); // before anything calls create()
 *   const events = await recordAppendEvents(page);
 *   await page.goto('/login'); // … sign in …
 *   await events.waitFor('corbado-append-ready');
 *   await page.locator('corbado-append').getByRole('button', { name: 'Create passkey' }).click();
 *   expect((await events.waitFor('corbado-append-complete')).status).toBe('complete');
 *   expect(await authenticator.getCredentials()).toHaveLength(1);
 * });
 * ```
 *
 * Chromium only (the authenticator is the Chrome DevTools Protocol's `WebAuthn` domain). Needs
 * `@playwright/test` (an optional peer dependency).
 */
import type { Page } from '@playwright/test';
// Relative, not the package's own name: in this repository that name resolves to the built JS when
// dist/types/ is not built yet, which checkJs would then check.
import type { AppendEventDetailMap } from '../dist/types/index.js';

export type { VirtualAuthenticator, VirtualAuthenticatorOptions, VirtualCredential } from './webauthn.types.js';
import type { VirtualAuthenticator, VirtualAuthenticatorOptions } from './webauthn.types.js';

/** What {@link addVirtualAuthenticator} starts from: a platform passkey authenticator that says yes. */
export const DEFAULT_AUTHENTICATOR_OPTIONS: Readonly<VirtualAuthenticatorOptions>;

/**
 * Attaches a virtual platform authenticator to `page`: CTAP2, `internal` transport, resident
 * keys, user verification, automatic presence — each overridable. Attach it before anything on
 * the page can call `navigator.credentials.create()`: without one, headless Chromium leaves the
 * ceremony pending. One `internal` authenticator per page; add more with another `transport`.
 * @throws {Error} outside Chromium
 */
export function addVirtualAuthenticator(page: Page, options?: Partial<VirtualAuthenticatorOptions>): Promise<VirtualAuthenticator>;

/** Names of the element's events. */
export type AppendEventType = keyof AppendEventDetailMap;

/** Every event the recorder listens to, read from the package's custom-elements.json (generated from its contract). */
export const APPEND_EVENT_TYPES: readonly AppendEventType[];

/** One event the recorder saw. */
export interface RecordedAppendEvent<T extends AppendEventType = AppendEventType> {
  type: T;
  detail: AppendEventDetailMap[T];
  /** When the test process received it, unix ms. */
  at: number;
}

export interface WaitForOptions<T extends AppendEventType> {
  /** How long to wait, in ms. Default 15000. */
  timeout?: number;
  /** Only an event whose detail passes this counts. */
  where?: (detail: AppendEventDetailMap[T]) => boolean;
}

/** The element's events on one page, across navigations, in order. */
export interface AppendEventRecorder {
  /** Every event seen so far, oldest first. */
  readonly events: readonly RecordedAppendEvent[];
  /**
   * The detail of the first event of that type (seen already, or still to come) that passes `where`.
   * @throws {Error} after `timeout` ms, listing the events seen
   */
  waitFor<T extends AppendEventType>(type: T, options?: WaitForOptions<T>): Promise<AppendEventDetailMap[T]>;
  /** Forgets the events seen so far (a later `waitFor` waits for a new one). */
  clear(): void;
}

/**
 * Records every `corbado-append-*` event (`APPEND_EVENT_TYPES`) of every
 * `<corbado-append>` on `page` — from the next navigation on, and on the current document.
 */
export function recordAppendEvents(page: Page): Promise<AppendEventRecorder>;
