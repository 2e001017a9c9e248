/**
 * Spies and stand-ins for browser APIs the element calls, for component tests. Each `spy*`/`stub*`
 * installs itself on the real global and returns a handle whose `restore()` puts the original back;
 * call it in `afterEach` (the page is shared by every test of a file).
 */

/** One `navigator.credentials.create()` call seen by `spyCreate`. */
export interface CreateCall {
  /** `mediation` of the call (`'conditional'` for conditional create, undefined for the modal ceremony). */
  mediation: string | undefined;
  options: CredentialCreationOptions;
  /** `performance.now()` when create() was called. */
  at: number;
  /** `performance.now()` when the call's signal was aborted, if it was. */
  abortedAt?: number;
  /** `Date.now()` (unix ms) when the call's signal was aborted, if it was. */
  abortedWall?: number;
  /** How the call settled, once it did. */
  outcome?: 'resolved' | 'rejected';
  /** `name` of the rejection. */
  error?: string;
}

export interface CreateSpy {
  calls: CreateCall[];
  modal(): CreateCall[];
  conditional(): CreateCall[];
  restore(): void;
}

export interface CreateSpyOptions {
  /**
   * What a conditional create (`mediation: 'conditional'`) does:
   * - `native` (default): goes to the browser; in headless Chromium it never settles until aborted.
   * - `modal-stand-in`: STUB. Headless Chromium never settles a conditional create, so its success
   *   cannot happen for real. The call is answered by a real *modal* create() with the very same
   *   publicKey options and signal on the virtual authenticator: a genuine credential over the
   *   server's challenge, origin and rp, which the emulator verifies like any other.
   */
  conditional?: 'native' | 'modal-stand-in';
}

/** Wraps `navigator.credentials.create` (pass-through) and records every call. */
export function spyCreate(opts: CreateSpyOptions = {}): CreateSpy {
  const container = navigator.credentials as CredentialsContainer & { create: CredentialsContainer['create'] };
  const original = container.create.bind(container);
  const calls: CreateCall[] = [];
  container.create = (options?: CredentialCreationOptions) => {
    const o: CredentialCreationOptions = { ...(options ?? {}) };
    const call: CreateCall = { mediation: (o as { mediation?: string }).mediation, options: o, at: performance.now() };
    calls.push(call);
    o.signal?.addEventListener(
      'abort',
      () => {
        call.abortedAt = performance.now();
        call.abortedWall = Date.now();
      },
      { once: true },
    );
    let forward = o;
    if (call.mediation === 'conditional' && opts.conditional === 'modal-stand-in') {
      forward = { ...o };
      delete (forward as { mediation?: string }).mediation;
    }
    const p = original(forward);
    p.then(
      () => (call.outcome = 'resolved'),
      (e: unknown) => {
        call.outcome = 'rejected';
        call.error = (e as { name?: string } | null)?.name;
      },
    );
    return p;
  };
  return {
    calls,
    modal: () => calls.filter(c => c.mediation !== 'conditional'),
    conditional: () => calls.filter(c => c.mediation === 'conditional'),
    restore: () => {
      delete (container as { create?: unknown }).create;
    },
  };
}

/** One `fetch` to `/v2/*` seen by `spyFetch`. */
export interface FetchCall {
  path: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** `performance.now()` when fetch() was called. */
  at: number;
  /** `Date.now()` (unix ms) when fetch() was called. */
  wall: number;
  /** The JSON body of the response, once it arrived (undefined for 204 / non-JSON). */
  response?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface FetchSpy {
  calls: FetchCall[];
  of(path: string): FetchCall[];
  restore(): void;
}

/**
 * Wraps `window.fetch` and records calls to `/v2/*` with their JSON bodies and responses.
 * `rewrite(path, json)` may change a JSON response on its way to the element (status and headers,
 * `Date` included, are kept): for what the emulator cannot be asked to send.
 */
export function spyFetch(rewrite?: (path: string, json: any) => any): FetchSpy { // eslint-disable-line @typescript-eslint/no-explicit-any
  const original = window.fetch;
  const calls: FetchCall[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (!url.pathname.startsWith('/v2/')) return original(input, init);
    const call: FetchCall = {
      path: url.pathname,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      at: performance.now(),
      wall: Date.now(),
    };
    calls.push(call);
    const res = await original(input, init);
    const text = await res.clone().text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      return res;
    }
    call.response = json;
    if (!rewrite || json === undefined) return res;
    return new Response(JSON.stringify(rewrite(url.pathname, structuredClone(json))), { status: res.status, headers: res.headers });
  };
  return {
    calls,
    of: path => calls.filter(c => c.path === path),
    restore: () => {
      window.fetch = original;
    },
  };
}

/** Makes `Date.now()` read `offsetMs` off the real clock (a client clock that is wrong). */
export function skewClock(offsetMs: number): { restore(): void } {
  const real = Date.now;
  Date.now = () => real.call(Date) + offsetMs;
  return {
    restore: () => {
      Date.now = real;
    },
  };
}

/** Replaces `obj[key]` by an own property with `value` (or deletes it) until the returned undo runs. */
export function stubProperty(obj: object, key: string, value: unknown, remove = false): () => void {
  const own = Object.getOwnPropertyDescriptor(obj, key);
  if (remove) delete (obj as Record<string, unknown>)[key];
  else Object.defineProperty(obj, key, { value, configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(obj, key, own);
    else delete (obj as Record<string, unknown>)[key];
  };
}

/** Replaces a static member of `PublicKeyCredential` (or removes it with `undefined`). */
export function stubPublicKeyCredential(name: string, value: unknown): { restore(): void } {
  return { restore: stubProperty(PublicKeyCredential, name, value) };
}

/** Resolves after `ms` (for asserting that something does *not* happen within a window). */
export const pause = (ms: number) => new Promise<void>(r => setTimeout(r, ms));
