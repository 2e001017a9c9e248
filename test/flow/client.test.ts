/**
 * The Frontend API client (`src/api/client.ts`) under Node, on real `Response`s from a stand-in
 * `fetch` and a stand-in clock: which answers are refusals and which say "not now", `Retry-After`,
 * the round trip, and a process ID that cannot be a header value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrontendApiClient, retryAfterMs } from '../../src/api/client.js';
import { MAX_RETRY_AFTER_MS } from '../../src/times.js';
import { CorbadoAppendError } from '../../src/errors.js';
import type { Clock } from '../../src/clock.js';

const corbadoBody = (type: string) =>
  JSON.stringify({
    httpStatusCode: 400,
    message: 'x',
    requestData: { requestID: 'req-1', link: '' },
    runtime: 0,
    error: { type, links: [] },
  });

/** A client whose every request gets `answer`; `sent` collects what went out. */
function clientAnswering(answer: () => Response, now = { wall: 1_800_000_000_000, mono: 0 }) {
  const sent: { url: string; headers: Headers }[] = [];
  const clock: Clock = {
    now: () => now.wall,
    mono: () => now.mono,
    setTimeout: () => 0,
    clearTimeout: () => undefined,
  };
  const fetch = (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), headers: new Headers(init?.headers) });
    now.mono += 250; // the round trip
    return Promise.resolve(answer());
  };
  return { client: new FrontendApiClient('https://pro-1.frontendapi.corbado.io', 'pro-1', { fetch, clock, timeoutMs: 10_000 }), sent };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e as CorbadoAppendError,
  );
const finishBody = { attestationResponse: '{}', completionType: 'manual' as const };

describe('FrontendApiClient: refusals and "not now"', () => {
  it('408, 425 and 429 are no refusal, even with a Corbado body: api-unavailable, with the status', async () => {
    for (const status of [408, 425, 429]) {
      const { client } = clientAnswering(() => new Response(corbadoBody('too_many_requests'), { status }));
      const e = await failure(client.finish(finishBody));
      assert.deepEqual([e.code, e.status, e.recoverable], ['api-unavailable', status, true], String(status));
    }
  });
  it('a 4xx with a Corbado body is a refusal with its error.type (409 too: the finish rules read it as unknown)', async () => {
    for (const status of [400, 404, 409]) {
      const { client } = clientAnswering(() => new Response(corbadoBody('validation_error'), { status }));
      const e = await failure(client.finish(finishBody));
      assert.deepEqual([e.code, e.status, e.errorType, e.requestId], ['api-rejected', status, 'validation_error', 'req-1']);
    }
  });
  it('Retry-After of a 429 or 503 comes with the error, in ms (seconds or an HTTP date; capped)', async () => {
    const { client } = clientAnswering(() => new Response('', { status: 429, headers: { 'retry-after': '7' } }));
    assert.equal((await failure(client.finish(finishBody))).retryAfterMs, 7000);
    const { client: unavailable } = clientAnswering(() => new Response('busy', { status: 503, headers: { 'retry-after': '86400' } }));
    assert.equal((await failure(unavailable.finish(finishBody))).retryAfterMs, MAX_RETRY_AFTER_MS);
  });
  it('retryAfterMs reads delay-seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-07T19:00:00Z');
    assert.equal(retryAfterMs('3', now), 3000);
    assert.equal(retryAfterMs('Mon, 07 Dec 2026 19:00:05 GMT', now), 5000);
    assert.equal(retryAfterMs('Mon, 07 Dec 2026 18:00:00 GMT', now), 0, 'a date past: at once');
    for (const v of [null, '', 'soon', '-1', '1.5']) assert.equal(retryAfterMs(v, now), undefined, String(v));
  });
});

describe('FrontendApiClient: what goes out', () => {
  it('a process ID that is no valid header value (a corrupt or foreign kept value) is not sent: the request still goes out', async () => {
    const { client, sent } = clientAnswering(() => new Response('{}', { status: 200 }));
    for (const bad of ['cap-1\r\nX-Evil: 1', 'cap 1', 'ünicode', '', 'x'.repeat(300)]) {
      client.processId = bad;
      await client.finish(finishBody).catch(() => undefined);
      assert.equal(sent.at(-1)!.headers.get('x-corbado-process-id'), null, JSON.stringify(bad));
    }
    client.processId = 'cap_AbC-123.x';
    await client.finish(finishBody).catch(() => undefined);
    assert.equal(sent.at(-1)!.headers.get('x-corbado-process-id'), 'cap_AbC-123.x');
  });
  it('an answer carries when it arrived (wall and monotonic) and the round trip', async () => {
    const started = JSON.stringify({
      attestationOptions: '',
      variant: 'default',
      isRestrictedBrowser: false,
      autoAppend: false,
      conditionalAppend: false,
      expiresMs: 1,
    });
    const { client } = clientAnswering(() => new Response(started, { status: 200, headers: { date: 'Mon, 07 Dec 2026 19:00:00 GMT' } }));
    const answer = await client.start({ appendTokenValue: 't', loadedMs: 1 });
    assert.deepEqual(
      [answer.receivedAtMs, answer.arrivedAt, answer.roundTripMs, answer.serverDateMs],
      [1_800_000_000_000, 250, 250, Date.parse('2026-12-07T19:00:00Z')],
    );
  });
  it('a body JSON cannot carry fails as the bug it is (TypeError), never as a network error', async () => {
    const { client, sent } = clientAnswering(() => new Response('{}'));
    await assert.rejects(client.finish({ ...finishBody, customData: { n: 1n } as never }), TypeError);
    assert.equal(sent.length, 0);
  });
});
