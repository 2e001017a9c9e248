/**
 * One offer: an append token (from `append-token` or `appendTokenProvider`), `POST
 * /v2/connect/append/start`, and its `attestationOptions` parsed and checked — everything before
 * the offer may be shown. The outcome is a flow event; failures throw a `CorbadoAppendError`.
 */
import type { FrontendApiClient } from '../api/client.js';
import { CorbadoAppendError } from '../errors.js';
import type { EnvironmentLimit } from '../webauthn/environment.js';
import { parseAttestationOptions, rpIdFitsHost } from '../webauthn/options.js';
import { offerTimes } from './offer-clock.js';
import type { Scope } from './scope.js';
import type { FlowEvent } from './types.js';

/** How long (relative ms) `appendTokenProvider` may take before the token counts as unavailable. */
export const TOKEN_TIMEOUT_MS = 15_000;

/** What the controller reads from its element, once per connect (and the token provider per offer). */
export interface AppendConfig {
  projectId?: string;
  frontendApiUrl?: string;
  appendToken?: string;
  appendTokenProvider?: () => Promise<string>;
  /**
   * Ask `appendTokenProvider` for the first token in parallel with init instead of after it
   * allows append (one round trip of the host's backend less before the offer; the cost: a token
   * minted for a user whom init then declines).
   */
  earlyToken?: boolean;
  situation?: string;
  forcePasskeyAppend?: boolean;
  /** `snooze-days`: how long a "Not now" holds on this device, in days (snooze.ts); unset or ≤ 0 = off. */
  snoozeDays?: number;
  /** Watchdog for a modal ceremony, relative ms; undefined = the options' `timeout` + 10 s (5 min + 10 s without one). */
  ceremonyTimeoutMs?: number;
}

/** What this browser can do, for the offer's decisions. */
export interface OfferEnv {
  /** Conditional create is possible here (`getClientCapabilities().conditionalCreate`). */
  conditionalCreate: boolean;
  /** `environmentLimit()` of this browser. */
  limit?: EnvironmentLimit;
}

export interface OfferRequest {
  config: AppendConfig;
  client: Pick<FrontendApiClient, 'start'>;
  scope: Scope;
  /** `connectAppendStartReq.loadedMs`: unix ms at which the element was connected. */
  loadedMs: number;
  /** `location.hostname`, which the options' `rp.id` must fit. */
  hostname: string;
  /** What the probes found (they run in parallel with token and start). */
  env: Promise<OfferEnv>;
  /** Every token used is added here, so reports can scrub it. */
  secrets: Set<string>;
  /** A token asked for early (`earlyToken`); used once, by the first offer. */
  earlyToken?: Promise<string>;
}

/**
 * @returns `offer`, or `no-offer` for `attestationOptions: ""`
 * @throws CorbadoAppendError `token-unavailable`, `api-unavailable`, `api-rejected`,
 *   `options-invalid`, `security-error` (rp.id does not fit `hostname`), `expired` (arrived void)
 */
export async function loadOffer(req: OfferRequest): Promise<Extract<FlowEvent, { type: 'offer' | 'no-offer' }>> {
  const { config, scope } = req;
  const token = await (req.earlyToken ?? appendToken(config, scope));
  req.secrets.add(token);
  scope.signal.throwIfAborted();
  const {
    data: start,
    serverDateMs,
    receivedAtMs,
  } = await req.client.start(
    {
      appendTokenValue: token,
      loadedMs: req.loadedMs,
      ...(config.forcePasskeyAppend ? { forcePasskeyAppend: true } : {}),
      ...(config.situation ? { situation: config.situation } : {}),
    },
    scope.signal,
  );
  const options = parseAttestationOptions(start.attestationOptions);
  if (!options) return { type: 'no-offer' };
  if (!rpIdFitsHost(options.rp.id, req.hostname)) {
    throw new CorbadoAppendError('security-error', `rp.id "${options.rp.id}" does not fit ${req.hostname}`);
  }
  const times = offerTimes(start.expiresMs, serverDateMs, receivedAtMs);
  if (!times) throw new CorbadoAppendError('expired', 'expiresMs passed');
  const renewable = typeof config.appendTokenProvider === 'function';
  const configured = config.ceremonyTimeoutMs;
  const watchdogMs = configured && configured > 0 ? configured : (options.timeout ?? 290_000) + 10_000;
  const { conditionalCreate, limit } = await req.env;
  const offer = { options, start, renewable, watchdogMs, ...times, ...(limit ? { limit } : {}) };
  return { type: 'offer', offer, conditionalCreate };
}

/**
 * The token: the provider's (bounded by `TOKEN_TIMEOUT_MS`), else the attribute's.
 * @throws CorbadoAppendError `token-unavailable`
 */
export async function appendToken(config: AppendConfig, scope: Scope): Promise<string> {
  let token: unknown = config.appendToken;
  const provider = config.appendTokenProvider;
  if (provider) {
    if (typeof provider !== 'function') throw new CorbadoAppendError('token-unavailable', 'appendTokenProvider is not a function');
    let cancel: (() => void) | undefined;
    try {
      token = await Promise.race([
        provider(),
        new Promise((_, reject) => {
          cancel = scope.later(TOKEN_TIMEOUT_MS, () => reject(new Error(`no token within ${TOKEN_TIMEOUT_MS} ms`)));
        }),
      ]);
    } catch (cause) {
      // Which failure it was (the provider threw, or timed out), in the cause's own words.
      const why = cause instanceof Error ? cause.message : String(cause);
      throw new CorbadoAppendError('token-unavailable', `appendTokenProvider failed: ${why}`, { cause });
    } finally {
      cancel?.();
    }
  }
  if (typeof token !== 'string' || !token) {
    throw new CorbadoAppendError('token-unavailable', 'no append-token');
  }
  return token;
}
