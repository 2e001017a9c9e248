/**
 * `clientInformation` for `/v2/connect/append/init`: what this browser can do for passkeys.
 * Every probe runs in parallel, is bounded (default 1000 ms) and never throws; a probe that
 * fails or times out is left out. No fingerprinting library, no third-party request.
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

const storageKey = (projectId: string) => `cbo_append_ceh:${projectId}`;

/** The `newClientEnvHandle` of the last init for this project, with its unix-ms timestamp. */
function loadClientEnvHandle(projectId: string): { handle: string; ts: number } | undefined {
  try {
    const v = JSON.parse(localStorage.getItem(storageKey(projectId)) ?? 'null') as { handle?: unknown; ts?: unknown } | null;
    return typeof v?.handle === 'string' && typeof v.ts === 'number' ? { handle: v.handle, ts: v.ts } : undefined;
  } catch {
    return undefined; // storage blocked (sandboxed iframe, privacy mode) or garbage
  }
}

/** Keep init's `newClientEnvHandle` per project (localStorage; silently skipped where blocked). */
export function storeClientEnvHandle(projectId: string, handle: string): void {
  try {
    localStorage.setItem(storageKey(projectId), JSON.stringify({ handle, ts: Date.now() }));
  } catch {
    /* storage blocked: the next init simply starts without a handle */
  }
}

type NavigatorUAData = {
  getHighEntropyValues(hints: string[]): Promise<{ platform?: string; platformVersion?: string; mobile?: boolean }>;
};

/** Gather `clientInformation`; resolves within about `timeoutMs` whatever the browser does. */
export async function gatherClientInformation(projectId: string, timeoutMs = 1000): Promise<ClientInformation> {
  const nav = navigator as Navigator & {
    bluetooth?: { getAvailability(): Promise<boolean> };
    userAgentData?: NavigatorUAData;
  };
  const [uvpaa, cma, caps, bluetooth, uaData] = await Promise.all([
    bounded(() => pkc()?.isUserVerifyingPlatformAuthenticatorAvailable(), timeoutMs),
    bounded(() => pkc()?.isConditionalMediationAvailable?.(), timeoutMs),
    bounded(getClientCapabilities, timeoutMs),
    bounded(() => nav.bluetooth?.getAvailability(), timeoutMs),
    bounded(() => nav.userAgentData?.getHighEntropyValues(['platform', 'platformVersion']), timeoutMs),
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
  const stored = loadClientEnvHandle(projectId);
  if (stored) {
    info.clientEnvHandle = stored.handle;
    info.clientEnvHandleMeta = { ts: stored.ts, source: 'ls' };
  }
  return info;
}
