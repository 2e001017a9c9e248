/**
 * The finish rules (README "Guarantees"): a passkey that exists on the device and may exist on
 * the server is never thrown away, and none is minted twice.
 *
 * - The same attestation is sent again, with backoff (and at least what `Retry-After` asks),
 *   while the outcome is unknown, until the offer's deadline (and at least `MIN_FINISH_ATTEMPTS`
 *   times); `create()` is never re-run.
 * - Only a definitive refusal of an attestation that no earlier attempt may have stored — a 4xx
 *   with a Corbado error body (`api-rejected`) answering the first attempt — makes the passkey
 *   provider forget it (`signalUnknownCredential`). A 5xx, 408, 409, 425, 429, a gateway page, a
 *   non-JSON body, a timeout or a network error never does: the server may have stored the passkey
 *   before the answer was lost, or be storing it still.
 * - A refusal *as already stored* — its `error.type` in the closed list {@link ALREADY_STORED_TYPES},
 *   never a match on message text — is success-like (`unconfirmed`), first-hand or not: the
 *   server holds this very credential (a browser may resend a request whose answer it lost).
 * - A refusal *as a passkey that exists* ({@link EXISTS_TYPES}) is success-like only after an
 *   attempt that went unanswered (that attempt stored it, most likely); first-hand it is
 *   `undecided`: it may name this very credential (a browser's resend) or another passkey of the
 *   user's, this one refused — nothing is signalled, nothing said to be created.
 * - Any other refusal after an attempt that went unanswered stays `undecided`: the server may have
 *   stored the passkey with the first attempt and refuse the repeat for a reason of its own
 *   (Corbado's contract does not say which `error.type` answers a replayed finish). Nothing is
 *   signalled; the next offer reconciles it (reconcile.ts).
 *
 * The attempts run on timers of their own, not the flow's: a finish survives removal of the
 * element (a route change), its requests use `fetch(…, {keepalive: true})`. While it runs it holds
 * its process (claims.ts), so no other flow's start voids the challenge it still needs.
 */
import type { PasskeyOperation } from '../api/types.js';
import type { CorbadoAppendError } from '../errors.js';
import { toAppendError } from '../errors.js';
import { FINISH_BACKOFF_MS } from '../times.js';

/** Attempts made whatever the deadline says. */
export const MIN_FINISH_ATTEMPTS = 3;

/**
 * `error.type`s that refuse a finish because the server spent its challenge — on this credential,
 * most likely: `challenge_used` (the emulator's answer to a repeated finish, emulator/model.js).
 * Nothing else — least of all message text — reads as "already stored".
 */
export const ALREADY_STORED_TYPES: ReadonlySet<string> = new Set(['challenge_used']);

/**
 * `error.type`s that refuse a finish because a passkey exists: this very one (a repeat), or
 * another of the user's — `@corbado/web-core` 3.5 gives `passkey_already_exists` as a reason
 * *not to append* (`appendNotAllowedReason`), so the name alone does not say this one is stored.
 */
export const EXISTS_TYPES: ReadonlySet<string> = new Set(['passkey_already_exists']);

/** How one attempt ended. */
export type FinishAnswer =
  | { kind: 'confirmed'; passkeyOperation: PasskeyOperation }
  /** 4xx with a Corbado error body: the server read the request and refused it. */
  | { kind: 'rejected'; error: CorbadoAppendError }
  /** Refused as already stored ({@link ALREADY_STORED_TYPES}): the server holds this very credential. */
  | { kind: 'used'; error: CorbadoAppendError }
  /** Refused as a passkey that exists ({@link EXISTS_TYPES}): this one, or another of the user's. */
  | { kind: 'exists'; error: CorbadoAppendError }
  /** No definitive answer (5xx, 408/409/425/429, gateway page, non-JSON, timeout, network error): it may be stored. */
  | { kind: 'unknown'; error: CorbadoAppendError };

/** How the finish ended. */
export type FinishOutcome =
  | { kind: 'confirmed'; passkeyOperation: PasskeyOperation }
  /** Refused as already stored: the server holds it, its confirmation was lost. */
  | { kind: 'unconfirmed'; error: CorbadoAppendError }
  /** Definitively refused, never stored: the passkey provider was told to forget the credential. */
  | { kind: 'rejected'; error: CorbadoAppendError }
  /** No definitive answer: it may be stored; nothing was signalled (reconciled on the next offer). */
  | { kind: 'undecided'; error: CorbadoAppendError };

/** A failed attempt as the rules see it. */
export function answerOf(e: unknown): FinishAnswer {
  const error = toAppendError(e);
  // 409 Conflict: the server is busy with this very request (an earlier attempt still running) or
  // holds what it conflicts with — never a refusal of the attestation as such.
  if (error.code !== 'api-rejected' || error.status === 409) return { kind: 'unknown', error };
  const type = error.errorType ?? '';
  if (ALREADY_STORED_TYPES.has(type)) return { kind: 'used', error };
  return EXISTS_TYPES.has(type) ? { kind: 'exists', error } : { kind: 'rejected', error };
}

/**
 * What to do after the attempts so far (pure).
 * @param answers every attempt's answer, oldest first (at least one)
 * @param now local unix ms
 * @param deadlineMs local unix ms after which the options are void (`Offer.deadlineMs`)
 */
export function finishStep(answers: FinishAnswer[], now: number, deadlineMs: number): { retryInMs: number } | { outcome: FinishOutcome } {
  const last = answers[answers.length - 1];
  if (!last) throw new RangeError('finishStep: no answer yet');
  if (last.kind === 'confirmed') return { outcome: last };
  if (last.kind === 'used') return { outcome: { kind: 'unconfirmed', error: last.error } };
  const unanswered = answers.slice(0, -1).some((a) => a.kind === 'unknown');
  if (last.kind === 'exists') return { outcome: { kind: unanswered ? 'unconfirmed' : 'undecided', error: last.error } };
  if (last.kind === 'rejected') return { outcome: { kind: unanswered ? 'undecided' : 'rejected', error: last.error } };
  const backoff = FINISH_BACKOFF_MS[Math.min(answers.length, FINISH_BACKOFF_MS.length) - 1] ?? 5000;
  const pause = Math.max(backoff, last.error.retryAfterMs ?? 0);
  if (answers.length < MIN_FINISH_ATTEMPTS || now + pause < deadlineMs) return { retryInMs: pause };
  return { outcome: { kind: 'undecided', error: last.error } };
}

export interface FinishDeps {
  /** One attempt: `POST /v2/connect/append/finish` with the same body every time. */
  send(): Promise<PasskeyOperation>;
  /** Resolves after `ms` (relative), on a timer the element's removal does not clear. */
  wait(ms: number): Promise<void>;
  /** Local unix ms. */
  now(): number;
  /** WebAuthn `signalUnknownCredential` for this credential. */
  signalUnknown(): void;
}

/**
 * Run the finish rules to their end. Never rejects, whatever its deps do: a `send` that throws
 * is an unknown outcome, a `signalUnknown` that throws (a faulty polyfill) changes nothing.
 */
export async function finishAttestation(deps: FinishDeps, deadlineMs: number): Promise<FinishOutcome> {
  const answers: FinishAnswer[] = [];
  for (;;) {
    const answer = await Promise.resolve()
      .then(() => deps.send())
      .then((passkeyOperation): FinishAnswer => ({ kind: 'confirmed', passkeyOperation }), answerOf);
    answers.push(answer);
    const step = finishStep(answers, deps.now(), deadlineMs);
    if ('retryInMs' in step) {
      await deps.wait(step.retryInMs);
      continue;
    }
    if (step.outcome.kind === 'rejected') {
      try {
        deps.signalUnknown();
      } catch {
        /* the signal is a courtesy to the passkey provider; the outcome stands */
      }
    }
    return step.outcome;
  }
}
