/**
 * The finish rules (DESIGN.md, "Finish rules"): a passkey that exists on the device and may
 * exist on the server is never thrown away, and none is minted twice.
 *
 * - The same attestation is sent again, with backoff, while the outcome is unknown, until the
 *   options' deadline (and at least `MIN_FINISH_ATTEMPTS` times); `create()` is never re-run.
 * - Only a definitive refusal of an attestation no earlier attempt may have stored — a 4xx with a
 *   Corbado error body (`api-rejected`) — makes the passkey provider forget it
 *   (`signalUnknownCredential`). A 5xx, a gateway page, a non-JSON body, a timeout or a network
 *   error never does: the server may have stored the passkey before the answer was lost.
 * - A refusal after an attempt that may have been stored is success-like (`unconfirmed`): an
 *   identical request refused right after an unanswered one is the server recognising what it
 *   already holds. So is a refusal *as already used* (`challenge_used`, "already registered"…)
 *   even on the first attempt: the browser may have resent the request itself after a dropped
 *   connection. Neither is ever reported as "not saved".
 *
 * The attempts run on timers of their own, not the flow's: a finish survives removal of the
 * element (a route change), its requests use `fetch(…, {keepalive: true})`. While it runs, a new
 * flow of the same project waits before it asks for an offer (`finishesSettled`): that start
 * would void the challenge the running finish still needs, and orphan its passkey.
 */
import { storeLastLogin } from '../api/client-state.js';
import type { PasskeyOperation } from '../api/types.js';
import type { CorbadoAppendError } from '../errors.js';
import { toAppendError } from '../errors.js';

/** Pauses (relative ms) before each further attempt whose outcome is unknown; the last repeats. */
export const FINISH_BACKOFF_MS = [400, 1200, 2500, 5000];
/** Attempts made whatever the deadline says. */
export const MIN_FINISH_ATTEMPTS = 3;

/** How one attempt ended. */
export type FinishAnswer =
  | { kind: 'confirmed'; passkeyOperation: PasskeyOperation }
  /** 4xx with a Corbado error body: the server read the request and refused it. */
  | { kind: 'rejected'; error: CorbadoAppendError }
  /** 4xx refusing it as already used or known: the server may hold this very attestation. */
  | { kind: 'used'; error: CorbadoAppendError }
  /** No definitive answer (5xx, gateway page, non-JSON, timeout, network error): it may have been stored. */
  | { kind: 'unknown'; error: CorbadoAppendError };

/** How the finish ended. */
export type FinishOutcome =
  | { kind: 'confirmed'; passkeyOperation: PasskeyOperation }
  /** Refused after an attempt that may have been stored: the server's confirmation was lost. */
  | { kind: 'unconfirmed'; error: CorbadoAppendError }
  /** Definitively refused, never stored: the passkey provider was told to forget the credential. */
  | { kind: 'rejected'; error: CorbadoAppendError }
  /** No definitive answer by the deadline: it may be stored; nothing was signalled. */
  | { kind: 'undecided'; error: CorbadoAppendError };

/** A refusal that says "already" rather than "wrong": matched on `error.type` and `error.details`. */
const ALREADY = /used|already|exist|duplicate|consumed|replay/i;

/** A failed attempt as the rules see it. */
export function answerOf(e: unknown): FinishAnswer {
  const error = toAppendError(e);
  if (error.code !== 'api-rejected') return { kind: 'unknown', error };
  return ALREADY.test(`${error.errorType ?? ''} ${error.message}`) ? { kind: 'used', error } : { kind: 'rejected', error };
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
  const maybeStored = last.kind === 'used' || answers.slice(0, -1).some((a) => a.kind === 'unknown');
  if (last.kind !== 'unknown') return { outcome: { kind: maybeStored ? 'unconfirmed' : 'rejected', error: last.error } };
  const pause = FINISH_BACKOFF_MS[Math.min(answers.length, FINISH_BACKOFF_MS.length) - 1] ?? 5000;
  if (answers.length < MIN_FINISH_ATTEMPTS || now + pause < deadlineMs) return { retryInMs: pause };
  return { outcome: { kind: 'undecided', error: last.error } };
}

export interface FinishDeps {
  /** One attempt: `POST /v2/connect/append/finish` with the same body every time. */
  send(): Promise<PasskeyOperation>;
  /** Resolves after `ms` (relative), on a timer the element's removal does not clear. */
  wait(ms: number): Promise<void>;
  /** WebAuthn `signalUnknownCredential` for this credential. */
  signalUnknown(): void;
}

/** The finishes still running, per project (module-wide: they outlive their elements). */
const running = new Map<string, Set<Promise<FinishOutcome>>>();

/** Resolves once every finish of `projectId` running now has ended. */
export const finishesSettled = (projectId: string): Promise<unknown> => Promise.all([...(running.get(projectId) ?? [])]);

/** Test seam: forget running finishes (a test's fake clock may leave one pending for good). */
export const forgetRunningFinishes = (): void => running.clear();

/**
 * Run the finish rules to their end, known as running for `projectId` meanwhile; a confirmed
 * `passkeyOperation` is kept for Corbado's `clientState` however the flow ended (Continue,
 * removal). Never rejects.
 */
export function finishAttestation(deps: FinishDeps, deadlineMs: number, projectId: string): Promise<FinishOutcome> {
  const run = attempts(deps, deadlineMs).then((outcome) => {
    if (outcome.kind === 'confirmed') storeLastLogin(projectId, outcome.passkeyOperation);
    return outcome;
  });
  const of = running.get(projectId) ?? new Set();
  running.set(projectId, of.add(run));
  void run.then(() => {
    of.delete(run);
    if (!of.size && running.get(projectId) === of) running.delete(projectId);
  });
  return run;
}

async function attempts(deps: FinishDeps, deadlineMs: number): Promise<FinishOutcome> {
  const answers: FinishAnswer[] = [];
  for (;;) {
    answers.push(await deps.send().then((passkeyOperation) => ({ kind: 'confirmed', passkeyOperation }) as const, answerOf));
    const step = finishStep(answers, Date.now(), deadlineMs);
    if ('retryInMs' in step) {
      await deps.wait(step.retryInMs);
      continue;
    }
    if (step.outcome.kind === 'rejected') deps.signalUnknown();
    return step.outcome;
  }
}
