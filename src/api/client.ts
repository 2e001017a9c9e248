/**
 * A small client for the Corbado Frontend API append endpoints. It knows nothing of Lit or
 * WebAuthn: it sends JSON, checks what comes back, and maps every failure to a
 * `CorbadoAppendError` (`api-unavailable` or `api-rejected`). An abort requested by the caller's
 * signal re-throws the signal's reason as it is, so the caller can tell "I stopped this" from
 * "the server failed".
 */
import { CorbadoAppendError } from '../errors.js';
import { browserClock, type Clock } from '../clock.js';
import type {
  AppendFinishRequest,
  AppendFinishResponse,
  AppendInitRequest,
  AppendStartRequest,
  AppendStartResponse,
  ConnectEventRequest,
} from './types.js';
import {
  isProcessId,
  parseErrorBody,
  parseFinishResponse,
  parseInitResponse,
  parseStartResponse,
  type AppendInitResult,
} from './validate.js';
import { MAX_RETRY_AFTER_MS, ATTEMPT_TIMEOUT_MS } from '../times.js';

/**
 * Statuses that say "not now", not "no" (RFC 9110 §15.5.9 408, RFC 8470 425, RFC 6585 429):
 * the request may succeed when sent again, so they are `api-unavailable` even with a Corbado body.
 */
const TRY_LATER = new Set([408, 425, 429]);

/**
 * `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) as relative ms, capped at
 * {@link MAX_RETRY_AFTER_MS}; undefined when absent or unreadable.
 * @param nowMs local unix ms (for an HTTP-date)
 */
export function retryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  // delay-seconds, or an HTTP-date (IMF-fixdate and the obsolete forms all end in GMT)
  const ms = /^\d{1,10}$/.test(text) ? Number(text) * 1000 : / GMT$/.test(text) ? Date.parse(text) - nowMs : NaN;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/** What the client needs from its page: `fetch` and a clock (the browser's by default; a test's under Node). */
export interface ClientEnv {
  fetch: typeof fetch;
  clock: Clock;
  /** Per request, body included (relative ms). */
  timeoutMs: number;
}

/** A checked response plus what the caller needs to turn `expiresMs` into a local deadline. */
export interface Timed<T> {
  data: T;
  /** Response `Date` header as unix ms, when present and parseable (1 s resolution). */
  serverDateMs?: number;
  /** Local `Date.now()` when the response arrived (unix ms). */
  receivedAtMs: number;
  /** The page's monotonic ms (`Clock.mono`) when the response arrived. */
  arrivedAt: number;
  /** How long the request took, sent to answered (relative ms, monotonic). */
  roundTripMs: number;
}

export class FrontendApiClient {
  /** `processID` from the last init (or a kept process); sent as `X-Corbado-Process-ID` from then on. */
  processId?: string;
  /** The base it was made with; `baseUrl` may follow init's `frontendApiUrl` later. */
  readonly configuredBaseUrl: string;

  private readonly env: ClientEnv;

  /**
   * @param baseUrl from `resolveApiBaseUrl`; later requests may go to init's `frontendApiUrl` (`followApiUrl`)
   * @param projectId sent as `X-Corbado-ProjectID`
   * @param env `fetch`, clock and the per-request timeout (default: the page's, {@link ATTEMPT_TIMEOUT_MS})
   */
  constructor(
    public baseUrl: string,
    private readonly projectId: string,
    env: Partial<ClientEnv> = {},
  ) {
    this.configuredBaseUrl = baseUrl;
    this.env = { fetch: (...a) => fetch(...a), clock: browserClock, timeoutMs: ATTEMPT_TIMEOUT_MS, ...env };
  }

  /** `POST /v2/connect/append/init`; remembers `processID`. */
  async init(req: AppendInitRequest, signal?: AbortSignal): Promise<Timed<AppendInitResult>> {
    const res = await this.post('init', req, signal, parseInitResponse);
    this.processId = res.data.processID;
    return res;
  }

  /** `POST /v2/connect/append/start`. */
  start(req: AppendStartRequest, signal?: AbortSignal): Promise<Timed<AppendStartResponse>> {
    return this.post('start', req, signal, parseStartResponse);
  }

  /**
   * `POST /v2/connect/append/finish`, with `keepalive` so the request outlives the page's
   * navigation (a passkey on the device must reach the server). Pass no signal to let it run
   * whatever happens to its caller.
   */
  finish(req: AppendFinishRequest, signal?: AbortSignal): Promise<Timed<AppendFinishResponse>> {
    return this.post('finish', req, signal, parseFinishResponse);
  }

  /** `POST /v2/connect/events`, fire-and-forget: never rejects; nothing waits for it. */
  event(req: ConnectEventRequest, signal?: AbortSignal): void {
    this.post('events', req, signal, () => undefined).catch(() => undefined);
  }

  /**
   * One JSON POST under one timeout (body read included). Network failures, timeouts,
   * redirects, 5xx, 408/425/429, 4xx without a Corbado body and non-JSON bodies →
   * `api-unavailable` (with the status and `Retry-After` when there was an answer); other 4xx with
   * a Corbado error body → `api-rejected` (with `error.type`, `requestData.requestID`).
   * `events` accepts an empty 2xx body. A `processId` that is no valid header value is not sent.
   */
  private async post<T>(endpoint: string, payload: unknown, signal: AbortSignal | undefined, parse: (v: unknown) => T): Promise<Timed<T>> {
    signal?.throwIfAborted();
    const path = endpoint === 'events' ? '/v2/connect/events' : `/v2/connect/append/${endpoint}`;
    // A value JSON cannot carry throws here, as the bug of ours it is, never as a network error.
    const body = JSON.stringify(payload);
    const { clock, timeoutMs } = this.env;
    const ctrl = new AbortController();
    const onAbort = () => ctrl.abort(signal!.reason);
    signal?.addEventListener('abort', onAbort);
    const timer = clock.setTimeout(() => ctrl.abort(), timeoutMs);
    const sentAt = clock.mono();
    const fail = (why: string, extra?: { status?: number; requestId?: string; retryAfterMs?: number; cause?: unknown }) =>
      new CorbadoAppendError('api-unavailable', `${path}: ${why}`, { recoverable: true, ...extra });
    let res: Response, text: string;
    try {
      res = await this.env.fetch(this.baseUrl + path, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Corbado-ProjectID': this.projectId,
          ...(isProcessId(this.processId) ? { 'X-Corbado-Process-ID': this.processId } : {}),
        },
        body,
        credentials: 'include',
        redirect: 'error',
        keepalive: endpoint === 'finish',
        signal: ctrl.signal,
      });
      text = await res.text();
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      throw fail(ctrl.signal.aborted ? `no answer within ${timeoutMs} ms` : 'network error', { cause });
    } finally {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    const receivedAtMs = clock.now();
    const arrivedAt = clock.mono();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: decided below by status
    }
    const status = res.status;
    if (!res.ok) {
      const e = parseErrorBody(json);
      if (e && status < 500 && !TRY_LATER.has(status)) {
        throw new CorbadoAppendError('api-rejected', `${path}: ${e.errorType}${e.details ? ` (${e.details})` : ''}`, {
          status,
          requestId: e.requestId,
          errorType: e.errorType,
        });
      }
      const retryAfter = retryAfterMs(res.headers.get('retry-after'), receivedAtMs);
      throw fail(`HTTP ${status}${e ? ` ${e.errorType}` : ''}`, {
        status,
        requestId: e?.requestId,
        ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
      });
    }
    if (json === undefined && endpoint !== 'events') throw fail(`HTTP ${status}, not JSON`, { status });
    const date = Date.parse(res.headers.get('date') ?? '');
    return { data: parse(json), serverDateMs: date || undefined, receivedAtMs, arrivedAt, roundTripMs: arrivedAt - sentAt };
  }
}
