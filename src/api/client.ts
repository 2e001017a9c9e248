/**
 * A small client for the Corbado Frontend API append endpoints. It knows nothing of Lit or
 * WebAuthn: it sends JSON, checks what comes back, and maps every failure to a
 * `CorbadoAppendError` (`api-unavailable` or `api-rejected`). Aborts requested by the caller's
 * signal are re-thrown as they are (a `DOMException` named `AbortError`), so the caller can tell
 * "I stopped this" from "the server failed".
 */
import { CorbadoAppendError } from '../errors.js';
import type {
  AppendFinishRequest,
  AppendFinishResponse,
  AppendInitRequest,
  AppendInitResponse,
  AppendStartRequest,
  AppendStartResponse,
  ConnectEventRequest,
} from './types.js';
import { parseErrorBody, parseFinishResponse, parseInitResponse, parseStartResponse } from './validate.js';

/** A checked response plus what the caller needs to turn `expiresMs` into a local deadline. */
export interface Timed<T> {
  data: T;
  /** Response `Date` header as unix ms, when present and parseable (1 s resolution). */
  serverDateMs?: number;
  /** Local `Date.now()` when the response arrived (unix ms). */
  receivedAtMs: number;
}

export interface FrontendApiClientOptions {
  /** Base URL from `resolveApiBaseUrl`. */
  baseUrl: string;
  /** Sent as `X-Corbado-ProjectID`. */
  projectId: string;
  /** Per-request timeout in ms (relative). Default 10 000. */
  timeoutMs?: number;
}

const unavailable = (message: string, extra: { status?: number; requestId?: string; cause?: unknown } = {}) =>
  new CorbadoAppendError('api-unavailable', message, { recoverable: true, ...extra });

export class FrontendApiClient {
  /** `processID` from the last init; sent as `X-Corbado-Process-ID` from then on. */
  processId?: string;
  private readonly opts: Required<FrontendApiClientOptions>;

  constructor(opts: FrontendApiClientOptions) {
    this.opts = { timeoutMs: 10_000, ...opts };
  }

  /** `POST /v2/connect/append/init`; remembers `processID`. */
  async init(req: AppendInitRequest, signal?: AbortSignal): Promise<Timed<AppendInitResponse>> {
    const res = await this.post('/v2/connect/append/init', req, signal, parseInitResponse);
    this.processId = res.data.processID;
    return res;
  }

  /** `POST /v2/connect/append/start`. */
  start(req: AppendStartRequest, signal?: AbortSignal): Promise<Timed<AppendStartResponse>> {
    return this.post('/v2/connect/append/start', req, signal, parseStartResponse);
  }

  /** `POST /v2/connect/append/finish`. */
  finish(req: AppendFinishRequest, signal?: AbortSignal): Promise<Timed<AppendFinishResponse>> {
    return this.post('/v2/connect/append/finish', req, signal, parseFinishResponse);
  }

  /**
   * `POST /v2/connect/events`, fire-and-forget: never rejects, never delays the caller
   * (the returned promise is only for tests and cleanup). `keepalive` lets it outlive the page.
   */
  event(req: ConnectEventRequest, signal?: AbortSignal): Promise<void> {
    return this.send('/v2/connect/events', req, signal, true).then(
      () => undefined,
      () => undefined,
    );
  }

  private async post<T>(
    path: string,
    payload: unknown,
    signal: AbortSignal | undefined,
    parse: (v: unknown) => T,
  ): Promise<Timed<T>> {
    const { res, text } = await this.send(path, payload, signal);
    const receivedAtMs = Date.now();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const corbado = parseErrorBody(json);
      if (res.status >= 400 && res.status < 500 && corbado) {
        const details = corbado.details ? ` (${corbado.details})` : '';
        throw new CorbadoAppendError('api-rejected', `${path}: ${corbado.errorType}${details}`, {
          status: res.status,
          requestId: corbado.requestId,
          errorType: corbado.errorType,
        });
      }
      throw unavailable(`${path}: HTTP ${res.status}`, { status: res.status, requestId: corbado?.requestId });
    }
    if (json === undefined) {
      throw unavailable(`${path}: response is not JSON (HTTP ${res.status})`, { status: res.status });
    }
    const date = Date.parse(res.headers.get('date') ?? '');
    return { data: parse(json), serverDateMs: Number.isNaN(date) ? undefined : date, receivedAtMs };
  }

  /**
   * One fetch with our headers, body read included, under one timeout. Network failures,
   * timeouts and redirects → `api-unavailable`; an abort by `signal` re-throws its reason.
   */
  private async send(
    path: string,
    payload: unknown,
    signal?: AbortSignal,
    keepalive = false,
  ): Promise<{ res: Response; text: string }> {
    signal?.throwIfAborted();
    const ctrl = new AbortController();
    const onAbort = () => ctrl.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, this.opts.timeoutMs);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Corbado-ProjectID': this.opts.projectId,
    };
    if (this.processId) headers['X-Corbado-Process-ID'] = this.processId;
    try {
      const res = await fetch(this.opts.baseUrl + path, {
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        credentials: 'include',
        redirect: 'error',
        keepalive,
        signal: ctrl.signal,
      });
      return { res, text: await res.text() };
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      const why = timedOut ? `no answer within ${this.opts.timeoutMs} ms` : 'network error';
      throw unavailable(`${path}: ${why}`, { cause });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
