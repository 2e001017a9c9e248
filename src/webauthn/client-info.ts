/**
 * `clientInformation` for `/v2/connect/append/init`: what this browser can do for passkeys.
 * Every probe runs in parallel, is bounded (default 1000 ms) and never throws; a probe that
 * fails or times out is left out. No fingerprinting library, no third-party request. The client
 * env handle comes from the caller (Corbado's client state, `src/api/client-state.ts`).
 */
import type { ClientCapability, ClientInformation } from '../api/types.js';

const CAPABILITIES: readonly ClientCapability[] = [
  'conditionalCreate',
  'conditionalMediation',
  'hybridTransport',
  'passkeyPlatformAuthenticator',
  'userVerifyingPlatformAuthenticator',
];

/** Resolve `fn()` or `undefined` after `ms` (relative) — never rejects, leaves no timer behind. */
export function bounded<T>(fn: () => Promise<T> | T | undefined, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    const done = (v: T | undefined) => {
      clearTimeout(timer);
      resolve(v);
    };
    try {
      Promise.resolve(fn()).then(done, () => done(undefined));
    } catch {
      done(undefined);
    }
  });
}

type PKC = typeof PublicKeyCredential & {
  getClientCapabilities?: () => Promise<Record<string, boolean>>;
};
const pkc = (): PKC | undefined => (typeof PublicKeyCredential === 'function' ? PublicKeyCredential : undefined);

/** `PublicKeyCredential.getClientCapabilities()` (WebAuthn L3 §5.1.7), reduced to the known keys. */
export async function getClientCapabilities(): Promise<ClientInformation['clientCapabilities']> {
  const caps = await pkc()?.getClientCapabilities?.();
  if (!caps) return undefined;
  const out: Partial<Record<ClientCapability, boolean>> = {};
  for (const k of CAPABILITIES) if (typeof caps[k] === 'boolean') out[k] = caps[k];
  return out;
}

type NavigatorUAData = {
  getHighEntropyValues(hints: string[]): Promise<{ platform?: string; platformVersion?: string; mobile?: boolean }>;
};

/**
 * Gather `clientInformation`; resolves within about `timeoutMs` whatever the browser does.
 * @param envHandle init's last `newClientEnvHandle` (`data`), where it came from and when (`ts`, unix ms)
 * @param forInit false when no init will be sent (a kept process): only what the offer itself
 *   reads (`isUserVerifyingPlatformAuthenticatorAvailable`, `clientCapabilities`) is probed
 */
export async function gatherClientInformation(
  envHandle?: { data: string; source: 'LocalStorage' | 'URL'; ts: number },
  timeoutMs = 1000,
  forInit = true,
): Promise<ClientInformation> {
  const nav = navigator as Navigator & {
    bluetooth?: { getAvailability(): Promise<boolean> };
    userAgentData?: NavigatorUAData;
  };
  const [uvpaa, cma, caps, bluetooth, uaData] = await Promise.all([
    bounded(() => pkc()?.isUserVerifyingPlatformAuthenticatorAvailable(), timeoutMs),
    forInit ? bounded(() => pkc()?.isConditionalMediationAvailable?.(), timeoutMs) : undefined,
    bounded(getClientCapabilities, timeoutMs),
    forInit ? bounded(() => nav.bluetooth?.getAvailability(), timeoutMs) : undefined,
    forInit ? bounded(() => nav.userAgentData?.getHighEntropyValues(['platform', 'platformVersion']), timeoutMs) : undefined,
  ]);
  const info: ClientInformation = {
    isUserVerifyingPlatformAuthenticatorAvailable: uvpaa,
    isConditionalMediationAvailable: cma,
    clientCapabilities: caps,
    bluetoothAvailable: bluetooth,
    webdriver: nav.webdriver === true,
  };
  if (uaData && typeof uaData.platform === 'string') {
    info.javaScriptHighEntropy = {
      platform: uaData.platform,
      platformVersion: uaData.platformVersion ?? '',
      mobile: uaData.mobile === true,
    };
  }
  if (envHandle) {
    info.clientEnvHandle = envHandle.data;
    info.clientEnvHandleMeta = { ts: envHandle.ts, source: envHandle.source === 'URL' ? 'url' : 'ls' };
  }
  return info;
}
