/**
 * One offer: an append token (from `appendTokenProvider`, else `append-token`), `POST
 * /v2/connect/append/start` (marked for the other flows first, claims.ts), and its
 * `attestationOptions` parsed and checked — everything before the offer may be shown. The outcome
 * is a flow event; failures throw a {@link LoadFailure}.
 */
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import type { FrontendApiClient } from '../api/client.js';
import { CorbadoAppendError, toAppendError } from '../errors.js';
import type { EnvironmentLimit } from '../webauthn/environment.js';
import { parseAttestationOptions, rpIdFitsHost } from '../webauthn/options.js';
import { offerTimes, optionsLifetimeMs, processLifetimeMs, serverDateNowMs, serverSkewMs } from './offer-clock.js';
import type { AppendConfig } from '../contract.js';
import type { Scope } from './scope.js';
import type { FlowEvent } from './types.js';
import { DEFAULT_CREATE_TIMEOUT_MS, TOKEN_TIMEOUT_MS, WATCHDOG_GRACE_MS } from '../times.js';

/** What this browser can do, for the offer's decisions. */
export interface OfferEnv {
  /** Conditional create is possible here (`getClientCapabilities().conditionalCreate`). */
  conditionalCreate: boolean;
  /** `environmentLimit()` of this browser. */
  limit?: EnvironmentLimit;
}

export interface OfferRequest {
  config: AppendConfig;
  client: Pick<FrontendApiClient, 'start' | 'baseUrl'>;
  /**
   * The process the start goes to, and when it dies: `expiresAtS` (init's `expiresAt`, unix s),
   * measured against this start's answer like `expiresMs`, else `deadlineMs` (the page's monotonic
   * ms). The offer dies with it.
   */
  process: { id: string; deadlineMs?: number; expiresAtS?: number };
  /** Called right before the start goes out (claims.ts `markStart`); returns what to call once it has its answer or failed (`markDone`). */
  marking(): () => void;
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
  /**
   * Called with the checked options as soon as a start answered — local unix ms of arrival, and the
   * server's (its `Date` header, when believable): reconciliation (reconcile.ts); not awaited.
   */
  answered?(options: PublicKeyCredentialCreationOptionsJSON, receivedAtMs: number, serverNowMs: number | undefined): unknown;
}

/**
 * A failed load, with what it means for options already held. `suspect`: the start went out and
 * got no usable answer — none at all, or options that cannot be used — so the server may have
 * replaced the process's challenge. `gone`: the server refused the process (expired or unknown).
 */
export class LoadFailure extends Error {
  override readonly name = 'LoadFailure';
  constructor(
    readonly error: CorbadoAppendError,
    readonly suspect = false,
    readonly gone = false,
  ) {
    super(error.message, { cause: error });
  }
}

/** Corbado's refusals of a process it no longer has (`process_expired`, `not_found`, HTTP 404). */
export const processGone = (e: CorbadoAppendError): boolean =>
  e.code === 'api-rejected' && (e.errorType === 'process_expired' || e.errorType === 'not_found' || e.status === 404);

/**
 * @returns `offer`, or `no-offer` for `attestationOptions: ""`
 * @throws LoadFailure of `token-unavailable`, `api-unavailable`, `api-rejected`,
 *   `options-invalid`, `security-error` (rp.id does not fit `hostname`), `expired` (arrived void)
 */
export async function loadOffer(req: OfferRequest): Promise<Extract<FlowEvent, { type: 'offer' | 'no-offer' }>> {
  const { config, scope } = req;
  let token: string;
  try {
    token = await (req.earlyToken ?? appendToken(config, scope, req.secrets));
  } catch (e) {
    throw new LoadFailure(toAppendError(e));
  }
  req.secrets.add(token);
  scope.signal.throwIfAborted();
  const done = req.marking();
  let answer: Awaited<ReturnType<FrontendApiClient['start']>>;
  try {
    answer = await req.client.start(
      {
        appendTokenValue: token,
        loadedMs: req.loadedMs,
        ...(config.forcePasskeyAppend ? { forcePasskeyAppend: true } : {}),
        ...(config.situation ? { situation: config.situation } : {}),
      },
      scope.signal,
    );
  } catch (e) {
    // Aborted by us, timed out, lost, a gateway's page: the request may still land — not done.
    if (scope.disposed) throw e; // our own abort: the reason as it is
    const error = toAppendError(e);
    if (error.code === 'api-rejected') done(); // Corbado itself refused it
    throw new LoadFailure(error, error.code === 'api-unavailable', processGone(error));
  }
  done();
  const { data: start, serverDateMs, receivedAtMs, arrivedAt, roundTripMs } = answer;
  // The server took this start (a new challenge, which may have replaced the one of options held),
  // but its answer is of no use: the options held are in doubt as well.
  const fail = (error: CorbadoAppendError) => new LoadFailure(error, true);
  let options: ReturnType<typeof parseAttestationOptions>;
  try {
    options = parseAttestationOptions(start.attestationOptions);
  } catch (e) {
    throw fail(toAppendError(e));
  }
  if (!options) return { type: 'no-offer' };
  if (!rpIdFitsHost(options.rp.id, req.hostname)) {
    throw fail(new CorbadoAppendError('security-error', `rp.id "${options.rp.id}" does not fit ${req.hostname}`));
  }
  req.answered?.(options, receivedAtMs, serverDateNowMs(serverDateMs));
  const { expiresAtS, deadlineMs } = req.process;
  const processLeft =
    expiresAtS === undefined
      ? (deadlineMs ?? Infinity) - arrivedAt
      : processLifetimeMs(expiresAtS, serverDateMs, receivedAtMs, roundTripMs);
  const lifetime = Math.min(optionsLifetimeMs(start.expiresMs, serverDateMs, receivedAtMs, roundTripMs), processLeft);
  const times = offerTimes(lifetime, arrivedAt);
  if (!times) throw fail(new CorbadoAppendError('expired', 'expiresMs passed'));
  const renewable = typeof config.appendTokenProvider === 'function';
  const configured = config.ceremonyTimeoutMs;
  const watchdogMs = configured && configured > 0 ? configured : (options.timeout ?? DEFAULT_CREATE_TIMEOUT_MS) + WATCHDOG_GRACE_MS;
  const { conditionalCreate, limit } = await req.env;
  const wallDeadlineMs = receivedAtMs + (times.deadlineMs - arrivedAt);
  const skew = serverSkewMs(serverDateMs, receivedAtMs, roundTripMs);
  const offer = {
    options,
    start,
    renewable,
    watchdogMs,
    processId: req.process.id,
    apiBase: req.client.baseUrl,
    wallDeadlineMs,
    ...(skew === undefined ? {} : { serverClock: { wallMs: skew, monoMs: receivedAtMs + skew - arrivedAt } }),
    ...times,
    ...(limit ? { limit } : {}),
  };
  return { type: 'offer', offer, conditionalCreate };
}

/**
 * What an `appendTokenProvider` may resolve: the token, or an object with it as `appendToken`
 * (the shape of the README's backend answer, handed on whole).
 */
const tokenOf = (v: unknown): unknown => (typeof v === 'object' && v !== null && 'appendToken' in v ? v.appendToken : v);

/**
 * The token: the provider's (bounded by `TOKEN_TIMEOUT_MS`); where there is none, or it fails,
 * `append-token`'s — once, it is single use (`used`: the tokens this flow spent).
 * @throws CorbadoAppendError `token-unavailable`, in the provider's words when it failed
 */
export async function appendToken(config: AppendConfig, scope: Scope, used: ReadonlySet<string> = new Set()): Promise<string> {
  const fallback =
    typeof config.appendToken === 'string' && config.appendToken && !used.has(config.appendToken) ? config.appendToken : undefined;
  const provider = config.appendTokenProvider;
  if (!provider) {
    if (fallback) return fallback;
    throw new CorbadoAppendError('token-unavailable', config.appendToken ? 'append-token already used' : 'no append-token');
  }
  let failure: string;
  let cause: unknown;
  if (typeof provider !== 'function') failure = 'appendTokenProvider is not a function';
  else {
    let cancel: (() => void) | undefined;
    try {
      const token = tokenOf(
        await Promise.race([
          provider(),
          new Promise((_, reject) => {
            cancel = scope.later(TOKEN_TIMEOUT_MS, () => reject(new Error(`no token within ${TOKEN_TIMEOUT_MS} ms`)));
          }),
        ]),
      );
      if (typeof token === 'string' && token) return token;
      failure = `appendTokenProvider gave ${token === '' ? 'an empty string' : `no token (${token === null ? 'null' : typeof token})`}`;
    } catch (e) {
      // Which failure it was (the provider threw, or timed out), in the cause's own words.
      failure = `appendTokenProvider failed: ${e instanceof Error ? e.message : String(e)}`;
      cause = e;
    } finally {
      cancel?.();
    }
  }
  scope.signal.throwIfAborted();
  if (fallback) return fallback;
  throw new CorbadoAppendError('token-unavailable', failure, cause === undefined ? {} : { cause });
}
