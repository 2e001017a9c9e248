/**
 * The process as Corbado's client keeps it: init resumes the live process named by
 * `X-Corbado-Process-ID`, answers `expiresAt` in unix seconds, the scenario's `flags` and
 * `frontendApiUrl`, and a process dies after the scenario's `processTtlMs`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emulatorForFile, EVENTS, INIT, initBody, START, wait } from './helpers.js';

const emu = emulatorForFile();
const fresh = emu.fresh;

describe('init with X-Corbado-Process-ID', () => {
  it('resumes a live process: same processID, its own expiresAt (unix seconds)', async () => {
    const c = fresh();
    const first = (await c.api(INIT, initBody)).json;
    const nowS = Date.now() / 1000;
    assert.ok(
      Number.isInteger(first.expiresAt) && first.expiresAt > nowS + 3500 && first.expiresAt <= nowS + 3601,
      'expiresAt ≈ now + 1 h, in s (on a whole second, never sooner than the lifetime)',
    );
    await wait(1100); // a new process made now would expire a second later
    const again = await c.api(INIT, { clientInformation: { webdriver: true }, flags: {} }, { processId: first.processID });
    assert.equal(again.status, 200);
    assert.equal(again.json.processID, first.processID);
    assert.equal(again.json.expiresAt, first.expiresAt);
    // and it is usable as before
    const event = await c.api(EVENTS, { eventType: 'append-learn-more' }, { processId: first.processID });
    assert.equal(event.status, 204);
  });

  it('a process dies exactly at the expiresAt it was announced with (unix seconds): not a moment later', async () => {
    const c = fresh();
    await c.scenario({ processTtlMs: 1000 });
    const first = (await c.api(INIT, initBody)).json;
    await wait(first.expiresAt * 1000 - Date.now());
    const again = (await c.api(INIT, initBody, { processId: first.processID })).json;
    assert.notEqual(again.processID, first.processID, 'expired by its own expiresAt: a new process, none resumed');
  });

  it('without the header, or with an unknown or foreign one, opens a new process', async () => {
    const c = fresh();
    const first = (await c.api(INIT, initBody)).json;
    const plain = (await c.api(INIT, initBody)).json;
    const unknown = (await c.api(INIT, initBody, { processId: 'cap_made_up' })).json;
    const foreign = (await fresh().api(INIT, initBody, { processId: first.processID })).json;
    const ids = [first.processID, plain.processID, unknown.processID, foreign.processID];
    assert.equal(new Set(ids).size, 4, ids.join(' '));
  });

  it('an expired process (scenario processTtlMs) is replaced, and start refuses it as process_expired', async () => {
    const c = fresh();
    await c.scenario({ processTtlMs: 1000 });
    const first = (await c.api(INIT, initBody)).json;
    assert.ok(first.expiresAt <= Math.ceil(Date.now() / 1000) + 2, 'expiresAt = now + 1 s, on a whole second');
    await wait(first.expiresAt * 1000 - Date.now()); // exactly when a client reading expiresAt sees it expire

    const start = await c.api(START, { appendTokenValue: await c.token(), loadedMs: Date.now() }, { processId: first.processID });
    assert.equal(start.status, 400);
    assert.equal(start.json.error.type, 'process_expired');
    const renewed = (await c.api(INIT, initBody, { processId: first.processID })).json;
    assert.notEqual(renewed.processID, first.processID);
    assert.ok(renewed.expiresAt * 1000 > Date.now());
  });
});

describe('init flags and frontendApiUrl', () => {
  it('answers the scenario flags; the flags a client sends back are logged as sent', async () => {
    const c = fresh();
    assert.deepEqual((await c.api(INIT, initBody)).json.flags, {});
    await c.scenario({ flags: { 'append-rollout': 'on', bucket: '17' } });
    const answered = (await c.api(INIT, initBody)).json.flags;
    assert.deepEqual(answered, { 'append-rollout': 'on', bucket: '17' });
    await c.api(INIT, { clientInformation: {}, flags: answered });
    const { requests } = (await c.demo('GET', '/emulator/requests')).json;
    assert.deepEqual(requests.at(-1).body.flags, { 'append-rollout': 'on', bucket: '17' });
    await c.scenario({ flags: null });
    assert.deepEqual((await c.api(INIT, initBody)).json.flags, {});
  });

  it('answers its own origin as frontendApiUrl, or the scenario one as is', async () => {
    const c = fresh();
    assert.equal((await c.api(INIT, initBody)).json.frontendApiUrl, emu.base);
    for (const url of ['https://pro-1.frontendapi.corbado.io', 'https://evil.example', 'http://auth.example.com', 'not a url']) {
      await c.scenario({ frontendApiUrl: url });
      assert.equal((await c.api(INIT, initBody)).json.frontendApiUrl, url);
    }
    await c.scenario({ frontendApiUrl: null });
    assert.equal((await c.api(INIT, initBody)).json.frontendApiUrl, emu.base);
  });
});
