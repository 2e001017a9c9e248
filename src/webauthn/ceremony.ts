/**
 * The WebAuthn registration ceremony (`navigator.credentials.create`, WebAuthn L3 §5.1.3) via
 * SimpleWebAuthn's `startRegistration`, and the classification of its failures.
 *
 * `runCeremony` calls `create()` synchronously — before its first `await` — so, called from a
 * click handler, the call happens inside the click's task and its user activation (Safari's rule).
 */
import { bufferToBase64URLString, startRegistration, WebAuthnAbortService } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import { CorbadoAppendError } from '../errors.js';
import { reportsExcludedAsNotAllowed, repeatsIdentically, type EnvironmentLimit } from './environment.js';
import { REFUSED_AT_ONCE_MS } from '../times.js';

/** What happened, in the words telemetry uses (`connectEventCreateReq.message`). */
export type FailureReason =
  | 'user-cancel'
  | 'focus-loss'
  | 'frame-permission'
  | 'environment'
  | 'security'
  | 'options'
  /** A `NotAllowedError` sooner than any user could cancel (`refused`). */
  | 'refused-at-once'
  | 'unknown';

/** What is known of a ceremony beside its outcome (`Ceremony.facts()`). */
export interface CeremonyFacts {
  /** Relative ms from the `create()` call to its outcome (so far, while it runs). */
  elapsedMs: number;
  /** How many credentials the options ask to exclude (`excludeCredentials`, WebAuthn L3 §5.4). */
  excludeCredentials: number;
  /** This engine answers an excluded credential with a quick `NotAllowedError` (`reportsExcludedAsNotAllowed`). */
  excludedAsNotAllowed?: boolean;
}

/** How a ceremony ended when it did not produce a credential. */
export type CeremonyFailure =
  /** `InvalidStateError`: a passkey in `excludeCredentials` already lives on this authenticator. */
  | { kind: 'already-registered' }
  /**
   * `NotAllowedError` within {@link REFUSED_AT_ONCE_MS}: the browser refused by itself — Safari
   * without transient user activation, Safari for a credential in `excludeCredentials` (its
   * `NotAllowedError` instead of `InvalidStateError`, WebKit bug 219813), a frame whose policy
   * cannot be read (Firefox, Safari). `excluded`: the options list credentials to exclude and this
   * engine reports an excluded credential so (WebKit only: `reportsExcludedAsNotAllowed`).
   * `error`: `ceremony-cancelled`, recoverable (one refusal alone cannot be told from a cancel).
   */
  | { kind: 'refused'; excluded: boolean; error: CorbadoAppendError }
  /** Anything else, as one of the design's codes (`ceremony-cancelled` for a user cancel). */
  | { kind: 'error'; error: CorbadoAppendError; reason: FailureReason };

/** A running `create()`. */
export interface Ceremony {
  /** Resolves with the credential; rejects with what `create()` threw. */
  readonly result: Promise<RegistrationResponseJSON>;
  /** Abort it (SimpleWebAuthn's abort service). Whoever aborts has already moved on: the flow ignores its outcome. */
  abort(): void;
  /** Its timing and options, for {@link classifyCeremonyError}. */
  facts(): CeremonyFacts;
}

/**
 * Start `navigator.credentials.create()` now (synchronously). `conditional` asks for WebAuthn
 * conditional create (`mediation: 'conditional'`, SimpleWebAuthn `useAutoRegister`).
 * Starting a ceremony aborts any earlier one on the page (SimpleWebAuthn's abort service).
 */
export function runCeremony(optionsJSON: PublicKeyCredentialCreationOptionsJSON, conditional = false): Ceremony {
  let settled = false;
  let elapsedMs: number | undefined;
  const startedAt = performance.now();
  const excludedAsNotAllowed = reportsExcludedAsNotAllowed();
  const result = hardened(() => startRegistration({ optionsJSON, useAutoRegister: conditional }));
  // Registered before anyone else's handlers: the time is taken when the outcome arrives.
  const done = () => void ((settled = true), (elapsedMs ??= performance.now() - startedAt));
  result.then(done, done);
  return {
    result,
    abort() {
      // Once settled, the page's abort service may hold someone else's ceremony: leave it be.
      if (!settled) WebAuthnAbortService.cancelCeremony();
      settled = true;
    },
    facts: () => ({
      elapsedMs: elapsedMs ?? performance.now() - startedAt,
      excludeCredentials: optionsJSON.excludeCredentials?.length ?? 0,
      excludedAsNotAllowed,
    }),
  };
}

/**
 * Run `start`, which calls `navigator.credentials.create()` synchronously (SimpleWebAuthn does,
 * before its first `await`), with that one call hardened, so a credential that exists is never
 * lost to what surrounds it:
 * - `getClientExtensionResults()` and the response's methods (`getTransports()` …) never throw
 *   (a faulty password-manager extension, SimpleWebAuthn#438): an output that cannot be read is
 *   left out; binary outputs (`prf.results.first`, an `ArrayBuffer`) become base64url, as in
 *   WebAuthn L3 `AuthenticationExtensionsClientOutputsJSON`;
 * - should anything after `create()` still throw, the credential is turned into its JSON here
 *   (WebAuthn L3 `RegistrationResponseJSON`), never dropped;
 * - a rejection that is no `Error` (`undefined`, a string) becomes an `UnknownError` `DOMException`.
 * The page's own `navigator.credentials.create` is back in place when `start` returns.
 */
function hardened(start: () => Promise<RegistrationResponseJSON>): Promise<RegistrationResponseJSON> {
  const container = navigator.credentials as CredentialsContainer & { create: CredentialsContainer['create'] };
  const own = Object.getOwnPropertyDescriptor(container, 'create');
  const create = container.create.bind(container);
  let made: PublicKeyCredential | undefined;
  try {
    Object.defineProperty(container, 'create', {
      configurable: true,
      writable: true,
      value: (options?: CredentialCreationOptions) =>
        create(options).then((c) => ((made = (c as PublicKeyCredential | null) ?? undefined), safeCredential(c)), asError),
    });
  } catch {
    return start(); // a locked-down container: go without
  }
  try {
    return start().catch((e: unknown) => {
      if (!made) throw e;
      return responseJSON(made);
    });
  } finally {
    if (own) Object.defineProperty(container, 'create', own);
    else delete (container as { create?: unknown }).create;
  }
}

/** A call of `fn` that never throws (undefined instead). */
const quiet = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};

/** `RegistrationResponseJSON` of a credential SimpleWebAuthn could not read (WebAuthn L3 §5.1 `toJSON()`). */
function responseJSON(c: PublicKeyCredential): RegistrationResponseJSON {
  const r = c.response as AuthenticatorAttestationResponse;
  const transports = quiet(() => r.getTransports?.());
  return {
    id: c.id,
    rawId: bufferToBase64URLString(c.rawId),
    type: 'public-key',
    response: {
      clientDataJSON: bufferToBase64URLString(r.clientDataJSON),
      attestationObject: bufferToBase64URLString(r.attestationObject),
      ...(Array.isArray(transports) ? { transports: transports } : {}),
    },
    clientExtensionResults: extensionOutputsJSON(c),
    ...(c.authenticatorAttachment
      ? { authenticatorAttachment: c.authenticatorAttachment as RegistrationResponseJSON['authenticatorAttachment'] }
      : {}),
  };
}

const asError = (e: unknown): never => {
  throw e instanceof Error ? e : new DOMException(`create() rejected with ${String(e)}`, 'UnknownError');
};

/** `target` with methods that cannot throw (undefined instead); platform getters read off the real object. */
const safeMethods = <T extends object>(target: T): T =>
  new Proxy(target, {
    get(t, key) {
      const value: unknown = Reflect.get(t, key, t);
      return typeof value === 'function' ? (...a: unknown[]) => quiet(() => (value as (...a: unknown[]) => unknown).apply(t, a)) : value;
    },
  });

/** The credential as it is, but for a `getClientExtensionResults()` that cannot throw and gives JSON, and a response whose methods cannot throw. */
function safeCredential(credential: Credential | null): Credential | null {
  if (!credential) return credential;
  return new Proxy(credential, {
    get(target, key) {
      if (key === 'getClientExtensionResults') return () => extensionOutputsJSON(target as PublicKeyCredential);
      if (key === 'response') return safeMethods((target as PublicKeyCredential).response);
      const value: unknown = Reflect.get(target, key, target); // platform getters need the real object
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function extensionOutputsJSON(credential: PublicKeyCredential): Record<string, unknown> {
  try {
    return toJSON(credential.getClientExtensionResults()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * What JSON can carry of an extension output, recursively: buffers as base64url, a `BigInt` as its
 * decimal text; members whose getter throws, functions, symbols and cycles are left out. So the
 * attestation can always be sent (`JSON.stringify` throws on a `BigInt` or a cycle).
 */
function toJSON(v: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof ArrayBuffer) return bufferToBase64URLString(v);
  if (ArrayBuffer.isView(v)) return bufferToBase64URLString(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer);
  if (seen.has(v)) return undefined;
  seen.add(v);
  if (Array.isArray(v)) return v.map((x) => toJSON(x, seen) ?? null);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) {
    try {
      const value = toJSON((v as Record<string, unknown>)[key], seen);
      if (value !== undefined) out[key] = value;
    } catch {
      /* unreadable: left out */
    }
  }
  return out;
}

/**
 * Classify a failure of `create()` (WebAuthn §5.1.3 error names; SimpleWebAuthn keeps the
 * DOMException name on its `WebAuthnError`). Pure. Our own aborts never get here (the flow drops
 * the outcome of a ceremony it aborted), so an `AbortError` is someone else's: a user cancel.
 * A `NotAllowedError` sooner than {@link REFUSED_AT_ONCE_MS} is `refused` (the flow decides
 * what that means by how the ceremony was started and what came before).
 * A failure that would repeat identically is never recoverable.
 * @param limit what is known of this environment (`environmentLimit`)
 * @param facts how long it ran and what it excluded (`Ceremony.facts()`); without them no refusal is seen
 */
export function classifyCeremonyError(err: unknown, limit?: EnvironmentLimit, facts?: CeremonyFacts): CeremonyFailure {
  const name = (err as { name?: unknown } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  const fail = (code: CorbadoAppendError['code'], reason: FailureReason, text: string, recoverable = false): CeremonyFailure => ({
    kind: 'error',
    error: new CorbadoAppendError(code, text, { recoverable, cause: err }),
    reason,
  });
  if (name === 'InvalidStateError') return { kind: 'already-registered' };
  if (name === 'NotAllowedError' || name === 'AbortError') {
    // Sooner than any person could have closed a sheet (or not measured): the browser's answer.
    const quick = !facts || facts.elapsedMs < REFUSED_AT_ONCE_MS;
    // A frame without the permission refuses every create() alike. An in-app browser or WebView
    // refuses at once where it cannot; one whose app turned WebAuthn on shows a sheet, and a
    // slower refusal is a person closing it: a cancel.
    if (limit === 'frame-permission' || (repeatsIdentically(limit) && quick)) {
      const reason = limit === 'frame-permission' ? 'frame-permission' : 'environment';
      return fail('unsupported', reason, `${limit}: ${message}`);
    }
    if (/focus/i.test(message)) return fail('ceremony-failed', 'focus-loss', `focus lost: ${message}`, true);
    // (No built-in authenticator changes nothing here: refused at once, no sheet offered a phone
    // or a key, and the next try would be refused alike — `refused`; slower, a person closed it.)
    if (name === 'NotAllowedError' && facts && facts.elapsedMs < REFUSED_AT_ONCE_MS) {
      const text = `refused at once (${Math.round(facts.elapsedMs)} ms): ${message}`;
      return {
        kind: 'refused',
        excluded: facts.excludeCredentials > 0 && facts.excludedAsNotAllowed === true,
        error: new CorbadoAppendError('ceremony-cancelled', text, { recoverable: true, cause: err }),
      };
    }
    return fail('ceremony-cancelled', 'user-cancel', `cancelled: ${message}`, true);
  }
  if (name === 'SecurityError') return fail('security-error', 'security', `rp.id: ${message}`);
  // The browser refused these options: the same options fail the same way again.
  if (name === 'TypeError' || name === 'NotSupportedError' || name === 'RangeError') {
    return fail('options-invalid', 'options', `options refused: ${message}`);
  }
  if (typeof PublicKeyCredential === 'undefined' || /not supported/i.test(message)) {
    return fail('unsupported', 'environment', 'no WebAuthn');
  }
  // ConstraintError, UnknownError, anything an extension throws: the user may try again.
  return fail('ceremony-failed', 'unknown', `create(): ${message}`, true);
}
