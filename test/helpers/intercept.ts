/**
 * Browser-side spies for component tests: a `fetch` wrapper that records every request (and can
 * answer chosen ones itself), and a `navigator.credentials.create` wrapper that counts ceremonies
 * and keeps the options each one received. Both are installed on the real globals and undone by
 * `restore()`; install them before mounting the element.
 */

/** One `fetch` call seen by {@link interceptFetch}. */
export interface FetchCall {
  url: URL;
  method: string;
  headers: Headers;
  /** The request body as sent (JSON text for the element's calls). */
  body: string | undefined;
  signal: AbortSignal | undefined;
  /** `performance.now()` at the call (ms). */
  at: number;
  /** Settled (answered, failed or aborted). */
  settled: boolean;
  /** Rejected with an `AbortError` (the caller aborted it). */
  aborted: boolean;
  /** Answered by the test's handler instead of the network. */
  stubbed: boolean;
  /** HTTP status of the answer, once answered. */
  status?: number;
}

/** Answer a request yourself (a `Response`), or return undefined to let it go to the network. */
export type FetchHandler = (call: FetchCall) => Response | Promise<Response> | undefined;

export interface FetchSpy {
  calls: FetchCall[];
  /** Calls to `/v2/connect/*` (the element's Frontend API traffic), optionally one path only. */
  api(path?: string): FetchCall[];
  /** Calls not yet settled. */
  pending(): FetchCall[];
  restore(): void;
}

export function interceptFetch(handler?: FetchHandler): FetchSpy {
  const original = window.fetch;
  const calls: FetchCall[] = [];
  const wrapped: typeof fetch = (input, init) => {
    const req = input instanceof Request ? input : undefined;
    const url = new URL(req ? req.url : String(input), location.href);
    const call: FetchCall = {
      url,
      method: (init?.method ?? req?.method ?? 'GET').toUpperCase(),
      headers: new Headers(init?.headers ?? req?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
      signal: init?.signal ?? req?.signal ?? undefined,
      at: performance.now(),
      settled: false,
      aborted: false,
      stubbed: false,
    };
    calls.push(call);
    let p: Promise<Response>;
    const stub = handler?.(call);
    if (stub) {
      call.stubbed = true;
      p = abortable(Promise.resolve(stub), call.signal);
    } else {
      p = original.call(window, input, init);
    }
    p.then(
      res => {
        call.settled = true;
        call.status = res.status;
      },
      e => {
        call.settled = true;
        call.aborted = (e as { name?: string })?.name === 'AbortError' || call.signal?.aborted === true;
      },
    );
    return p;
  };
  window.fetch = wrapped;
  return {
    calls,
    api: path => calls.filter(c => c.url.pathname.startsWith('/v2/connect/') && (!path || c.url.pathname === path)),
    pending: () => calls.filter(c => !c.settled),
    restore() {
      if (window.fetch === wrapped) window.fetch = original;
    },
  };
}

/** Like fetch: a stubbed answer still honours the request's signal. */
function abortable(p: Promise<Response>, signal: AbortSignal | undefined | null): Promise<Response> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      v => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      e => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** A JSON response. */
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

/** One `navigator.credentials.create()` call seen by {@link spyCreate}. */
export interface CreateCall {
  options: CredentialCreationOptions;
  /** `mediation: 'conditional'` (a silent conditional create, not a modal ceremony). */
  conditional: boolean;
  signal: AbortSignal | undefined;
  settled: boolean;
  /** The rejection, if it rejected. */
  error?: unknown;
}

export interface CreateSpy {
  calls: CreateCall[];
  /** Modal (not conditional) calls. */
  modal(): CreateCall[];
  restore(): void;
}

/**
 * Wraps `navigator.credentials.create`. `impl` replaces the real call (e.g. to throw a given
 * DOMException); by default the real one runs (the virtual authenticator must be attached).
 */
export function spyCreate(impl?: (options: CredentialCreationOptions, real: () => Promise<Credential | null>) => Promise<Credential | null>): CreateSpy {
  const container = navigator.credentials;
  const real = container.create.bind(container);
  const calls: CreateCall[] = [];
  const wrapped = (options: CredentialCreationOptions = {}) => {
    const call: CreateCall = {
      options,
      conditional: (options as { mediation?: string }).mediation === 'conditional',
      signal: options.signal ?? undefined,
      settled: false,
    };
    calls.push(call);
    const p = impl ? impl(options, () => real(options)) : real(options);
    p.then(
      () => (call.settled = true),
      e => {
        call.settled = true;
        call.error = e;
      },
    );
    return p;
  };
  Object.defineProperty(container, 'create', { value: wrapped, configurable: true, writable: true });
  return {
    calls,
    modal: () => calls.filter(c => !c.conditional),
    restore() {
      delete (container as unknown as { create?: unknown }).create; // back to the prototype's
    },
  };
}

/** Resolves after `ms` with the page's real timer (immune to tests that wrap setTimeout). */
export const sleep = (ms: number) => new Promise<void>(r => realSetTimeout(r, ms));
const realSetTimeout = window.setTimeout.bind(window);

/** Polls `check` every 10 ms until true, or throws after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Bytes of a BufferSource. */
export function bytesOf(b: BufferSource | undefined): number[] {
  if (!b) return [];
  const u8 = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return Array.from(u8);
}
