/**
 * A small client for the Corbado Frontend API append endpoints. It knows nothing of Lit or
 * WebAuthn: it sends JSON, checks what comes back, and maps every failure to a
 * `CorbadoAppendError` (`api-unavailable` or `api-rejected`). An abort requested by the caller's
 * signal re-throws the signal's reason as it is, so the caller can tell "I stopped this" from
 * "the server failed".
 */
import { CorbadoAppendError } from '../errors.js';
import type {
  AppendFinishRequest,
  AppendFinishResponse,
  AppendInitRequest,
  AppendStartRequest,
  AppendStartResponse,
  ConnectEventRequest,
} from './types.js';
import { parseErrorBody, parseFinishResponse, parseInitResponse, parseStartResponse, type AppendInitResult } from './validate.js';

/** A checked response plus what the caller needs to turn `expiresMs` into a local deadline. */
export interface Timed<T> {
  data: T;
  /** Response `Date` header as unix ms, when present and parseable (1 s resolution). */
  serverDateMs?: number;
  /** Local `Date.now()` when the response arrived (unix ms). */
  receivedAtMs: number;
}

export class FrontendApiClient {
  /** `processID` from the last init (or a kept process); sent as `X-Corbado-Process-ID` from then on. */
  processId?: string;
  /** The base it was made with; `baseUrl` may follow init's `frontendApiUrl` later. */
  readonly configuredBaseUrl: string;

  /**
   * @param baseUrl from `resolveApiBaseUrl`; later requests may go to init's `frontendApiUrl` (`followApiUrl`)
   * @param projectId sent as `X-Corbado-ProjectID`
   * @param timeoutMs per request, body included (relative ms)
   */
  constructor(
    public baseUrl: string,
    private readonly projectId: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.configuredBaseUrl = baseUrl;
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
   * redirects, 5xx, 4xx without a Corbado body and non-JSON bodies → `api-unavailable`;
   * 4xx with a Corbado error body → `api-rejected` (with `error.type`, `requestData.requestID`).
   * `events` accepts an empty 2xx body.
   */
  private async post<T>(endpoint: string, payload: unknown, signal: AbortSignal | undefined, parse: (v: unknown) => T): Promise<Timed<T>> {
    signal?.throwIfAborted();
    const path = endpoint == 'events' ? '/v2/connect/events' : `/v2/connect/append/${endpoint}`;
    const ctrl = new AbortController();
    const onAbort = () => ctrl.abort(signal!.reason);
    signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    const fail = (why: string, extra?: { status?: number; requestId?: string; cause?: unknown }) =>
      new CorbadoAppendError('api-unavailable', `${path}: ${why}`, { recoverable: true, ...extra });
    let res: Response, text: string;
    try {
      res = await fetch(this.baseUrl + path, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Corbado-ProjectID': this.projectId,
          ...(this.processId ? { 'X-Corbado-Process-ID': this.processId } : {}),
        },
        body: JSON.stringify(payload),
        credentials: 'include',
        redirect: 'error',
        keepalive: endpoint == 'finish',
        signal: ctrl.signal,
      });
      text = await res.text();
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      throw fail(ctrl.signal.aborted ? `no answer within ${this.timeoutMs} ms` : 'network error', { cause });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    const receivedAtMs = Date.now();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: decided below by status
    }
    const status = res.status;
    if (!res.ok) {
      const e = parseErrorBody(json);
      if (e && status < 500) {
        throw new CorbadoAppendError('api-rejected', `${path}: ${e.errorType}${e.details ? ` (${e.details})` : ''}`, {
          status,
          requestId: e.requestId,
          errorType: e.errorType,
        });
      }
      throw fail(`HTTP ${status}`, { status, requestId: e?.requestId });
    }
    if (json === undefined && endpoint != 'events') throw fail(`HTTP ${status}, not JSON`, { status });
    const date = Date.parse(res.headers.get('date') ?? '');
    return { data: parse(json), serverDateMs: date || undefined, receivedAtMs };
  }
}
