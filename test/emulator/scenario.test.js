/**
 * Scenario merge and validation, fault injection (with `times`), latency.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { client, emulatorForFile, INIT, initBody, isCorbadoError, newProjectId, startEmulator, wait } from './helpers.js';

const emu = emulatorForFile({ timeoutCapMs: 300 });
const fresh = emu.fresh;

describe('scenario', () => {
  it('starts from the defaults', async () => {
    const res = await fresh().demo('GET', '/emulator/scenario');
    assert.equal(res.status, 200);
    // The answer as sent, to the letter, pinned here on purpose (not read from defaultScenario()):
    // a changed or added default, or an unset field that is sent after all, fails here.
    assert.equal(
      res.text,
      '{"variant":"default","autoAppend":false,"conditionalAppend":false,"isRestrictedBrowser":false,"appendAllowed":true,"flags":{},"processTtlMs":3600000,"passkeyIntelDenied":false,"ttlMs":300000,"latencyMs":0,"dateHeader":true,"faults":{},"readings":{"startChallenge":"replace","optionsOutliveProcess":false,"replayAnswer":"challenge_used","initResumeVoids":false}}',
    );
  });

  it('merges a partial PUT, answers the full scenario, and null resets a field', async () => {
    const c = fresh();
    await c.scenario({ variant: 'after-error', customData: { k: 'v' } });
    const res = await c.scenario({ autoAppend: true, faults: { start: 'html' } });
    assert.equal(res.status, 200);
    assert.equal(res.json.variant, 'after-error');
    assert.equal(res.json.autoAppend, true);
    assert.deepEqual(res.json.customData, { k: 'v' });
    assert.deepEqual(res.json.faults, { start: { kind: 'html' } });
    const reset = await c.scenario({ variant: null, customData: null, faults: {} });
    assert.equal(reset.json.variant, 'default');
    assert.equal(reset.json.customData, undefined);
    assert.deepEqual(reset.json.faults, {});
    assert.deepEqual((await c.demo('GET', '/emulator/scenario')).json, reset.json);
  });

  it('rejects wrong types and unknown fields, listing each, and changes nothing', async () => {
    const c = fresh();
    const res = await c.scenario({
      autoAppend: 'yes',
      ttlMs: 1.5,
      latencyMs: -1,
      customData: { n: 1 },
      variant: '',
      flags: { f: true },
      frontendApiUrl: 42,
      processTtlMs: 0,
      readings: { startChallenge: 'both', replayAnswer: 'ignore', optionsOutliveProcess: 'yes', initResumeVoids: false, guess: true },
      bogus: 1,
      faults: { start: 'explode', nope: 'html', finish: { kind: 'timeout', times: 0 } },
    });
    assert.equal(res.status, 400);
    assert.ok(isCorbadoError(res.json));
    assert.equal(res.json.error.type, 'validation_error');
    assert.deepEqual(res.json.error.validation.map((/** @type {any} */ v) => v.field).sort(), [
      'autoAppend',
      'bogus',
      'customData',
      'faults.finish',
      'faults.nope',
      'faults.start',
      'flags',
      'frontendApiUrl',
      'latencyMs',
      'processTtlMs',
      'readings.guess',
      'readings.optionsOutliveProcess',
      'readings.replayAnswer',
      'readings.startChallenge',
      'ttlMs',
      'variant',
    ]);
    assert.equal((await c.demo('GET', '/emulator/scenario')).json.autoAppend, false);
    for (const body of [[1], 'text', 7]) assert.equal((await c.scenario(/** @type {any} */ (body))).status, 400);
  });

  it('readings: a partial is merged over the defaults (not over the current readings); null resets them', async () => {
    const c = fresh();
    const defaults = (await c.demo('GET', '/emulator/scenario')).json.readings;
    const add = await c.scenario({ readings: { startChallenge: 'add', optionsOutliveProcess: true } });
    assert.equal(add.status, 200, add.text);
    assert.deepEqual(add.json.readings, { ...defaults, startChallenge: 'add', optionsOutliveProcess: true });
    const replay = await c.scenario({ readings: { replayAnswer: 'idempotent' } });
    assert.deepEqual(replay.json.readings, { ...defaults, replayAnswer: 'idempotent' });
    assert.deepEqual((await c.scenario({ readings: null })).json.readings, defaults);
    const bad = await c.scenario({ readings: 'add' });
    assert.deepEqual(
      bad.json.error.validation.map((/** @type {any} */ v) => v.field),
      ['readings'],
    );
  });
});

describe('faults', () => {
  /** Sets `fault` on init and sends one init. @param {string} fault */
  async function initWith(fault) {
    const c = fresh();
    await c.scenario({ faults: { init: fault } });
    return c.api(INIT, initBody);
  }

  it('http-500 answers a Corbado internal_error body', async () => {
    const res = await initWith('http-500');
    assert.equal(res.status, 500);
    assert.ok(isCorbadoError(res.json));
    assert.equal(res.json.error.type, 'internal_error');
  });

  it('html answers a 200 text/html page', async () => {
    const res = await initWith('html');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.text, /<html/i);
  });

  it('malformed answers 200 application/json that does not parse', async () => {
    const res = await initWith('malformed');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.throws(() => JSON.parse(res.text));
  });

  it('timeout never answers; the client can give up and the emulator goes on', async () => {
    const c = fresh();
    await c.scenario({ faults: { init: { kind: 'timeout', times: 1 } } });
    await assert.rejects(c.api(INIT, initBody, { signal: AbortSignal.timeout(150) }), { name: 'TimeoutError' });
    assert.equal((await c.api(INIT, initBody)).status, 200);
  });

  it('timeout cleans up its cap timer when the client disconnects', async () => {
    // The cap timers are told apart by their delay (counting every Timeout of the process also
    // counts fetch's keep-alive timers, which come and go on their own).
    const CAP_MS = 61_234;
    const live = new Set();
    const { setTimeout: realSet, clearTimeout: realClear } = globalThis;
    globalThis.setTimeout = /** @type {any} */ (
      (/** @type {(...a: unknown[]) => void} */ fn, /** @type {number} */ ms, /** @type {unknown[]} */ ...args) => {
        const t = realSet(() => (live.delete(t), fn(...args)), ms);
        if (ms === CAP_MS) live.add(t);
        return t;
      }
    );
    globalThis.clearTimeout = /** @type {any} */ ((/** @type {any} */ t) => (live.delete(t), realClear(t)));
    const long = await startEmulator({ timeoutCapMs: CAP_MS });
    try {
      const c = client(long.base, newProjectId());
      await c.scenario({ faults: { init: 'timeout' } });
      const controller = new AbortController();
      const pending = c.api(INIT, initBody, { signal: controller.signal });
      await until(() => live.size === 1, 'the cap timer runs while the request is held');
      controller.abort();
      await assert.rejects(pending, { name: 'AbortError' });
      await until(() => live.size === 0, 'the cap timer is gone after the disconnect');
    } finally {
      Object.assign(globalThis, { setTimeout: realSet, clearTimeout: realClear });
      await long.close();
    }
  });

  it('timeout is capped: the socket is dropped after timeoutCapMs', async () => {
    const c = fresh();
    await c.scenario({ faults: { init: 'timeout' } });
    const t0 = Date.now();
    await assert.rejects(c.api(INIT, initBody), TypeError); // fetch failed: socket hang up
    assert.ok(Date.now() - t0 >= 250, 'held until the cap');
  });

  it('times applies the fault that many calls, counting down in the scenario, then heals', async () => {
    const c = fresh();
    await c.scenario({ faults: { init: { kind: 'http-500', times: 2 }, events: 'html' } });
    assert.equal((await c.api(INIT, initBody)).status, 500);
    assert.deepEqual((await c.demo('GET', '/emulator/scenario')).json.faults, {
      init: { kind: 'http-500', times: 1 },
      events: { kind: 'html' },
    });
    assert.equal((await c.api(INIT, initBody)).status, 500);
    assert.equal((await c.api(INIT, initBody)).status, 200);
    assert.deepEqual((await c.demo('GET', '/emulator/scenario')).json.faults, { events: { kind: 'html' } });
  });

  it('hits only the named endpoint, and faulted calls are still logged', async () => {
    const c = fresh();
    await c.scenario({ faults: { start: 'http-500' } });
    const { processID, start } = await c.initAndStart();
    assert.ok(processID);
    assert.equal(start.status, 500);
    const { requests } = (await c.demo('GET', '/emulator/requests')).json;
    assert.equal(requests.length, 2);
    // the faulted start did not spend anything: a retry with a new token works once the fault is gone
    await c.scenario({ faults: {} });
    const retry = await c.api(
      '/v2/connect/append/start',
      { appendTokenValue: await c.token(), loadedMs: Date.now() },
      { processId: processID },
    );
    assert.equal(retry.status, 200);
  });

  it('faults and latency never touch /emulator endpoints', async () => {
    const c = fresh();
    await c.scenario({ latencyMs: 300, faults: { init: 'http-500', start: 'html', finish: 'timeout', events: 'malformed' } });
    const t0 = Date.now();
    assert.equal((await c.demo('GET', '/emulator/scenario')).status, 200);
    assert.ok((await c.token()).length > 0);
    assert.ok(Date.now() - t0 < 250);
  });
});

/**
 * Resolves once `done()` holds; fails with `what` after 2 s.
 * @param {() => boolean} done
 * @param {string} what
 */
async function until(done, what) {
  for (const t0 = Date.now(); !done(); await wait(10)) if (Date.now() - t0 > 2000) assert.fail(what);
}

describe('dateHeader', () => {
  it('false withholds the Date header of /v2 answers (errors included), true sends it again', async () => {
    const c = fresh();
    assert.ok((await c.api(INIT, initBody)).headers.get('date'));
    await c.scenario({ dateHeader: false });
    assert.equal((await c.api(INIT, initBody)).headers.get('date'), null);
    assert.equal((await c.api(INIT, {})).headers.get('date'), null);
    await c.scenario({ dateHeader: true });
    assert.ok((await c.api(INIT, initBody)).headers.get('date'));
  });
});

describe('latency', () => {
  it('delays every /v2 response by latencyMs, including errors and faults', async () => {
    const c = fresh();
    await c.scenario({ latencyMs: 120 });
    let t0 = Date.now();
    assert.equal((await c.api(INIT, initBody)).status, 200);
    assert.ok(Date.now() - t0 >= 110);
    t0 = Date.now();
    assert.equal((await c.api(INIT, {})).status, 400);
    assert.ok(Date.now() - t0 >= 110);
    await c.scenario({ faults: { init: 'http-500' } });
    t0 = Date.now();
    assert.equal((await c.api(INIT, initBody)).status, 500);
    assert.ok(Date.now() - t0 >= 110);
  });

  it('does not delay another project', async () => {
    const slow = fresh();
    await slow.scenario({ latencyMs: 500 });
    const pending = slow.api(INIT, initBody);
    const t0 = Date.now();
    assert.equal((await fresh().api(INIT, initBody)).status, 200);
    assert.ok(Date.now() - t0 < 300);
    await pending;
  });
});

it('wait helper sanity', async () => {
  const t0 = Date.now();
  await wait(20);
  assert.ok(Date.now() - t0 >= 15);
});
