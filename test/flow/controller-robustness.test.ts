/**
 * The controller (`src/flow/controller.ts`) when the world around it misbehaves — each a defect
 * the issue-19 review found, proved fixed under Node with a fake clock: a throw inside a move, an
 * extension output JSON cannot carry, a `signalUnknownCredential` that is no function of promises,
 * a refresh whose start got no answer or fell due while the sheet was open, a token provider that
 * fails, and what the page hears of an undecided finish.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CorbadoAppendError } from '../../src/errors.js';
import { finishAttestation } from '../../src/flow/finish.js';
import { FINISH_BACKOFF_MS, REFRESH_RETRY_MS } from '../../src/times.js';

import { signalUnknownCredential } from '../../src/webauthn/support.js';
import { response } from './fixtures.js';
import { Harness, failing, finishOk, startOk } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.restore());

const errors = () => h.of('corbado-append-error');

describe('nothing wedges the flow (issue 19, item 5)', () => {
  it('an extension output JSON cannot carry (a BigInt): the passkey is still sent, the flow ends', async () => {
    await h.mount();
    h.controller.click();
    h.ceremony().settle.resolve({ ...response('c1'), clientExtensionResults: { weird: 10n } as never });
    await h.settle();
    const body = h.sent('finish')[0]!.body as { attestationResponse: string };
    assert.deepEqual(JSON.parse(body.attestationResponse).clientExtensionResults, { weird: '10' });
    assert.equal(h.state, 'success');
  });
  it('a cycle in it: sent without the extension outputs', async () => {
    await h.mount();
    h.controller.click();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    h.ceremony().settle.resolve({ ...response('c1'), clientExtensionResults: cyclic as never });
    await h.settle();
    assert.deepEqual(
      JSON.parse((h.sent('finish')[0]!.body as { attestationResponse: string }).attestationResponse).clientExtensionResults,
      {},
    );
    assert.equal(h.state, 'success');
  });
  it('a move that throws ends the flow in its final error, with a way on; the next events still move it', async () => {
    await h.mount();
    h.controller.click();
    const broken = response('c1');
    Object.defineProperty(broken, 'id', {
      get() {
        throw new TypeError('hostile getter');
      },
    });
    const log = console.error;
    console.error = () => undefined; // the flow logs the bug; the test does not need to see it
    try {
      h.ceremony().settle.resolve(broken);
      await h.settle();
    } finally {
      console.error = log;
    }
    assert.equal(h.state, 'error');
    assert.equal(errors().at(-1)?.code, 'api-unavailable');
    h.controller.skip(); // Continue: the queue was let go, the flow moves
    assert.equal(h.state, 'skipped');
  });
  it('an effect that throws (a page listener, a storage quota) leaves the others running', async () => {
    let thrown = 0;
    const emit = h.emit;
    h.emit = (type, detail) => {
      const proceed = emit(type, detail);
      if (type === 'corbado-append-ready') {
        thrown++;
        throw new Error('listener');
      }
      return proceed;
    };
    const log = console.error;
    console.error = () => undefined;
    try {
      await h.mount();
    } finally {
      console.error = log;
    }
    assert.equal(thrown, 1);
    assert.equal(h.state, 'ready');
    h.controller.click();
    assert.equal(h.ceremonies.length, 1, '"Create passkey" still works');
    h.controller.skip();
    assert.equal(h.state, 'skipped', '"Not now" still works');
  });
});

describe('signalUnknownCredential of a polyfill or an extension (issue 19, item 4)', () => {
  const pkc = globalThis as { PublicKeyCredential?: unknown };
  afterEach(() => delete pkc.PublicKeyCredential);
  it('returning no promise, throwing, rejecting or missing: never throws', () => {
    for (const signal of [
      () => 42,
      () => undefined,
      () => Promise.reject(new Error('x')),
      () => {
        throw new TypeError('x');
      },
      'not a function',
    ]) {
      pkc.PublicKeyCredential = { signalUnknownCredential: signal };
      assert.doesNotThrow(() => signalUnknownCredential('shop.example', 'c1'));
    }
    pkc.PublicKeyCredential = undefined;
    assert.doesNotThrow(() => signalUnknownCredential('shop.example', 'c1'));
  });
  it('a signal that throws after a refusal: the finish still ends (rejected), nothing wedged', async () => {
    const outcome = await finishAttestation(
      {
        send: () => Promise.reject(new CorbadoAppendError('api-rejected', 'x', { status: 400, errorType: 'validation_error' })),
        wait: () => Promise.resolve(),
        now: () => 0,
        signalUnknown: () => {
          throw new TypeError('polyfill');
        },
      },
      60_000,
    );
    assert.equal(outcome.kind, 'rejected');
  });
  it('a send that throws at once is an unknown outcome, retried', async () => {
    let calls = 0;
    const outcome = await finishAttestation(
      {
        send: () => {
          if (++calls < 3) throw new TypeError('sync');
          return finishOk().then((r) => r.data.passkeyOperation);
        },
        wait: () => Promise.resolve(),
        now: () => 0,
        signalUnknown: () => assert.fail('never signalled'),
      },
      60_000,
    );
    assert.deepEqual([outcome.kind, calls], ['confirmed', 3]);
  });
});

describe('refreshes (issue 19, items 6 and 7)', () => {
  it('a refresh whose start got no answer: the options held are in doubt — a click renews them (no create()), and the refresh is retried', async () => {
    await h.mount();
    h.answer.start = failing('api-unavailable', 504);
    await h.tick(300_000 - 2000 - 30_000); // the refresh
    assert.equal(h.sent('start').length, 2);
    assert.equal(h.state, 'ready');
    h.answer.start = () => startOk();
    h.controller.click();
    assert.equal(h.ceremonies.length, 0, 'no create() on options whose challenge the lost start may have replaced');
    assert.equal(h.state, 'renewing');
    await h.settle();
    assert.equal(h.state, 'ready');
    h.controller.click();
    assert.equal(h.ceremonies.length, 1, 'on the fresh options');
  });
  it('…and without a click, the refresh is tried again after a while', async () => {
    await h.mount();
    h.answer.start = failing('api-unavailable', 504);
    await h.tick(300_000 - 2000 - 30_000);
    h.answer.start = () => startOk();
    await h.tick(REFRESH_RETRY_MS);
    assert.equal(h.sent('start').length, 3);
    h.controller.click();
    assert.equal(h.ceremonies.length, 1, 'fresh options: usable');
  });
  it('a refresh that falls due while the sheet is open waits for it, then runs at once; the next ceremony lives to the new deadline', async () => {
    h.config = { ...h.config, ceremonyTimeoutMs: 600_000 }; // a sheet open this long: no watchdog first
    await h.mount();
    h.controller.click();
    await h.tick(300_000 - 2000 - 30_000 + 1000); // due while the sheet is open
    assert.equal(h.sent('start').length, 1, 'no start while the ceremony signs the current challenge');
    h.ceremony().settle.reject(new DOMException('cancelled', 'NotAllowedError'));
    await h.settle();
    assert.equal(h.sent('start').length, 2, 'fetched as soon as the sheet closed');
    assert.equal(h.state, 'ready');
    h.controller.click();
    await h.tick(60_000); // past the old deadline (29 s away): the new options live on
    assert.equal(h.ceremony().aborted, false);
    assert.equal(h.state, 'creating');
  });
});

describe('the append token (issue 19, item 15)', () => {
  it('a provider that fails: append-token, if the page set one (once: it is single use)', async () => {
    h.config = { ...h.config, appendToken: 'static-token', appendTokenProvider: () => Promise.reject(new Error('backend down')) };
    await h.mount();
    assert.equal(h.state, 'ready');
    assert.equal((h.sent('start')[0]!.body as { appendTokenValue: string }).appendTokenValue, 'static-token');
    await h.tick(300_000); // the refresh has no token now (the backend may be unreachable only for now)
    assert.equal(h.sent('start').length, 1, 'the used static token is never sent again');
    assert.equal(h.state, 'ready', 'no error for a user who did nothing');
    assert.deepEqual(errors(), []);
    h.controller.click(); // the user asks: no token still — the end, said
    await h.settle();
    assert.equal(h.sent('start').length, 1);
    assert.equal(h.state, 'error');
    assert.equal(errors().at(-1)?.code, 'token-unavailable');
  });
  it('a provider that resolves {appendToken} (the backend answer handed on whole) is understood', async () => {
    h.config = { ...h.config, appendTokenProvider: () => Promise.resolve({ appendToken: 'tok-9' } as never) };
    await h.mount();
    assert.equal((h.sent('start')[0]!.body as { appendTokenValue: string }).appendTokenValue, 'tok-9');
  });
  it('a provider that resolves nothing usable says what it gave', async () => {
    h.config = { ...h.config, appendTokenProvider: () => Promise.resolve({ token: 'x' } as never) };
    await h.mount();
    assert.match(errors()[0]!.message, /no token \(object\)/);
  });
});

describe('what the page hears of a finish (issue 19, item 14)', () => {
  it('no definitive answer by the deadline: finish-failed with maybeStored — never signalled', async () => {
    h.answer.start = () => startOk({ expiresMs: Date.now() + 20_000 });
    h.answer.finish = failing('api-unavailable', 504);
    await h.mount();
    h.controller.click();
    h.ceremony().settle.resolve(response('c1'));
    await h.tick(60_000);
    const e = errors().at(-1)!;
    assert.deepEqual([e.code, e.maybeStored], ['finish-failed', true]);
    assert.deepEqual(h.signalled, []);
  });
  it('a definitive refusal: finish-failed without maybeStored — "not saved", signalled', async () => {
    h.answer.finish = failing('api-rejected', 400);
    await h.mount();
    h.controller.click();
    h.ceremony().settle.resolve(response('c1'));
    await h.settle();
    const e = errors().at(-1)!;
    assert.deepEqual([e.code, 'maybeStored' in e], ['finish-failed', false]);
    assert.equal(h.signalled.length, 1);
  });
  it(`a 429 with Retry-After waits that long before it tries again (not ${FINISH_BACKOFF_MS[0]} ms)`, async () => {
    let calls = 0;
    h.answer.finish = () =>
      ++calls === 1 ? Promise.reject(new CorbadoAppendError('api-unavailable', '429', { status: 429, retryAfterMs: 5000 })) : finishOk();
    await h.mount();
    h.controller.click();
    h.ceremony().settle.resolve(response('c1'));
    await h.tick(4999);
    assert.equal(calls, 1);
    await h.tick(1);
    assert.equal(calls, 2);
    assert.equal(h.state, 'success');
  });
});
