/**
 * Where passkey creation is known to fail or to go badly, told from the page itself (no request,
 * no fingerprinting): the flow then starts no automatic ceremony, shows a hint, and reads a
 * `NotAllowedError` there as the limit it is, not as a user cancel.
 */
import type { ClientInformation } from '../api/types.js';

/**
 * - `frame-permission`: a frame whose permissions policy does not allow `publickey-credentials-create`
 *   (a cross-origin `<iframe>` without `allow="publickey-credentials-create"`); every `create()` fails.
 * - `in-app-browser`: an app's embedded browser or WebView, which saves passkeys badly or not at all.
 * - `no-platform-authenticator`: no built-in authenticator (`isUserVerifyingPlatformAuthenticatorAvailable()`
 *   is false); a phone or security key can still be used.
 */
export type EnvironmentLimit = 'frame-permission' | 'in-app-browser' | 'no-platform-authenticator';

/**
 * User-agent markers of in-app browsers and WebViews: Instagram, Facebook (`FBAN`/`FBAV`/`FB_IAB`),
 * TikTok (`musical_ly`, `BytedanceWebview`), Snapchat, LINE, WeChat (`MicroMessenger`), LinkedIn,
 * Pinterest, Android WebView (`; wv)`), and iOS WebKit without `Safari` in its user agent (a WKWebView).
 */
const IN_APP =
  /Instagram|FBAN|FBAV|FB_IAB|musical_ly|BytedanceWebview|Snapchat|\bLine\/|MicroMessenger|LinkedInApp|Pinterest|; wv\)|(iPhone|iPad|iPod)(?!.*Safari)/;

/** The first limit that holds here, most certain first; undefined where none is known. */
export function environmentLimit(
  info: Pick<ClientInformation, 'isUserVerifyingPlatformAuthenticatorAvailable'>,
  userAgent: string = globalThis.navigator?.userAgent ?? '',
  doc: unknown = globalThis.document,
): EnvironmentLimit | undefined {
  const policy = (doc as { permissionsPolicy?: Policy; featurePolicy?: Policy } | undefined) ?? {};
  const allows = (policy.permissionsPolicy ?? policy.featurePolicy)?.allowsFeature?.('publickey-credentials-create');
  if (allows === false) return 'frame-permission';
  if (IN_APP.test(userAgent)) return 'in-app-browser';
  if (info.isUserVerifyingPlatformAuthenticatorAvailable === false) return 'no-platform-authenticator';
  return undefined;
}

type Policy = { allowsFeature?(feature: string): boolean };

/** A limit under which every `create()` fails the same way: a `NotAllowedError` is no user cancel there. */
export const repeatsIdentically = (limit: EnvironmentLimit | undefined): boolean =>
  limit === 'frame-permission' || limit === 'in-app-browser';

/**
 * Old WebKit — Safari before 16, and every browser on iOS and iPadOS before 16 (all WebKit) —
 * answers a credential of `excludeCredentials` found on this device with `NotAllowedError` at once
 * instead of WebAuthn's `InvalidStateError` (WebKit bug 219813; brave-ios#1413). Safari 16 on, like
 * Chromium and Firefox, answers `InvalidStateError`, and refuses other things (user verification,
 * a frame it cannot read) as fast: there a quick `NotAllowedError` says nothing of what is on the
 * device. A version it cannot read counts as new.
 */
export function reportsExcludedAsNotAllowed(userAgent: string = globalThis.navigator?.userAgent ?? ''): boolean {
  const ios = /\b(?:iPhone|iPad|iPod)\b.*? OS (\d+)_/.exec(userAgent);
  if (ios) return Number(ios[1]) < 16;
  const safari = /AppleWebKit\/.*\bVersion\/(\d+)[.\d]*.*\bSafari\//.exec(userAgent);
  return !!safari && !/Chrome|Chromium|CriOS|Edg|OPR|Firefox|FxiOS|Android/.test(userAgent) && Number(safari[1]) < 16;
}
