/**
 * The /v2 endpoints over HTTP: init, start, events, plus the request-level checks (finish:
 * finish.test.js).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { client, emulatorForFile, EVENTS, INIT, isCorbadoError, newProjectId, START, wait } from './helpers.js';

const emu = emulatorForFile();
const fresh = emu.fresh;

describe('init', () => {
  it('opens a process with the Corbado response shape', async () => {
    const c = fresh();
    const before = Math.floor(Date.now() / 1000);
    const res = await c.api(INIT, { clientInformation: { webdriver: true }, flags: {} });
    assert.equal(res.status, 200);
    assert.match(res.json.processID, /\S+/);
    assert.match(res.json.newClientEnvHandle, /\S+/);
    assert.ok(
      Number.isInteger(res.json.expiresAt) && res.json.expiresAt > before && res.json.expiresAt < before + 86400,
      'expiresAt is unix seconds in the future',
    );
    assert.equal(res.json.frontendApiUrl, emu.base);
    assert.equal(res.json.appendAllowed, true);
    assert.deepEqual(res.json.flags, {});
  });

  it('keeps an issued clientEnvHandle and replaces a foreign one', async () => {
    const c = fresh();
    const first = await c.init();
    const again = await c.init({ clientEnvHandle: first.newClientEnvHandle });
    assert.equal(again.newClientEnvHandle, first.newClientEnvHandle);
    const foreign = await c.init({ clientEnvHandle: 'made-up' });
    assert.notEqual(foreign.newClientEnvHandle, 'made-up');
    const otherProject = await client(emu.base, newProjectId()).init({ clientEnvHandle: first.newClientEnvHandle });
    assert.notEqual(otherProject.newClientEnvHandle, first.newClientEnvHandle);
  });

  it('answers appendAllowed from the scenario', async () => {
    const c = fresh();
    await c.scenario({ appendAllowed: false });
    assert.equal((await c.init()).appendAllowed, false);
  });

  it('rejects a missing or invalid project id header with validation_error', async () => {
    for (const headers of [{ 'x-corbado-projectid': '' }, { 'x-corbado-projectid': 'Not A Label!' }]) {
      const res = await fresh().api(INIT, { clientInformation: {}, flags: {} }, { headers });
      assert.equal(res.status, 400);
      assert.ok(isCorbadoError(res.json));
      assert.equal(res.json.error.type, 'validation_error');
      assert.equal(res.json.error.validation[0].field, 'X-Corbado-ProjectID');
    }
  });

  it('rejects a body without clientInformation or flags', async () => {
    const res = await fresh().api(INIT, { flags: {} });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.validation[0].field, 'clientInformation');
    const res2 = await fresh().api(INIT, { clientInformation: {} });
    assert.equal(res2.json.error.validation[0].field, 'flags');
  });
});

describe('start', () => {
  it('answers creation options for the token user, wrapped in publicKey, bound to the page origin', async () => {
    const c = fresh();
    const t0 = Date.now();
    const { start } = await c.initAndStart({}, { userId: 'u-42', email: 'ada@example.com' });
    assert.equal(start.status, 200);
    const { publicKey } = JSON.parse(start.json.attestationOptions);
    assert.equal(publicKey.rp.id, 'localhost');
    assert.equal(publicKey.rp.name, 'Corbado Emulator');
    assert.equal(Buffer.from(publicKey.user.id, 'base64url').toString(), 'u-42');
    assert.equal(publicKey.user.name, 'ada@example.com');
    assert.deepEqual(publicKey.excludeCredentials, []);
    assert.equal(publicKey.authenticatorSelection.residentKey, 'required');
    assert.equal(publicKey.authenticatorSelection.userVerification, 'preferred');
    assert.equal(publicKey.attestation, 'none');
    assert.equal(publicKey.timeout, 60000);
    assert.match(publicKey.challenge, /^[A-Za-z0-9_-]{16,}$/);
    assert.deepEqual(
      { ...start.json, attestationOptions: undefined, expiresMs: undefined },
      {
        attestationOptions: undefined,
        expiresMs: undefined,
        variant: 'default',
        isRestrictedBrowser: false,
        autoAppend: false,
        conditionalAppend: false,
      },
    );
    assert.ok(start.json.expiresMs >= t0 + 300000 && start.json.expiresMs <= Date.now() + 300000, 'expiresMs = now + ttlMs');
  });

  it('takes rp.id from the Origin header', async () => {
    const c = client(emu.base, newProjectId(), 'http://127.0.0.1:5173');
    const { start } = await c.initAndStart();
    assert.equal(JSON.parse(start.json.attestationOptions).publicKey.rp.id, '127.0.0.1');
  });

  it('answers the scenario decisions and customData', async () => {
    const c = fresh();
    await c.scenario({
      variant: 'after-hybrid',
      autoAppend: true,
      conditionalAppend: true,
      isRestrictedBrowser: true,
      ttlMs: 1000,
      customData: { a: 'b' },
    });
    const { start } = await c.initAndStart();
    assert.equal(start.json.variant, 'after-hybrid');
    assert.equal(start.json.autoAppend, true);
    assert.equal(start.json.conditionalAppend, true);
    assert.equal(start.json.isRestrictedBrowser, true);
    assert.deepEqual(start.json.customData, { a: 'b' });
    assert.ok(Math.abs(start.json.expiresMs - (Date.now() + 1000)) < 500);
  });

  it('answers empty attestationOptions when passkey intel denies, unless forcePasskeyAppend', async () => {
    const c = fresh();
    await c.scenario({ passkeyIntelDenied: true });
    const denied = await c.initAndStart();
    assert.equal(denied.start.status, 200);
    assert.equal(denied.start.json.attestationOptions, '');
    const forced = await c.initAndStart({ forcePasskeyAppend: true });
    assert.ok(JSON.parse(forced.start.json.attestationOptions).publicKey.challenge);
  });

  it('spends the append token once', async () => {
    const c = fresh();
    const { processID } = await c.init();
    const appendTokenValue = await c.token();
    const body = { appendTokenValue, loadedMs: Date.now() };
    assert.equal((await c.api(START, body, { processId: processID })).status, 200);
    const again = await c.api(START, body, { processId: processID });
    assert.equal(again.status, 400);
    assert.ok(isCorbadoError(again.json));
    assert.equal(again.json.error.type, 'validation_error');
    assert.deepEqual(
      again.json.error.validation.map((/** @type {any} */ v) => v.field),
      ['appendTokenValue'],
    );
  });

  it('rejects an expired, unknown or empty append token', async () => {
    const c = fresh();
    const { processID } = await c.init();
    const expired = await c.token({ ttlMs: 30 });
    await wait(60);
    for (const appendTokenValue of [expired, 'ctk_nope', '']) {
      const res = await c.api(START, { appendTokenValue, loadedMs: Date.now() }, { processId: processID });
      assert.equal(res.status, 400, appendTokenValue);
      assert.equal(res.json.error.validation[0].field, 'appendTokenValue');
    }
  });

  it('requires a live process of this project in X-Corbado-Process-ID', async () => {
    const c = fresh();
    const body = { appendTokenValue: await c.token(), loadedMs: Date.now() };
    const missing = await c.api(START, body);
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.validation[0].field, 'X-Corbado-Process-ID');
    const unknown = await c.api(START, body, { processId: 'cap_unknown' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.type, 'not_found');
    const { processID: foreign } = await fresh().init();
    assert.equal((await c.api(START, body, { processId: foreign })).status, 404);
    // the token was not spent by the rejected calls
    const { processID } = await c.init();
    assert.equal((await c.api(START, body, { processId: processID })).status, 200);
  });

  it('rejects a start without loadedMs', async () => {
    const c = fresh();
    const { processID } = await c.init();
    const res = await c.api(START, { appendTokenValue: await c.token() }, { processId: processID });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.validation[0].field, 'loadedMs');
  });
});

describe('events', () => {
  it('records an event with 204', async () => {
    const c = fresh();
    const { processID } = await c.init();
    const res = await c.api(EVENTS, { eventType: 'append-learn-more', message: 'hi' }, { processId: processID });
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    const { events } = (await c.demo('GET', '/emulator/events')).json;
    assert.equal(events.length, 1);
    assert.equal(events[0].eventType, 'append-learn-more');
    assert.equal(events[0].message, 'hi');
    assert.equal(events[0].processId, processID);
    assert.equal(typeof events[0].at, 'number');
  });

  it('rejects an unknown eventType and a missing process', async () => {
    const c = fresh();
    const { processID } = await c.init();
    const bad = await c.api(EVENTS, { eventType: 'nope' }, { processId: processID });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.validation[0].field, 'eventType');
    assert.equal((await c.api(EVENTS, { eventType: 'append-error' })).status, 400);
    assert.deepEqual((await c.demo('GET', '/emulator/events')).json.events, []);
  });
});

describe('request handling', () => {
  it('logs every /v2 call with path, method, processId, body and time', async () => {
    const c = fresh();
    const t0 = Date.now();
    const { processID } = await c.initAndStart({ situation: 's1' });
    const { requests } = (await c.demo('GET', '/emulator/requests')).json;
    assert.deepEqual(
      requests.map((/** @type {any} */ r) => [r.path, r.method, r.processId]),
      [
        [INIT, 'POST', null],
        [START, 'POST', processID],
      ],
    );
    assert.deepEqual(requests[0].body, { clientInformation: {}, flags: {} });
    assert.equal(requests[1].body.situation, 's1');
    assert.ok(requests.every((/** @type {any} */ r) => r.at >= t0 && r.at <= Date.now()));
  });

  it('answers 400 invalid_json to a non-JSON body', async () => {
    const res = await fresh().api(INIT, '{"clientInformation":');
    assert.equal(res.status, 400);
    assert.ok(isCorbadoError(res.json));
    assert.equal(res.json.error.type, 'invalid_json');
  });

  it('answers 413 to a body over 64 KiB, and the connection stays usable', async () => {
    const c = fresh();
    const res = await c.api(INIT, { clientInformation: { pad: 'x'.repeat(70 * 1024) }, flags: {} });
    assert.equal(res.status, 413);
    assert.ok(isCorbadoError(res.json));
    assert.equal((await c.api(INIT, { clientInformation: {}, flags: {} })).status, 200);
  });

  it('answers 404 with a Corbado body to an unknown /v2 path, 405 to a wrong method', async () => {
    const c = fresh();
    const unknown = await c.api('/v2/connect/nope', {});
    assert.equal(unknown.status, 404);
    assert.ok(isCorbadoError(unknown.json));
    assert.equal(unknown.json.error.type, 'not_found');
    const get = await fetch(emu.base + INIT);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.ok(isCorbadoError(await get.json()));
    const del = await fetch(`${emu.base}/emulator/credentials`, { method: 'DELETE' });
    assert.equal(del.status, 405);
  });

  it('leaves paths that are not its own to the host', async () => {
    const res = await fetch(`${emu.base}/index.html`);
    assert.equal(await res.text(), 'not ours');
    const emulatorDirFile = await fetch(`${emu.base}/emulator/core.js`);
    assert.equal(await emulatorDirFile.text(), 'not ours');
  });
});
