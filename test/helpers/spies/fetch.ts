/**
 * `spyFetch`: a `window.fetch` wrapper that records every request, answers chosen ones itself or
 * rewrites the JSON the server sent; and the responses tests answer with.
 */
import { onCleanup, once } from '../cleanup.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies are whatever the server sent */

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';

/** One `fetch` call seen by {@link spyFetch}. */
export interface FetchCall {
  url: URL;
  /** `url.pathname` */
  path: string;
  method: string;
  headers: Headers;
  /** The request body as sent (JSON text for the element's calls). */
  text: string | undefined;
  /** The request body parsed as JSON (undefined when absent or not JSON). */
  body: any;
  signal: AbortSignal | undefined;
  /** Sent with `keepalive: true` (it outlives the page). */
  keepalive: boolean;
  /** `performance.now()` at the call (ms). */
  at: number;
  /** `Date.now()` at the call (unix ms; skewed by {@link skewClock}). */
  wall: number;
  /** Settled: answered (body read), failed or aborted. */
  settled: boolean;
  /** Rejected with an `AbortError` (the caller aborted it). */
  aborted: boolean;
  /** Answered by the test's `answer` instead of the network. */
  stubbed: boolean;
  /** HTTP status of the answer, once answered. */
  status?: number;
  /** The JSON body of a `/v2/*` answer once it arrived, as sent (before any `rewrite`). */
  response?: any;
}

export interface FetchSpyOptions {
  /**
   * Answer a request yourself: a `Response` (or a promise of one; it still honours the request's
   * signal), or undefined to let it through. `forward()` sends the request on to the network.
   */
  answer?: (call: FetchCall, forward: () => Promise<Response>) => Response | Promise<Response> | undefined;
  /**
   * Changes the JSON of a `/v2/*` answer on its way to the element (status and headers, `Date`
   * included, are kept): for what the emulator cannot be asked to send.
   */
  rewrite?: (path: string, json: any) => any;
}

export interface FetchSpy {
  /** Every call, in order. */
  calls: FetchCall[];
  /** Calls to `/v2/connect/*` (the element's Frontend API traffic), optionally one path only. */
  api(path?: string): FetchCall[];
  /** Calls not yet settled. */
  pending(): FetchCall[];
  /** Resolves with the `n`-th call to `path` (1-based), at once if it was made already; no timer. */
  reached(path: string, n?: number): Promise<FetchCall>;
  restore(): void;
}

/** Wraps `window.fetch`: records every call; `answer` and `rewrite` may stand in for the server. */
export function spyFetch(options: FetchSpyOptions = {}): FetchSpy {
  const original = window.fetch;
  const calls: FetchCall[] = [];
  const waiters: { path: string; n: number; resolve(call: FetchCall): void }[] = [];
  const nth = (path: string, n: number) => calls.filter((c) => c.path === path)[n - 1];
  const wrapped: typeof fetch = (input, init) => {
    const req = input instanceof Request ? input : undefined;
    const url = new URL(req ? req.url : String(input), location.href);
    const text = typeof init?.body === 'string' ? init.body : undefined;
    const call: FetchCall = {
      url,
      path: url.pathname,
      method: (init?.method ?? req?.method ?? 'GET').toUpperCase(),
      headers: new Headers(init?.headers ?? req?.headers),
      text,
      body: parseJson(text),
      signal: init?.signal ?? req?.signal ?? undefined,
      keepalive: init?.keepalive === true,
      at: performance.now(),
      wall: Date.now(),
      settled: false,
      aborted: false,
      stubbed: false,
    };
    calls.push(call);
    for (const w of waiters.filter((w) => nth(w.path, w.n))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(nth(w.path, w.n)!);
    }
    const forward = () => original.call(window, input, init);
    const stub = options.answer?.(call, forward);
    call.stubbed = stub !== undefined;
    const p = (async () => {
      const res = await (stub !== undefined ? abortable(Promise.resolve(stub), call.signal) : forward());
      call.status = res.status;
      return call.path.startsWith('/v2/') ? readJson(call, res, options.rewrite) : res;
    })();
    p.then(
      () => (call.settled = true),
      (e) => {
        call.settled = true;
        call.aborted = isAbort(e) || call.signal?.aborted === true;
      },
    );
    return p;
  };
  window.fetch = wrapped;
  const restore = once(() => {
    if (window.fetch === wrapped) window.fetch = original;
  });
  onCleanup(restore);
  return {
    calls,
    api: (path) => calls.filter((c) => c.path.startsWith('/v2/connect/') && (!path || c.path === path)),
    pending: () => calls.filter((c) => !c.settled),
    reached: (path, n = 1) => new Promise((resolve) => (nth(path, n) ? resolve(nth(path, n)!) : waiters.push({ path, n, resolve }))),
    restore,
  };
}

function parseJson(text: string | undefined): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Notes the JSON of an answer in `call.response`; hands on the answer, rewritten if asked. */
async function readJson(call: FetchCall, res: Response, rewrite: FetchSpyOptions['rewrite']): Promise<Response> {
  const json = parseJson(await res.clone().text());
  call.response = json;
  if (!rewrite || json === undefined) return res;
  const body = JSON.stringify(rewrite(call.path, structuredClone(json)));
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/** Like fetch: a stubbed answer still honours the request's signal. */
function abortable(p: Promise<Response>, signal: AbortSignal | undefined): Promise<Response> {
  if (!signal) return p;
  const reason = () => signal.reason ?? new DOMException('aborted', 'AbortError');
  if (signal.aborted) return Promise.reject(reason());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A JSON response (with a `Date` header, as the element's expiry clock expects). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', date: new Date().toUTCString(), ...headers },
  });
}

/** A valid `connectAppendFinishRsp`. */
export function finishOk(name = 'Virtual Authenticator'): Response {
  return jsonResponse(200, {
    passkeyOperation: {
      operationType: 'append',
      identifierValue: 'user@example.com',
      identifierType: 'email',
      ceremonyType: 'local',
      aaguidDetails: { name, iconLight: '', iconDark: '' },
    },
  });
}

/** A Corbado error body (`httpStatusCode`, `message`, `requestData`, `runtime`, `error`). */
export function corbadoError(
  status: number,
  e: { requestID: string; message?: string; link?: string; runtime?: number; type?: string; details?: string },
): Response {
  return jsonResponse(status, {
    httpStatusCode: status,
    message: e.message ?? 'request failed',
    requestData: { requestID: e.requestID, link: e.link ?? '' },
    runtime: e.runtime ?? 0,
    error: { type: e.type ?? 'validation_error', details: e.details ?? '', links: [] },
  });
}
