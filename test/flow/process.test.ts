/**
 * The process kept like Corbado's client (`src/flow/init.ts`, `src/api/client-state.ts`): a live
 * kept process needs no init, an expired one is resumed by header, init's `flags` go back, init's
 * `frontendApiUrl` is followed only under the safety rule, and `onComplete` gets Corbado's
 * `clientState`. Node, a fake clock, an in-memory `localStorage`.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { encodeClientState, loadFlags, loadProcess } from '../../src/api/client-state.js';
import { followApiUrl, registrableDomain } from '../../src/api/config.js';
import { CorbadoAppendError } from '../../src/errors.js';
import { T0, response } from './fixtures.js';
import { FINISH_PATIENCE_MS } from '../../src/times.js';
import { Harness, deferred, failing, finishOk, memoryStorage, ok, startOk } from './harness.js';

let storage: ReturnType<typeof memoryStorage>;
const harnesses: Harness[] = [];
beforeEach(() => {
  storage = memoryStorage();
});
afterEach(() => {
  harnesses.splice(0).forEach((h) => h.restore());
  storage.restore();
});

const EXPIRES_AT = T0 / 1000 + 3600; // unix seconds: an hour after the test's "now"
const initAnswer =
  (over: Record<string, unknown> = {}) =>
  () =>
    ok({
      processID: 'cap-1',
      appendAllowed: true,
      expiresAt: EXPIRES_AT,
      frontendApiUrl: 'http://localhost:1',
      flags: { rollout: 'b' },
      ...over,
    });

/** One visit of the page (the last one's page is gone): a new element and controller over the same storage. */
async function visit(init = initAnswer(), configure?: (h: Harness) => void) {
  harnesses.splice(0).forEach((last) => last.restore());
  const h = new Harness();
  harnesses.push(h);
  h.answer.init = init;
  configure?.(h);
  await h.mount();
  return h;
}

describe('the kept process', () => {
  it('a first visit inits and keeps the process (expiresAt in unix seconds) and the flags', async () => {
    const h = await visit();
    assert.deepEqual(
      h.requests.map((r) => r.endpoint),
      ['init', 'start'],
    );
    assert.deepEqual((h.sent('init')[0]!.body as { flags: object }).flags, {});
    assert.equal(h.sent('init')[0]!.processId, undefined);
    assert.deepEqual(loadProcess(localStorage, 'pro-1'), {
      processID: 'cap-1',
      frontendApiUrl: 'http://localhost:1',
      expiresAt: EXPIRES_AT,
      appendAllowed: true,
      flags: { rollout: 'b' },
    });
    assert.equal(h.sent('start')[0]!.processId, 'cap-1');
    assert.deepEqual(h.probedForInit, [true], 'every probe, for init');
  });

  it('a repeat visit while it lives sends no init: start goes out at once with its process ID', async () => {
    await visit();
    const again = await visit(() => Promise.reject(new Error('no init expected')));
    assert.deepEqual(
      again.requests.map((r) => r.endpoint),
      ['start'],
    );
    assert.equal(again.sent('start')[0]!.processId, 'cap-1');
    assert.equal(again.state, 'ready');
    assert.deepEqual(again.probedForInit, [false], 'no init: only the probes the offer reads');
  });

  it('a kept process that did not allow append skips at once, without a request', async () => {
    await visit(initAnswer({ appendAllowed: false }));
    const again = await visit();
    assert.deepEqual(again.requests, []);
    assert.deepEqual(again.of('corbado-append-skip'), [{ status: 'skip-implicit', reason: 'append-not-allowed' }]);
  });

  it('early-token on a kept process: no token minted when it declined, the token at once when it allowed', async () => {
    await visit(initAnswer({ appendAllowed: false }));
    const asked: string[] = [];
    const early = (h: Harness) => {
      h.config = { ...h.config, earlyToken: true, appendTokenProvider: () => (asked.push('token'), Promise.resolve('t')) };
    };
    const declined = await visit(initAnswer(), early);
    assert.deepEqual(asked, [], 'declined: nothing minted');
    assert.deepEqual(declined.requests, []);
    storage.restore();
    storage = memoryStorage();
    await visit();
    const allowed = await visit(initAnswer(), early);
    assert.deepEqual(asked, ['token']);
    assert.deepEqual(
      allowed.requests.map((r) => r.endpoint),
      ['start'],
    );
  });

  it('one the server no longer knows (start refused, 4xx): forgotten, init afresh to the configured base, then the offer', async () => {
    await visit(initAnswer({ frontendApiUrl: 'http://localhost:2' }));
    let starts = 0;
    const again = await visit(initAnswer({ processID: 'cap-2', frontendApiUrl: 'http://localhost:3' }), (h) => {
      h.answer.start = () => (++starts === 1 ? failing('api-rejected', 404)() : startOk());
    });
    assert.deepEqual(
      again.requests.map((r) => [r.endpoint, r.processId, r.baseUrl]),
      [
        ['start', 'cap-1', 'http://localhost:2'],
        ['init', undefined, 'http://localhost:1'],
        ['start', 'cap-2', 'http://localhost:3'],
      ],
    );
    assert.deepEqual(again.probedForInit, [false, true], 'a fresh init carries every probe');
    assert.equal(again.state, 'ready');
    assert.deepEqual(again.of('corbado-append-error'), [], 'nothing to report: the visit went on');
    assert.equal(loadProcess(localStorage, 'pro-1')?.processID, 'cap-2', 'the new process is kept');
  });

  it('resumed by init (the same process back) and then refused by start (it expired meanwhile): afresh, once', async () => {
    await visit(initAnswer({ expiresAt: T0 / 1000 + 10 }));
    let starts = 0;
    let inits = 0;
    const again = await visit(
      () => initAnswer(++inits === 1 ? {} : { processID: 'cap-2' })(),
      (h) => {
        h.clock.setSystemTime(T0 + 11_000);
        h.answer.start = () => (++starts === 1 ? failing('api-rejected', 400)() : startOk());
      },
    );
    assert.deepEqual(
      again.requests.map((r) => [r.endpoint, r.processId]),
      [
        ['init', 'cap-1'],
        ['start', 'cap-1'],
        ['init', undefined],
        ['start', 'cap-2'],
      ],
    );
    assert.equal(again.state, 'ready');
  });

  it('afresh only once, and only for a refusal: a refused fresh start is reported; a 5xx on a kept process is not retried', async () => {
    await visit();
    const refused = await visit(initAnswer({ processID: 'cap-2' }), (h) => (h.answer.start = failing('api-rejected', 404)));
    assert.deepEqual(
      refused.requests.map((r) => r.endpoint),
      ['start', 'init', 'start'],
    );
    assert.deepEqual(
      refused.of('corbado-append-error').map((e) => e.code),
      ['api-rejected'],
    );
    assert.equal(refused.state, 'skipped');
    storage.restore();
    storage = memoryStorage();
    await visit();
    const down = await visit(initAnswer(), (h) => (h.answer.start = failing('api-unavailable', 503)));
    assert.deepEqual(
      down.requests.map((r) => r.endpoint),
      ['start'],
    );
    assert.equal(loadProcess(localStorage, 'pro-1')?.processID, 'cap-1', 'a server error forgets nothing');
  });

  it('an expiresAt beyond a day ahead is not believed: init goes out (a corrupt value cannot silence it for years)', async () => {
    await visit(initAnswer({ appendAllowed: false, expiresAt: 9_999_999_999 }));
    const again = await visit(initAnswer());
    assert.deepEqual(
      again.requests.map((r) => r.endpoint),
      ['init', 'start'],
    );
    assert.equal(again.sent('init')[0]!.processId, 'cap-1', 'with the kept process ID: the server may resume it');
    assert.equal(again.state, 'ready');
  });

  it('once its append part expired, init goes out again with the kept process ID and the kept flags', async () => {
    await visit(initAnswer({ expiresAt: T0 / 1000 + 10 }));
    const again = await visit(initAnswer({ flags: { second: 'x' } }), (h) => h.clock.setSystemTime(T0 + 11_000));
    const init = again.sent('init')[0]!;
    assert.deepEqual(again.probedForInit, [true], 'init goes out: every probe');
    assert.equal(init.processId, 'cap-1', 'X-Corbado-Process-ID: the server may resume it');
    assert.deepEqual((init.body as { flags: object }).flags, { rollout: 'b' }, 'flags round trip');
    assert.deepEqual(loadFlags(localStorage, 'pro-1'), { rollout: 'b', second: 'x' });
  });

  it('corrupt or foreign stored values fail open: a fresh init, nothing thrown', async () => {
    for (const garbage of ['{', '"x"', '[]', JSON.stringify({ id: 7 }), JSON.stringify({ id: 'p', appendData: { expiresAt: 'soon' } })]) {
      storage.setItem('cbo_connect_process-pro-1', garbage);
      storage.setItem('cbo_connect_flags-pro-1', garbage);
      const h = await visit();
      assert.equal(h.sent('init').length, 1, garbage);
      assert.equal(h.state, 'ready');
    }
  });

  it('a kept process ID that could not be a header value (corrupt, foreign) fails open: init without it, every visit (issue 19, item 9)', async () => {
    const stored = (id: string) =>
      JSON.stringify({ id, frontendApiUrl: 'http://localhost:1', appendData: { appendAllowed: true, flags: {}, expiresAt: EXPIRES_AT } });
    for (const id of ['cap-1\r\nX-Evil: 1', 'cap 1', 'caf\u00e9', 'x'.repeat(300)]) {
      storage.setItem('cbo_connect_process-pro-1', stored(id));
      const h = await visit();
      assert.deepEqual(
        h.requests.map((r) => [r.endpoint, r.processId ?? null]),
        [
          ['init', null],
          ['start', 'cap-1'],
        ],
        JSON.stringify(id),
      );
      assert.equal(h.state, 'ready');
    }
  });

  it('a kept process about to die: the offer dies with it, and fresh options come from a new process (issue 19, item 13)', async () => {
    await visit(initAnswer({ expiresAt: T0 / 1000 + 100 })); // the process lives 100 s, its options 300 s
    const again = await visit(initAnswer({ processID: 'cap-2' }));
    assert.deepEqual(
      again.requests.map((r) => [r.endpoint, r.processId ?? null]),
      [['start', 'cap-1']],
      'a repeat visit: the kept process, no init',
    );
    const s = again.controller.state;
    assert.ok(s.name === 'ready' && s.offer.deadlineMs <= T0 + 100_000, "the offer's deadline is the process's, not its options'");
    await again.tick(100_000); // refresh due before the process dies: it would die under the new options too
    assert.deepEqual(
      again.requests.map((r) => [r.endpoint, r.processId ?? null]),
      [
        ['start', 'cap-1'],
        ['init', null],
        ['start', 'cap-2'],
      ],
      'a new process first (never a start on a process about to die)',
    );
    assert.equal(again.state, 'ready');
    assert.deepEqual(again.of('corbado-append-error'), []);
  });

  it('a short-lived new process (under 30 s) is used, not replaced at once by another as short', async () => {
    const h = await visit(initAnswer({ expiresAt: T0 / 1000 + 20 }));
    assert.deepEqual(
      h.requests.map((r) => r.endpoint),
      ['init', 'start'],
    );
    assert.equal(h.state, 'ready');
  });

  it('a start refused because the process is gone (process_expired, not_found) during a refresh: on a new process, at once', async () => {
    await visit();
    const again = await visit(initAnswer({ processID: 'cap-2' }));
    let starts = 0;
    again.answer.start = () =>
      ++starts === 1
        ? Promise.reject(new CorbadoAppendError('api-rejected', 'gone', { status: 400, errorType: 'process_expired' }))
        : startOk();
    await again.tick(300_000 - 2000 - 30_000);
    assert.deepEqual(again.requests.map((r) => [r.endpoint, r.processId ?? null]).slice(1), [
      ['start', 'cap-1'],
      ['init', null],
      ['start', 'cap-2'],
    ]);
    assert.equal(again.state, 'ready');
    again.controller.click();
    assert.equal(again.ceremonies.length, 1);
  });

  it('blocked storage (a sandboxed frame) fails open too', async () => {
    storage.restore(); // `localStorage` is gone: every access throws ReferenceError
    const h = await visit();
    assert.equal(h.state, 'ready');
    const again = await visit();
    assert.equal(again.sent('init').length, 1, 'nothing was kept, so init again');
    assert.equal(again.state, 'ready');
  });
});

describe("init's frontendApiUrl", () => {
  const startBase = async (frontendApiUrl: string, configured = 'https://pro-1.frontendapi.corbado.io') => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => void warnings.push(m);
    try {
      const h = await visit(initAnswer({ frontendApiUrl }), (x) => (x.config = { ...x.config, frontendApiUrl: configured }));
      return { base: h.sent('start')[0]!.baseUrl, warnings };
    } finally {
      console.warn = warn;
    }
  };
  it('is followed under corbado.io', async () => {
    assert.deepEqual(await startBase('https://pro-1.frontendapi.cloud.corbado.io/'), {
      base: 'https://pro-1.frontendapi.cloud.corbado.io',
      warnings: [],
    });
  });
  it('is not followed to a foreign host, nor over plain http — logged, the configured base kept', async () => {
    for (const foreign of ['https://evil.example/api', 'http://pro-1.frontendapi.corbado.io', 'javascript:alert(1)']) {
      const { base, warnings } = await startBase(foreign);
      assert.equal(base, 'https://pro-1.frontendapi.corbado.io', foreign);
      assert.match(warnings[0] ?? '', /not followed/);
    }
  });
  it('a custom domain: hosts of its registrable domain only', () => {
    assert.equal(followApiUrl('https://api2.shop.example.co.uk', 'https://auth.shop.example.co.uk'), 'https://api2.shop.example.co.uk');
    assert.equal(typeof followApiUrl('https://other.co.uk', 'https://auth.shop.example.co.uk'), 'object');
    assert.equal(followApiUrl('http://localhost:9/x/', 'http://localhost:5173'), 'http://localhost:9/x');
    assert.equal(registrableDomain('a.b.example.com'), 'example.com');
    assert.equal(registrableDomain('a.example.com.br'), 'example.com.br');
    assert.equal(registrableDomain('127.0.0.1'), '127.0.0.1');
  });
});

describe('clientState', () => {
  it('a finish confirmed after Continue (the flow is over) still keeps lastLogin for the next clientState', async () => {
    const h = await visit();
    const answer = deferred<Awaited<ReturnType<typeof finishOk>>>();
    h.answer.finish = () => answer.promise;
    h.controller.click();
    h.ceremony().settle.resolve(response());
    await h.settle();
    await h.tick(FINISH_PATIENCE_MS);
    h.controller.skip(); // Continue: finish-pending
    assert.equal(h.state, 'skipped');
    assert.equal(localStorage.getItem('cbo_connect_last_login-pro-1'), null);
    answer.resolve(await finishOk());
    await h.settle();
    assert.equal(h.of('corbado-append-complete').length, 0, 'the flow is over: no event');
    assert.equal(JSON.parse(localStorage.getItem('cbo_connect_last_login-pro-1')!).data.operationType, 'append');
  });

  it("never another person's lastLogin: on complete-noop and on an unconfirmed success clientState has none (issue 19, item 10)", async () => {
    const previous = {
      data: { operationType: 'append', identifierValue: 'previous@example.com', identifierType: 'email', ceremonyType: 'local' },
      source: 'LocalStorage',
      ts: T0 - 1000,
    };
    const decode = (clientState: string) =>
      JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(clientState), (c) => c.charCodeAt(0))));
    localStorage.setItem('cbo_connect_last_login-pro-1', JSON.stringify(previous));
    const noop = await visit();
    noop.controller.click();
    noop.ceremony().settle.reject(new DOMException('excluded', 'InvalidStateError'));
    await noop.settle();
    const [done] = noop.of('corbado-append-complete');
    assert.equal(done!.status, 'complete-noop');
    assert.equal(decode(done!.clientState).lastLogin, undefined);

    const unconfirmed = await visit();
    unconfirmed.answer.finish = () =>
      Promise.reject(new CorbadoAppendError('api-rejected', 'used', { status: 400, errorType: 'challenge_used' }));
    unconfirmed.controller.click();
    unconfirmed.ceremony().settle.resolve(response());
    await unconfirmed.settle();
    const [maybe] = unconfirmed.of('corbado-append-complete');
    assert.equal(maybe!.unconfirmed, true);
    assert.equal(decode(maybe!.clientState).lastLogin, undefined);
  });

  it('onComplete-style: standard base64 of JSON {lastLogin, clientEnvHandle}, each {data, source, ts}', async () => {
    const h = await visit(initAnswer({ newClientEnvHandle: 'ceh-1' }));
    h.controller.click();
    h.ceremony().settle.resolve(response());
    await h.settle();
    const [complete] = h.of('corbado-append-complete');
    const kept = JSON.parse(localStorage.getItem('cbo_connect_last_login-pro-1')!);
    assert.equal(complete!.clientState, encodeClientState(localStorage, 'pro-1', kept));
    const decoded = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(complete!.clientState), (c) => c.charCodeAt(0))));
    assert.deepEqual(decoded, {
      lastLogin: {
        data: { operationType: 'append', identifierValue: 'u', identifierType: 'email', ceremonyType: 'local' },
        source: 'LocalStorage',
        ts: T0,
      },
      clientEnvHandle: { data: 'ceh-1', source: 'LocalStorage', ts: T0 },
    });
    assert.equal(complete!.passkeyOperation?.operationType, 'append', 'passkeyOperation stays on the event');
  });
});
