/**
 * `spyCreate`: a `navigator.credentials.create` wrapper that records every ceremony (its options,
 * mediation, abort and outcome), passes it on to the virtual authenticator or answers it itself.
 */
import { realTimers, stubProperty } from './globals.js';

/** One `navigator.credentials.create()` call seen by {@link spyCreate}. */
export interface CreateCall {
  /** A copy of the options the element passed. */
  options: CredentialCreationOptions;
  /** `'conditional'` for conditional create, undefined for the modal ceremony. */
  mediation: string | undefined;
  signal: AbortSignal | undefined;
  /** `performance.now()` at the call. */
  at: number;
  /** `performance.now()` / `Date.now()` when the call's signal was aborted, if it was. */
  abortedAt?: number;
  abortedWall?: number;
  settled: boolean;
  /** `performance.now()` when the page saw its outcome. */
  settledAt?: number;
  outcome?: 'resolved' | 'rejected';
  /** `name` of the rejection. */
  error?: string;
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
  /** Replaces the call (e.g. to reject with a chosen DOMException); `real()` makes the real one. */
  answer?: (options: CredentialCreationOptions, real: () => Promise<Credential | null>) => Promise<Credential | null>;
  /**
   * STUB of timing: the outcome reaches the page no sooner than this (relative ms) after the call.
   * A virtual authenticator refuses at once; a person takes a while to cancel (the element tells
   * the two apart by time, `REFUSED_AT_ONCE_MS`): `settleAfterMs: HUMAN_CANCEL_MS` makes a
   * refused user verification a user's cancel.
   */
  settleAfterMs?: number;
}

/** How long a quick person takes to cancel the passkey sheet (relative ms; README "Engines"). */
export const HUMAN_CANCEL_MS = 800;

export interface CreateSpy {
  calls: CreateCall[];
  /** Modal (not conditional) calls. */
  modal(): CreateCall[];
  conditional(): CreateCall[];
  restore(): void;
}

/** Wraps `navigator.credentials.create` (pass-through unless `answer`) and records every call. */
export function spyCreate(opts: CreateSpyOptions = {}): CreateSpy {
  const container = navigator.credentials;
  const original = container.create.bind(container);
  const calls: CreateCall[] = [];
  const wrapped = (options?: CredentialCreationOptions) => {
    const o: CredentialCreationOptions = { ...(options ?? {}) };
    const mediation = (o as { mediation?: string }).mediation;
    const call: CreateCall = { options: o, mediation, signal: o.signal ?? undefined, at: performance.now(), settled: false };
    calls.push(call);
    o.signal?.addEventListener(
      'abort',
      () => {
        call.abortedAt = performance.now();
        call.abortedWall = Date.now();
      },
      { once: true },
    );
    const forward = { ...o };
    if (mediation === 'conditional' && opts.conditional === 'modal-stand-in') delete (forward as { mediation?: string }).mediation;
    const real = () => original(forward);
    const answered = opts.answer ? opts.answer(o, real) : real();
    const delay = opts.settleAfterMs;
    const late = <T>(settle: () => T) =>
      new Promise<T>((resolve) => realTimers.setTimeout(() => resolve(settle()), Math.max(0, call.at + delay! - performance.now())));
    const p =
      delay === undefined
        ? answered
        : answered.then(
            (v) => late(() => v),
            (e: unknown) => late(() => Promise.reject(e)),
          );
    p.then(
      () => {
        call.settled = true;
        call.settledAt = performance.now();
        call.outcome = 'resolved';
      },
      (e: unknown) => {
        call.settled = true;
        call.settledAt = performance.now();
        call.outcome = 'rejected';
        call.error = (e as { name?: string } | null)?.name;
      },
    );
    return p;
  };
  const restore = stubProperty(container, 'create', wrapped);
  return {
    calls,
    modal: () => calls.filter((c) => c.mediation !== 'conditional'),
    conditional: () => calls.filter((c) => c.mediation === 'conditional'),
    restore,
  };
}
