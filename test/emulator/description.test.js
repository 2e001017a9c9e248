/**
 * The API description (api/connect-append.openapi.yaml) against what speaks it: the emulator
 * refuses requests that break it with Corbado's `validation_error` body, answers only what it
 * allows, and the description agrees with Corbado's own client (@corbado/web-core's generated
 * `api/v2` types).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { EVENT_TYPES, apiDescription, requestProblems, responseProblems } from '../../emulator/openapi.js';
import { appendFlow, emulatorForFile, EVENTS, FINISH, INIT, isCorbadoError, START } from './helpers.js';

const emu = emulatorForFile();
const fresh = emu.fresh;

/** @param {{status: number, json: any}} res @returns {string[]} the `validation[].field`s of a 400 validation_error */
function refusedFields(res) {
  assert.equal(res.status, 400, JSON.stringify(res.json));
  assert.ok(isCorbadoError(res.json));
  assert.equal(res.json.error.type, 'validation_error');
  for (const v of res.json.error.validation) assert.ok(typeof v.field === 'string' && typeof v.message === 'string' && v.message !== '');
  return res.json.error.validation.map((/** @type {{field: string}} */ v) => v.field);
}

describe('requests are checked against the description', () => {
  it('init: a mistyped flags value, clientInformation members of the wrong type', async () => {
    const c = fresh();
    assert.deepEqual(refusedFields(await c.api(INIT, { clientInformation: {}, flags: { rollout: 1 } })), ['flags.rollout']);
    assert.deepEqual(refusedFields(await c.api(INIT, { clientInformation: {}, flags: [] })), ['flags']);
    const info = { webdriver: 'yes', clientCapabilities: { conditionalCreate: 1 }, javaScriptHighEntropy: { platform: 'Linux' } };
    assert.deepEqual(refusedFields(await c.api(INIT, { clientInformation: info, flags: {} })).sort(), [
      'clientInformation.clientCapabilities.conditionalCreate',
      'clientInformation.javaScriptHighEntropy.mobile',
      'clientInformation.javaScriptHighEntropy.platformVersion',
      'clientInformation.webdriver',
    ]);
    const meta = { clientEnvHandleMeta: { ts: '2024', source: 'cookie' } };
    assert.deepEqual(refusedFields(await c.api(INIT, { clientInformation: meta, flags: {} })).sort(), [
      'clientInformation.clientEnvHandleMeta.source',
      'clientInformation.clientEnvHandleMeta.ts',
    ]);
    assert.deepEqual(refusedFields(await c.api(INIT, [])), ['body']);
    assert.deepEqual((await c.demo('GET', '/emulator/scenario')).status, 200);
  });

  it('start: loadedMs must be an integer (unix ms)', async () => {
    const c = fresh();
    const { processID } = await c.init();
    for (const loadedMs of [Date.now() + 0.5, String(Date.now()), 2 ** 53, null]) {
      const res = await c.api(START, { appendTokenValue: 'ctk_x', loadedMs }, { processId: processID });
      assert.deepEqual(refusedFields(res), ['loadedMs'], String(loadedMs));
    }
    // the token of a refused start is not spent
    const appendTokenValue = await c.token();
    assert.deepEqual(refusedFields(await c.api(START, { appendTokenValue, loadedMs: 1.5 }, { processId: processID })), ['loadedMs']);
    assert.equal((await c.api(START, { appendTokenValue, loadedMs: Date.now() }, { processId: processID })).status, 200);
  });

  it('start: any integer loadedMs is accepted, as Corbado does — a device clock near 1970 sends 5', async () => {
    const c = fresh();
    for (const loadedMs of [5, 0, -1, Math.floor(Date.now() / 1000)]) {
      const { processID } = await c.init();
      const res = await c.api(START, { appendTokenValue: await c.token(), loadedMs }, { processId: processID });
      assert.equal(res.status, 200, `${loadedMs}: ${res.text}`);
      assert.ok(JSON.parse(res.json.attestationOptions).publicKey.challenge, 'the offer is made');
    }
  });

  it('finish: completionType and customData', async () => {
    const c = fresh();
    const { processID } = await c.initAndStart();
    const bad = { attestationResponse: '{}', completionType: 'click', customData: { n: 1 } };
    assert.deepEqual(refusedFields(await c.api(FINISH, bad, { processId: processID })).sort(), ['completionType', 'customData.n']);
  });

  it('events: all 18 event types of Frontend API 2.0.4 are accepted, others refused', async () => {
    const c = fresh();
    const { processID } = await c.init();
    assert.equal(EVENT_TYPES.length, 18);
    for (const eventType of EVENT_TYPES) {
      const res = await c.api(EVENTS, { eventType, message: 'm', challenge: 'c' }, { processId: processID });
      assert.equal(res.status, 204, `${eventType}: ${res.text}`);
    }
    for (const eventType of ['append-nope', 'APPEND-ERROR', '', 7]) {
      assert.deepEqual(refusedFields(await c.api(EVENTS, { eventType }, { processId: processID })), ['eventType']);
    }
    assert.deepEqual(refusedFields(await c.api(EVENTS, { eventType: 'append-error', message: 5 }, { processId: processID })), ['message']);
    const { events } = (await c.demo('GET', '/emulator/events')).json;
    assert.deepEqual(
      events.map((/** @type {{eventType: string}} */ e) => e.eventType),
      EVENT_TYPES,
    );
  });
});

describe('every answer matches the description', () => {
  it('init, start, finish, events and their refusals', async () => {
    const c = fresh();
    await c.scenario({ customData: { k: 'v' }, flags: { f: '1' } });
    const { processID, start, finish } = await appendFlow(c, { customData: { k: 'v' } });
    const init = await c.api(INIT, { clientInformation: {}, flags: {} }, { processId: processID });
    const event = await c.api(EVENTS, { eventType: 'append-learn-more' }, { processId: processID });
    const answers = /** @type {[string, {status: number, json: unknown}][]} */ ([
      [INIT, init],
      [START, start],
      [FINISH, finish],
      [EVENTS, { status: event.status, json: event.text === '' ? undefined : event.json }],
      [INIT, await c.api(INIT, '{')],
      [START, await c.api(START, { appendTokenValue: 't', loadedMs: Date.now() }, { processId: 'cap_nope' })],
      [FINISH, await c.api(FINISH, { attestationResponse: '{}', completionType: 'manual' }, { processId: processID })],
      [EVENTS, await c.api(EVENTS, { eventType: 'x' })],
    ]);
    assert.deepEqual(
      answers.map(([, a]) => a.status),
      [200, 200, 200, 204, 400, 404, 400, 400],
    );
    for (const [path, { status, json }] of answers) assert.deepEqual(responseProblems(path, status, json), [], `${path} ${status}`);
  });

  it('the check itself finds a broken answer', () => {
    assert.deepEqual(
      responseProblems(INIT, 200, { processID: 'p', expiresAt: Date.now() / 1000, frontendApiUrl: 'u', appendAllowed: true, flags: {} }),
      [{ field: 'expiresAt', message: 'must be integer' }],
    );
    assert.deepEqual(
      responseProblems(EVENTS, 204, {}).map((p) => p.field),
      ['body'],
    );
    assert.deepEqual(
      responseProblems(START, 400, { error: { type: 'x' } }).map((p) => p.field),
      ['httpStatusCode', 'message', 'requestData', 'runtime', 'error.links'],
    );
    assert.deepEqual(requestProblems(INIT, undefined), [{ field: 'body', message: 'is required (a JSON object)' }]);
  });
});

describe("the description agrees with Corbado's own client (@corbado/web-core 3.5.0 api/v2)", () => {
  const require = createRequire(import.meta.url);
  const dts = readFileSync(require.resolve('@corbado/web-core/dist/api/v2/api.d.ts'), 'utf8');
  const schemas = apiDescription.components.schemas;

  /** The members of `export interface name {…}` in api.d.ts: name → required. @param {string} name */
  function members(name) {
    const body = dts.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))?.[1];
    assert.ok(body, `web-core has no interface ${name}`);
    return new Map([...body.matchAll(/^\s+'(\w+)'(\??):/gm)].map((m) => [m[1], m[2] !== '?']));
  }
  /** The values of `export declare const name: {…}`. @param {string} name */
  function enumValues(name) {
    const body = dts.match(new RegExp(`export declare const ${name}: \\{([\\s\\S]*?)\\n\\}`))?.[1] ?? '';
    return [...body.matchAll(/: "([^"]+)";/g)].map((m) => m[1]);
  }

  it('event types and completion types', () => {
    assert.deepEqual([...EVENT_TYPES], enumValues('PasskeyEventType'));
    assert.deepEqual(schemas.appendCompletionType.enum, enumValues('AppendCompletionType'));
    assert.deepEqual(schemas.connectAppendStartRsp.properties.variant.enum, enumValues('ConnectAppendStartRspVariantEnum'));
  });

  for (const [iface, schema] of Object.entries({
    ClientInformation: 'clientInformation',
    ClientCapabilities: 'clientCapabilities',
    JavaScriptHighEntropy: 'javaScriptHighEntropy',
    ClientStateMeta: 'clientStateMeta',
    ConnectAppendInitReq: 'connectAppendInitReq',
    ConnectAppendInitRsp: 'connectAppendInitRsp',
    ConnectAppendStartReq: 'connectAppendStartReq',
    ConnectAppendStartRsp: 'connectAppendStartRsp',
    ConnectAppendFinishReq: 'connectAppendFinishReq',
    ConnectAppendFinishRsp: 'connectAppendFinishRsp',
    ConnectEventCreateReq: 'connectEventCreateReq',
    PasskeyOperation: 'passkeyOperation',
    AaguidDetails: 'aaguidDetails',
    NativeMeta: 'nativeMeta',
  })) {
    it(`${schema} has every member of web-core's ${iface}, required alike`, () => {
      const ours = schemas[schema];
      for (const [name, required] of members(iface)) {
        assert.ok(Object.hasOwn(ours.properties, name), `${schema}.${name} missing`);
        assert.equal((ours.required ?? []).includes(name), required, `${schema}.${name} required?`);
      }
    });
  }
});
