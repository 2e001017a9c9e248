/**
 * The finish rules (`src/flow/finish.ts`): which answers retry, which end it, and when a passkey
 * may be signalled away — first case by case, then as a property over random fault sequences
 * driven through the whole controller on a fake clock.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { CorbadoAppendError } from '../../src/errors.js';
import { ALREADY_STORED_TYPES, EXISTS_TYPES, MIN_FINISH_ATTEMPTS, answerOf, finishStep, type FinishAnswer } from '../../src/flow/finish.js';
import { FINISH_BACKOFF_MS, FINISH_PATIENCE_MS } from '../../src/times.js';

import { T0, response } from './fixtures.js';
import { Harness, finishOk, startOk } from './harness.js';

const unknown = (status?: number): FinishAnswer => ({ kind: 'unknown', error: new CorbadoAppendError('api-unavailable', 'x', { status }) });
const rejected: FinishAnswer = {
  kind: 'rejected',
  error: new CorbadoAppendError('api-rejected', 'attestation invalid', { status: 400, errorType: 'validation_error' }),
};
const used: FinishAnswer = {
  kind: 'used',
  error: new CorbadoAppendError('api-rejected', 'already used', { status: 400, errorType: 'challenge_used' }),
};
const confirmed: FinishAnswer = {
  kind: 'confirmed',
  passkeyOperation: { operationType: 'append', identifierValue: 'u', identifierType: 'email', ceremonyType: 'local' },
};
const deadline = T0 + 60_000;

describe('finishStep', () => {
  const api = (status: number, errorType: string, message = 'x') => new CorbadoAppendError('api-rejected', message, { status, errorType });
  it('"already stored" comes from a closed list of error types, never from message text', () => {
    for (const errorType of ALREADY_STORED_TYPES) assert.equal(answerOf(api(400, errorType)).kind, 'used', errorType);
    // The review's cases: words in a refusal's details that the old pattern read as "already used".
    for (const message of [
      'refused',
      'caused by a bad signature',
      'user does not exist',
      'unused challenge',
      'credential is already registered',
    ]) {
      assert.equal(answerOf(api(400, 'validation_error', message)).kind, 'rejected', message);
    }
    for (const errorType of ['credential_exists', 'process_expired', 'not_found', 'challenge_missing', 'used']) {
      assert.equal(answerOf(api(400, errorType)).kind, 'rejected', errorType);
    }
  });
  it('408, 409, 425, 429, 5xx, gateway pages, non-JSON and network errors are unknown outcomes: retried, never signalled', () => {
    assert.equal(answerOf(api(409, 'validation_error')).kind, 'unknown', '409: busy with this very request, or holds it');
    for (const e of [
      // The client makes 408/425/429 api-unavailable (client.ts), Corbado body or not.
      new CorbadoAppendError('api-unavailable', 'x', { status: 429, retryAfterMs: 2000 }),
      new CorbadoAppendError('api-unavailable', 'x', { status: 504 }),
      new CorbadoAppendError('api-unavailable', 'x'),
      new TypeError('x'),
    ]) {
      assert.equal(answerOf(e).kind, 'unknown');
    }
  });
  it('Retry-After lengthens the pause (never shortens it)', () => {
    const later = (retryAfterMs: number): FinishAnswer => ({
      kind: 'unknown',
      error: new CorbadoAppendError('api-unavailable', 'x', { status: 429, retryAfterMs }),
    });
    assert.deepEqual(finishStep([later(7000)], T0, T0 + 600_000), { retryInMs: 7000 });
    assert.deepEqual(finishStep([later(10)], T0, T0 + 600_000), { retryInMs: FINISH_BACKOFF_MS[0] });
  });
  it('"a passkey exists": unconfirmed after an unanswered attempt; first-hand undecided (it may be another of the user\'s), never signalled', () => {
    for (const errorType of EXISTS_TYPES) {
      const exists = answerOf(api(400, errorType));
      assert.equal(exists.kind, 'exists', errorType);
      const outcome = (answers: FinishAnswer[]) => (finishStep(answers, T0, deadline) as { outcome: { kind: string } }).outcome.kind;
      assert.equal(outcome([exists]), 'undecided', 'first-hand: this one or another passkey');
      assert.equal(outcome([unknown(504), exists]), 'unconfirmed', 'the unanswered attempt stored it, most likely');
    }
  });
  it('confirmed ends it', () => {
    assert.deepEqual(finishStep([unknown(500), confirmed], T0, deadline), { outcome: confirmed });
  });
  it('a first-hand rejection is definitive', () => {
    assert.equal((finishStep([rejected], T0, deadline) as { outcome: { kind: string } }).outcome.kind, 'rejected');
  });
  it('"already used" on the first attempt (the browser resent it after a dropped connection) is success-like too', () => {
    assert.equal((finishStep([used], T0, deadline) as { outcome: { kind: string } }).outcome.kind, 'unconfirmed');
  });
  it('after an unanswered attempt: "already stored" is success-like (unconfirmed); any other refusal stays undecided (never signalled)', () => {
    for (const first of [unknown(500), unknown(504), unknown(200), unknown()]) {
      assert.equal((finishStep([first, used], T0, deadline) as { outcome: { kind: string } }).outcome.kind, 'unconfirmed');
      // process_expired after the deadline, validation_error for the identical body…: the first may have stored it.
      assert.equal((finishStep([first, rejected], T0, deadline) as { outcome: { kind: string } }).outcome.kind, 'undecided');
    }
  });
  it('an unknown outcome retries with growing pauses while the options live', () => {
    const answers: FinishAnswer[] = [];
    const pauses: number[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push(unknown(500));
      pauses.push((finishStep(answers, T0, T0 + 600_000) as { retryInMs: number }).retryInMs);
    }
    assert.deepEqual(pauses, [...FINISH_BACKOFF_MS, FINISH_BACKOFF_MS.at(-1)!, FINISH_BACKOFF_MS.at(-1)!]);
  });
  it(`past the deadline it still makes ${MIN_FINISH_ATTEMPTS} attempts, then stops undecided (never signalled)`, () => {
    const late = deadline + 1;
    assert.ok('retryInMs' in finishStep([unknown()], late, deadline));
    assert.ok('retryInMs' in finishStep([unknown(), unknown()], late, deadline));
    assert.equal(
      (finishStep([unknown(), unknown(), unknown()], late, deadline) as { outcome: { kind: string } }).outcome.kind,
      'undecided',
    );
  });
});

/**
 * What a hostile path between the browser and a real server does to one finish attempt: the
 * server stored it or not, and what reached the browser (a gateway page, a dropped connection…).
 */
type Fault = { stored: boolean; answer: 'ok' | 'http-500' | 'gateway-504-html' | 'ok-html' | 'drop' | 'timeout' | 'reject' };
const faultArb = fc.record({
  stored: fc.boolean(),
  answer: fc.constantFrom<Fault['answer']>('ok', 'http-500', 'gateway-504-html', 'ok-html', 'drop', 'timeout', 'reject'),
});

let h: Harness | undefined;
afterEach(() => h?.restore());

describe('finish faults, as a property', () => {
  it('a stored passkey is never signalled away; a refused one is; the user always has a way on; create() once per click', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(faultArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 5_000, max: 120_000 }),
        async (faults, ttlMs) => {
          h?.restore();
          h = new Harness();
          const server = { stored: false, definitivelyRefused: false, attempts: 0 };
          h.answer.start = () => startOk({ expiresMs: Date.now() + ttlMs });
          // The server model: the first store wins; an attempt after it is refused as already used.
          // A definitive 4xx (`reject`) means this attempt stored nothing.
          h.answer.finish = () => {
            const fault = faults[Math.min(server.attempts++, faults.length - 1)]!;
            const wasStored = server.stored;
            if (!wasStored && fault.answer !== 'reject' && (fault.stored || fault.answer === 'ok')) server.stored = true;
            const refuse = (errorType: string) =>
              Promise.reject(new CorbadoAppendError('api-rejected', errorType, { status: 400, errorType }));
            const reject = () => refuse(wasStored ? 'challenge_used' : 'validation_error');
            const unknownAnswer = (status?: number) => Promise.reject(new CorbadoAppendError('api-unavailable', 'lost', { status }));
            switch (fault.answer) {
              case 'ok':
                return wasStored ? reject() : finishOk();
              case 'reject':
                if (!server.stored) server.definitivelyRefused = true;
                return reject();
              case 'http-500':
                return unknownAnswer(500);
              case 'gateway-504-html':
                return unknownAnswer(504);
              case 'ok-html':
                return unknownAnswer(200);
              case 'drop':
                return unknownAnswer();
              case 'timeout': // the client's own 10 s timeout
                return new Promise((_, reject_) =>
                  setTimeout(() => reject_(new CorbadoAppendError('api-unavailable', 'no answer')), 10_000),
                );
            }
          };
          await h.mount();
          h.controller.click();
          assert.equal(h.ceremonies.length, 1);
          h.ceremony().settle.resolve(response('cred-x'));
          await h.settle();
          // A way on within a few seconds: done, or "Continue" offered.
          await h.tick(FINISH_PATIENCE_MS);
          const c = h.controller.state;
          assert.ok(c.name !== 'finishing' || c.slow, 'a way on after the patience');
          await h.tick(ttlMs + 60_000); // the finish rules run to their end
          assert.notEqual(h.state, 'finishing');
          assert.equal(h.ceremonies.length, 1, 'create() ran once for the one click');
          if (server.stored) assert.deepEqual(h.signalled, [], 'a passkey the server stored is never signalled away');
          else if (server.definitivelyRefused && server.attempts === 1) {
            assert.deepEqual(h.signalled, [{ rpId: 'localhost', credentialId: 'cred-x' }], 'a definitively refused one is');
          }
          if (h.signalled.length) assert.ok(!server.stored);
          if (server.stored && h.state === 'error') {
            const e = h.controller.state;
            assert.ok(e.name === 'error' && e.maybeStored, 'a stored passkey is never called "not saved"');
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
