/**
 * What the engine running this test can do, asked of the runner (test/plugins/webauthn-plugin.js,
 * `engine:capabilities`) and of the browser itself (`PublicKeyCredential.getClientCapabilities()`),
 * and the one way to skip a test for want of a capability: `needs(this, 'conditionalCreate')`.
 * Tests never ask for an engine by name; the name is only printed.
 *
 * Also: `emulateMedia` — `prefers-color-scheme` / `prefers-reduced-motion` in every engine
 * (CDP in Chromium, prefs in Firefox), resolved only once the page's media queries follow.
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { onCleanup } from './cleanup.js';

export interface EngineCapabilities {
  /** The engine's name, for messages only. */
  name: string;
  /** A virtual authenticator (test/helpers/webauthn.ts) can be attached. */
  virtualAuthenticator: boolean;
  /** `setPresence(false)` / `automaticPresenceSimulation: false` make a `create()` that stays pending. */
  pendingCeremony: boolean;
  /**
   * …while the browser still reports a platform authenticator (`isUserVerifyingPlatformAuthenticatorAvailable()`):
   * what an automatic ceremony (autoAppend) that stays pending needs. Firefox's stand-in (its USB
   * token instead of the virtual one) hides the platform authenticator.
   */
  pendingWithPlatformAuthenticator: boolean;
  /** `emulateMedia` switches `prefers-color-scheme` and `prefers-reduced-motion`. */
  mediaEmulation: boolean;
  /** `page`: each test page has its own authenticators; `browser`: they are the whole browser's. */
  authenticatorScope: 'page' | 'browser';
  /** The browser reports WebAuthn conditional create (`getClientCapabilities().conditionalCreate`). */
  conditionalCreate: boolean;
  /** `PublicKeyCredential.signalUnknownCredential` exists (WebAuthn L3 §5.1.10). */
  signalUnknownCredential: boolean;
  /** A frame can read its permissions policy (`document.permissionsPolicy` / `featurePolicy`). */
  permissionsPolicy: boolean;
}

/** What the browser itself reports (the rest comes from the runner). */
type Reported = 'conditionalCreate' | 'signalUnknownCredential' | 'permissionsPolicy';

export type Capability = { [K in keyof EngineCapabilities]: EngineCapabilities[K] extends boolean ? K : never }[keyof EngineCapabilities];

/** Why a test is skipped when the engine lacks a capability. */
const WHY: Record<Capability, string> = {
  virtualAuthenticator: 'needs a virtual authenticator',
  pendingCeremony: 'needs a ceremony that stays pending (no automatic user presence)',
  pendingWithPlatformAuthenticator: 'needs a ceremony that stays pending while a platform authenticator is reported (autoAppend)',
  mediaEmulation: 'needs prefers-color-scheme / prefers-reduced-motion emulation',
  conditionalCreate: 'needs WebAuthn conditional create (getClientCapabilities().conditionalCreate is not true here)',
  signalUnknownCredential: 'needs PublicKeyCredential.signalUnknownCredential',
  permissionsPolicy: 'needs document.permissionsPolicy (or featurePolicy) to read a frame policy',
};

let asked: Promise<EngineCapabilities> | undefined;

/** The capabilities of this engine (asked once per test file). */
export function engineCapabilities(): Promise<EngineCapabilities> {
  asked ??= (async () => {
    const runner = await executeServerCommand<Omit<EngineCapabilities, Reported>, Record<string, never>>('engine:capabilities', {});
    const pkc = globalThis.PublicKeyCredential as unknown as
      { getClientCapabilities?: () => Promise<Record<string, boolean>>; signalUnknownCredential?: unknown } | undefined;
    const client = (await pkc?.getClientCapabilities?.().catch(() => undefined)) ?? {};
    return {
      ...runner,
      conditionalCreate: client.conditionalCreate === true,
      signalUnknownCredential: typeof pkc?.signalUnknownCredential === 'function',
      permissionsPolicy: ['permissionsPolicy', 'featurePolicy'].some(
        (k) => typeof (document as unknown as Record<string, { allowsFeature?: unknown } | undefined>)[k]?.allowsFeature === 'function',
      ),
    };
  })();
  return asked;
}

/**
 * Skips the running test (or, from a `before` hook, its suite) unless this engine has every one
 * of `capabilities`; the reason is printed with the run's results.
 */
export async function needs(ctx: Mocha.Context, ...capabilities: Capability[]): Promise<void> {
  const caps = await engineCapabilities();
  const missing = capabilities.filter((c) => !caps[c]);
  if (!missing.length) return;
  const reason = missing.map((c) => WHY[c]).join('; ');
  const title = ctx.currentTest?.fullTitle() ?? ctx.test?.fullTitle() ?? '(suite)';
  console.log(`skipped on ${caps.name}: ${title} — ${reason}`);
  await executeServerCommand('engine:skipped', { title, reason });
  ctx.skip();
}

export interface MediaFeatures {
  colorScheme?: 'light' | 'dark' | null;
  reducedMotion?: 'reduce' | 'no-preference' | null;
}

/**
 * Sets `prefers-color-scheme` / `prefers-reduced-motion` for this page (`null` resets one) and
 * resolves once `matchMedia` reports it. Reset to light / no-preference after the test.
 */
export async function emulateMedia(media: MediaFeatures): Promise<void> {
  await executeServerCommand('engine:emulate-media', media);
  if (!resetQueued) {
    resetQueued = true;
    onCleanup(async () => {
      resetQueued = false;
      await executeServerCommand('engine:emulate-media', { colorScheme: 'light', reducedMotion: 'no-preference' });
      await mediaFollows({ colorScheme: 'light', reducedMotion: 'no-preference' });
    });
  }
  await mediaFollows(media);
}

let resetQueued = false;

const mediaFollows = ({ colorScheme, reducedMotion }: MediaFeatures) =>
  waitUntil(
    () =>
      (!colorScheme || matchMedia(`(prefers-color-scheme: ${colorScheme})`).matches) &&
      (!reducedMotion || matchMedia(`(prefers-reduced-motion: ${reducedMotion})`).matches),
    `prefers-color-scheme ${colorScheme ?? '(any)'}, prefers-reduced-motion ${reducedMotion ?? '(any)'}`,
    { interval: 10, timeout: 3000 },
  );
