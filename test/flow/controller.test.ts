/**
 * The flow controller (`src/flow/controller.ts`) under Node with a fake clock: it runs what the
 * table asks — requests, ceremonies, timers — and ties all of it to one scope per flow.
 */
import { FINISH_MARGIN_MS, TOKEN_TIMEOUT_MS } from '../../src/times.js';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CorbadoAppendError } from '../../src/errors.js';

import { MAX_TIMER_DELAY_MS, clampDelay } from '../../src/clock.js';
import { T0, response } from './fixtures.js';
import { ATTESTATION_OPTIONS, Harness, never, ok, startOk } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.restore());

const states = () => h.of('corbado-append-state').map((s) => s.state);

describe('the happy path', () => {
  it('init → token → start → ready; a click calls create() in the same task; finish → success', async () => {
    await h.mount();
    assert.equal(h.state, 'ready');
    assert.deepEqual(
      h.requests.map((r) => r.endpoint),
      ['init', 'start'],
    );
    const start = h.sent('start')[0]!.body as { appendTokenValue: string; loadedMs: number };
    assert.deepEqual(start, { appendTokenValue: 'token-1', loadedMs: T0 });
    assert.equal(h.of('corbado-append-ready').length, 1);

    h.controller.click();
    assert.equal(h.ceremonies.length, 1, 'create() ran inside click()');
    assert.equal(h.state, 'creating');
    h.ceremony().settle.resolve(response('c1'));
    await h.settle();
    const finish = h.sent('finish')[0]!.body as { attestationResponse: string; completionType: string };
    assert.equal(JSON.parse(finish.attestationResponse).id, 'c1');
    assert.equal(finish.completionType, 'manual');
    assert.equal(h.state, 'success');
    assert.deepEqual(states(), ['loading', 'ready', 'creating', 'finishing', 'success']);
    assert.deepEqual(h.of('corbado-append-complete')[0]!.status, 'complete');
    assert.equal(h.reflected, 'success');
    assert.equal(h.clock.countTimers(), 0, 'a final state leaves no timer');
  });

  it('autoAppend: ready is observable, then the ceremony starts with no click', async () => {
    h.answer.start = () => startOk({ autoAppend: true });
    await h.mount();
    assert.deepEqual(states(), ['loading', 'ready', 'creating']);
    assert.equal(h.ceremonies.length, 1);
  });
});

describe('the offer clock', () => {
  it('with a token provider: fresh options (new token, new start) before the deadline', async () => {
    await h.mount();
    // Options of 300 s: the deadline FINISH_MARGIN_MS before their end, the refresh 30 s before that.
    await h.tick(300_000 - FINISH_MARGIN_MS - 30_000 - 1);
    assert.equal(h.sent('start').length, 1);
    await h.tick(1);
    assert.equal(h.sent('start').length, 2, 'refreshed 30 s before the deadline');
    assert.equal((h.sent('start')[1]!.body as { appendTokenValue: string }).appendTokenValue, 'token-2');
    assert.equal(h.state, 'ready');
    await h.tick(30_000);
    assert.equal(h.state, 'ready', 'the old deadline is gone with the old options');
    assert.deepEqual(h.of('corbado-append-error'), []);
  });

  it('without a token provider: at the deadline one final expired error, no refresh', async () => {
    h.config = { ...h.config, appendTokenProvider: undefined, appendToken: 'static' };
    await h.mount();
    await h.tick(300_000);
    assert.equal(h.state, 'error');
    assert.deepEqual(
      h.of('corbado-append-error').map((e) => e.code),
      ['expired'],
    );
    assert.equal(h.sent('start').length, 1);
    assert.equal(h.clock.countTimers(), 0);
  });

  it('a click after the deadline whose timer is late (device slept) never calls create()', async () => {
    h.config = { ...h.config, appendTokenProvider: undefined, appendToken: 'static' };
    await h.mount();
    h.clock.setSystemTime(Date.now() + 301_000); // the wall clock jumps; no timer has run
    h.controller.click();
    assert.equal(h.ceremonies.length, 0);
    assert.equal(h.state, 'error');
  });

  it('a ceremony that outlives its options is aborted at the deadline; fresh options follow', async () => {
    h.config = { ...h.config, ceremonyTimeoutMs: 600_000 }; // the watchdog would fire first
    await h.mount();
    h.controller.click();
    await h.tick(300_000);
    assert.equal(h.ceremony().aborted, true);
    assert.deepEqual(
      h.of('corbado-append-error').map((e) => [e.code, e.recoverable]),
      [['expired', true]],
    );
    assert.equal(h.sent('start').length, 2);
    assert.equal(h.state, 'ready');
    // The aborted ceremony answers late with a passkey (the browser lost the race with the abort):
    // it is never dropped — finished on its own options; the server decides (here: stored → success).
    h.ceremony().settle.resolve(response('late'));
    await h.settle();
    assert.equal(h.sent('finish').length, 1);
    assert.equal(h.state, 'success');
  });
});

describe('the watchdog', () => {
  it('a create() that never settles: back to ready with ceremony-timeout at options timeout + 10 s; a late failure is ignored, a late passkey finished', async () => {
    await h.mount();
    h.controller.click();
    await h.tick(70_000 - 1);
    assert.equal(h.state, 'creating');
    await h.tick(1);
    assert.equal(h.state, 'ready');
    assert.equal(h.ceremony().aborted, true);
    assert.deepEqual(
      h.of('corbado-append-error').map((e) => e.code),
      ['ceremony-timeout'],
    );
    h.ceremony().settle.reject(new DOMException('aborted', 'AbortError'));
    await h.settle();
    assert.equal(h.state, 'ready');
    assert.equal(h.of('corbado-append-error').length, 1, 'nothing more reported');
    h.controller.click();
    await h.tick(70_000);
    h.ceremonies[0]!.settle.resolve(response('late')); // (no-op: settled already)
    h.ceremony().settle.resolve(response('late')); // the second, aborted by its watchdog, still made one
    await h.settle();
    assert.equal(h.sent('finish').length, 1);
    assert.equal(h.state, 'success');
  });

  it('autoAppend whose create() never settles: ceremony-timeout, then the button — no second ceremony by itself', async () => {
    h.answer.start = () => startOk({ autoAppend: true });
    h.config = { ...h.config, ceremonyTimeoutMs: 400 };
    await h.mount();
    assert.equal(h.state, 'creating');
    await h.tick(400);
    assert.equal(h.state, 'ready');
    assert.equal(h.ceremony().aborted, true);
    assert.deepEqual(
      h.of('corbado-append-error').map((e) => [e.code, e.recoverable]),
      [['ceremony-timeout', true]],
    );
    await h.tick(60_000); // long past another watchdog period: no loop
    assert.equal(h.ceremonies.length, 1, 'no automatic second attempt');
    assert.equal(h.state, 'ready');
    h.controller.click();
    assert.equal(h.ceremonies.length, 2, 'the button still works');
  });

  it('ceremonyTimeoutMs wins over the options timeout', async () => {
    h.config = { ...h.config, ceremonyTimeoutMs: 500 };
    await h.mount();
    h.controller.click();
    await h.tick(500);
    assert.equal(h.state, 'ready');
  });

  it('delays beyond setTimeout range are clamped (a huge options timeout never fires at once)', async () => {
    assert.equal(clampDelay(1e12), MAX_TIMER_DELAY_MS);
    assert.equal(clampDelay(-5), 0);
    assert.equal(clampDelay(Number.NaN), MAX_TIMER_DELAY_MS);
    h.answer.start = () => startOk({ attestationOptions: ATTESTATION_OPTIONS.replace('"timeout":60000', '"timeout":1000000000000') });
    await h.mount();
    h.controller.click();
    await h.tick(20);
    assert.equal(h.state, 'creating');
  });
});

describe('one scope per flow', () => {
  it('removal aborts the ceremony, the requests and every timer; nothing fires afterwards', async () => {
    await h.mount();
    h.controller.click();
    const fired = h.fired.length;
    h.host.disconnect();
    await h.settle();
    assert.equal(h.ceremony().aborted, true);
    assert.equal(h.sent('start')[0]!.signal!.aborted, true);
    assert.equal(h.clock.countTimers(), 0);
    assert.equal(h.reflected, 'idle');
    // Made anyway after the removal: finished (no passkey dropped), and nothing fired.
    h.ceremony().settle.resolve(response());
    await h.tick(600_000);
    assert.equal(h.fired.length, fired);
    assert.equal(h.sent('finish').length, 1);
  });

  it('a move within the page (removed and re-added in one task) keeps the flow', async () => {
    await h.mount();
    h.host.disconnect();
    h.host.connect();
    await h.settle();
    assert.equal(h.state, 'ready');
    assert.equal(h.sent('init').length, 1);
  });

  it('re-added after a removal → a new flow with a new init', async () => {
    await h.mount();
    h.host.disconnect();
    await h.settle();
    await h.mount();
    assert.equal(h.sent('init').length, 2);
    assert.equal(h.state, 'ready');
  });

  it('a slow init answered after removal starts nothing', async () => {
    h.answer.init = never();
    h.host.connect();
    await h.settle();
    h.host.disconnect();
    await h.settle();
    assert.equal(h.sent('init')[0]!.signal!.aborted, true);
    assert.equal(h.sent('start').length, 0);
  });
});

describe('the append token', () => {
  it(`a provider that never answers → token-unavailable after ${TOKEN_TIMEOUT_MS} ms, skipped (error)`, async () => {
    h.config = { ...h.config, appendTokenProvider: () => new Promise(() => undefined) };
    await h.mount();
    assert.equal(h.state, 'loading');
    await h.tick(TOKEN_TIMEOUT_MS);
    assert.equal(h.state, 'skipped');
    assert.deepEqual(
      h.of('corbado-append-error').map((e) => [e.code, e.message]),
      [['token-unavailable', `appendTokenProvider failed: no token within ${TOKEN_TIMEOUT_MS} ms`]],
    );
    assert.deepEqual(h.of('corbado-append-skip'), [{ status: 'skip-implicit', reason: 'error' }]);
  });

  it("a provider that threw → token-unavailable in the provider's own words", async () => {
    h.config = { ...h.config, appendTokenProvider: () => Promise.reject(new Error('HTTP 401 from /api/passkey-token')) };
    await h.mount();
    assert.deepEqual(
      h.of('corbado-append-error').map((e) => e.message),
      ['appendTokenProvider failed: HTTP 401 from /api/passkey-token'],
    );
  });

  it('a provider that is not a function → token-unavailable that says so', async () => {
    h.config = { ...h.config, appendTokenProvider: 'token' as never };
    await h.mount();
    assert.deepEqual(
      h.of('corbado-append-error').map((e) => [e.code, e.message]),
      [['token-unavailable', 'appendTokenProvider is not a function']],
    );
  });

  it('a token echoed by the server in an error message is scrubbed from the report', async () => {
    h.answer.start = () => Promise.reject(new CorbadoAppendError('api-rejected', 'bad token token-1'));
    await h.mount();
    assert.deepEqual(
      h.of('corbado-append-error').map((e) => e.message),
      ['bad token [append token]'],
    );
  });
});

describe('configuration', () => {
  it('is read a microtask after connect, so properties set right after append() count (frameworks)', async () => {
    h.config = {};
    h.host.connect();
    h.config = { projectId: 'pro-late', frontendApiUrl: 'http://localhost:2', appendToken: 't' };
    await h.settle();
    assert.deepEqual(h.clients, [['http://localhost:2', 'pro-late']]);
    assert.equal(h.state, 'ready');
  });

  it('a hostile project-id → config-invalid, no request', async () => {
    h.config = { ...h.config, projectId: 'evil.com/' };
    await h.mount();
    assert.deepEqual(
      h.of('corbado-append-error').map((e) => e.code),
      ['config-invalid'],
    );
    assert.equal(h.requests.length, 0);
    assert.equal(h.state, 'skipped');
  });
});

describe('earlyToken', () => {
  it('asks the provider in parallel with init; the first offer uses that token, a refresh mints a new one', async () => {
    const asked: number[] = [];
    let release!: () => void;
    h.answer.init = () =>
      new Promise(
        (resolve) => (release = () => resolve({ data: { processID: 'p', appendAllowed: true, flags: {} }, receivedAtMs: Date.now() })),
      );
    h.config = {
      ...h.config,
      earlyToken: true,
      appendTokenProvider: () => (asked.push(h.requests.length), Promise.resolve(`token-${asked.length}`)),
    };
    h.connect();
    await h.settle();
    assert.equal(asked.length, 1, 'asked before init answered');
    assert.equal(h.sent('init').length, 1, 'init in flight');
    release();
    await h.settle();
    assert.equal((h.sent('start')[0]!.body as { appendTokenValue: string }).appendTokenValue, 'token-1');
    await h.tick(270_000);
    assert.equal((h.sent('start')[1]!.body as { appendTokenValue: string }).appendTokenValue, 'token-2');
  });

  it('off (the default): the provider is asked only after init allows append', async () => {
    const asked: number[] = [];
    h.answer.init = () => ok({ processID: 'p', appendAllowed: false, flags: {} });
    h.config = { ...h.config, appendTokenProvider: () => (asked.push(1), Promise.resolve('t')) };
    await h.mount();
    assert.deepEqual(asked, []);
    assert.equal(h.state, 'skipped');
  });

  it('a provider that fails early is reported only if the offer needs its token', async () => {
    h.answer.init = () => ok({ processID: 'p', appendAllowed: false, flags: {} });
    h.config = { ...h.config, earlyToken: true, appendTokenProvider: () => Promise.reject(new Error('backend down')) };
    await h.mount();
    assert.deepEqual(h.of('corbado-append-error'), [], 'init declined: nothing to report');
    assert.deepEqual(h.of('corbado-append-skip'), [{ status: 'skip-implicit', reason: 'append-not-allowed' }]);
  });
});
