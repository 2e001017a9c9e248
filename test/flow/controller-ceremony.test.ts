/**
 * The flow controller (`src/flow/controller.ts`) under Node with a fake clock, from the
 * ceremony on: conditional create and its time-box, and the finish rules as the controller runs them.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CONDITIONAL_TIMEBOX_MS, FINISH_BACKOFF_MS, FINISH_PATIENCE_MS } from '../../src/times.js';

import { response } from './fixtures.js';
import { loadProcess } from '../../src/api/client-state.js';
import { Harness, deferred, failing, finishOk, memoryStorage, never, ok, startOk } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.restore());

describe('conditional create', () => {
  beforeEach(() => {
    h.conditionalCreate = true;
    h.answer.start = () => startOk({ conditionalAppend: true, autoAppend: true });
  });

  it(`is time-boxed (${CONDITIONAL_TIMEBOX_MS} ms), aborted, then autoAppend runs the modal ceremony`, async () => {
    await h.mount();
    assert.equal(h.ceremony(true).aborted, false);
    await h.tick(CONDITIONAL_TIMEBOX_MS);
    assert.equal(h.ceremony(true).aborted, true);
    assert.equal(h.state, 'creating');
    assert.deepEqual(
      h.ceremonies.map((c) => c.conditional),
      [true, false],
    );
    assert.deepEqual(h.of('corbado-append-error'), [], 'silent');
  });

  it('a click aborts it first; the modal ceremony finishes as manual; a credential it made anyway is finished aside, never dropped', async () => {
    await h.mount();
    h.controller.click();
    assert.equal(h.ceremony(true).aborted, true);
    h.ceremony().settle.resolve(response('modal'));
    await h.settle();
    const sent = () => h.sent('finish').map((r) => r.body as { attestationResponse: string; completionType: string });
    assert.deepEqual(
      sent().map((b) => [JSON.parse(b.attestationResponse).id, b.completionType]),
      [['modal', 'manual']],
    );
    assert.equal(h.state, 'success');
    // The browser lost the race with our abort: a passkey exists; the server decides over it.
    h.ceremony(true).settle.resolve(response('conditional'));
    await h.settle();
    assert.deepEqual(sent()[1] && [JSON.parse(sent()[1]!.attestationResponse).id, sent()[1]!.completionType], [
      'conditional',
      'conditional',
    ]);
    assert.equal(h.of('corbado-append-complete').length, 1, 'the page hears of one success');
  });

  it('its success finishes with completionType conditional', async () => {
    await h.mount();
    h.ceremony(true).settle.resolve(response());
    await h.settle();
    assert.equal((h.sent('finish')[0]!.body as { completionType: string }).completionType, 'conditional');
    assert.equal(h.state, 'success');
  });
});

describe('finish', () => {
  async function created() {
    await h.mount();
    h.controller.click();
    h.ceremony().settle.resolve(response('c1'));
    await h.settle();
  }

  it('retries the same attestation after the backoff pauses, then succeeds; create() never again', async () => {
    let calls = 0;
    h.answer.finish = () => (++calls < 3 ? failing('api-unavailable', 500)() : finishOk());
    await created();
    assert.equal(h.sent('finish').length, 1);
    await h.tick(FINISH_BACKOFF_MS[0]! - 1);
    assert.equal(h.sent('finish').length, 1);
    await h.tick(1);
    assert.equal(h.sent('finish').length, 2);
    await h.tick(FINISH_BACKOFF_MS[1]!);
    assert.equal(h.sent('finish').length, 3);
    assert.equal(new Set(h.sent('finish').map((r) => JSON.stringify(r.body))).size, 1);
    assert.equal(h.state, 'success');
    assert.equal(h.ceremonies.length, 1);
    assert.deepEqual(h.signalled, []);
  });

  it('a definitive rejection → finish-failed and the orphan signalled (rp.id, credential id)', async () => {
    h.answer.finish = failing('api-rejected', 400);
    await created();
    assert.equal(h.state, 'error');
    assert.deepEqual(h.signalled, [{ rpId: 'localhost', credentialId: 'c1' }]);
  });

  it(`after ${FINISH_PATIENCE_MS} ms the user may go on (finish-pending); the finish goes on and still signals a rejection`, async () => {
    let answer = never<unknown>();
    h.answer.finish = () => answer();
    await created();
    await h.tick(FINISH_PATIENCE_MS - 1);
    h.controller.skip();
    assert.equal(h.state, 'finishing', 'no way out yet');
    await h.tick(1);
    h.controller.skip();
    assert.equal(h.state, 'skipped');
    assert.deepEqual(h.of('corbado-append-skip'), [{ status: 'skip-explicit', reason: 'finish-pending' }]);
    answer = failing('api-rejected', 400);
    h.answer.finish = () => answer();
    // the hung attempt never answers; the finish rules are not the flow's: nothing aborted them
    assert.equal(h.sent('finish')[0]!.signal, undefined);
  });

  it('removal while finishing does not abort the finish: it completes and a later rejection is still signalled', async () => {
    let calls = 0;
    h.answer.finish = () => (++calls === 1 ? failing('api-unavailable', 503)() : failing('api-rejected', 400)());
    await created();
    h.host.disconnect();
    await h.settle();
    await h.tick(FINISH_BACKOFF_MS[0]!);
    assert.equal(h.sent('finish').length, 2, 'the retry went out after removal');
    assert.deepEqual(h.signalled, [], 'refused after an unanswered attempt: unconfirmed, never signalled away');
  });

  it('removed while finishing and added again: the finish keeps its process; the new flow takes an offer on a process of its own at once', async () => {
    const storage = memoryStorage();
    try {
      let processes = 0;
      const expiresAt = Math.floor(Date.now() / 1000) + 3600;
      h.answer.init = () => ok({ processID: `cap-${++processes}`, appendAllowed: true, expiresAt, frontendApiUrl: 'http://localhost:1' });
      const answer = deferred<Awaited<ReturnType<typeof finishOk>>>();
      h.answer.finish = () => answer.promise;
      await created();
      h.host.disconnect();
      await h.tick(100); // a route away (not a move within the page: that keeps the flow)…
      h.host.connect(); // …and back
      await h.settle();
      const sent = () => h.requests.map((r) => [r.endpoint, r.processId ?? null]);
      assert.deepEqual(
        sent(),
        [
          ['init', null],
          ['start', 'cap-1'],
          ['finish', 'cap-1'],
          ['init', null], // not X-Corbado-Process-ID cap-1: the finish holds it, a resume might void its challenge
          ['start', 'cap-2'],
        ],
        'no wait, and no start on the process the finish still needs',
      );
      assert.equal(h.state, 'ready');
      assert.equal(loadProcess(storage, 'pro-1')?.processID, 'cap-1', 'a process of our own does not displace the live kept one');
      answer.resolve(await finishOk());
      await h.settle();
      assert.equal(h.of('corbado-append-error').length, 0);
    } finally {
      storage.restore();
    }
  });
});
