/**
 * `POST /v2/connect/append/finish` over HTTP: real attestations verified and stored, the
 * provider named, and every refusal (garbage, wrong origin or challenge, no start, expired).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAULT_KINDS, handlesFirst } from '../../emulator/contract.js';
import { appendFlow as append, attest, emulatorForFile, FINISH, isCorbadoError, START, wait } from './helpers.js';

const emu = emulatorForFile();
const fresh = emu.fresh;

describe('finish', () => {
  it('verifies a real attestation, stores the passkey and names its provider', async () => {
    const c = fresh();
    const { attestation, finish } = await append(c, {
      aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
      completionType: 'conditional',
      customData: { orderId: '7' },
    });
    assert.equal(finish.status, 200, finish.text);
    assert.deepEqual(finish.json, {
      passkeyOperation: {
        operationType: 'append',
        identifierValue: 'demo@example.com',
        identifierType: 'email',
        ceremonyType: 'local',
        aaguidDetails: { name: 'iCloud Keychain', iconLight: '', iconDark: '' },
      },
    });
    const { credentials } = (await c.demo('GET', '/emulator/credentials')).json;
    assert.equal(credentials.length, 1);
    assert.deepEqual(
      { ...credentials[0], createdAt: typeof credentials[0].createdAt },
      {
        id: attestation.id,
        userId: 'user-1',
        aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
        transports: ['internal', 'hybrid'],
        createdAt: 'number',
        completionType: 'conditional',
        customData: { orderId: '7' },
      },
    );
  });

  it('names an unknown AAGUID by scenario.aaguidName, else "Passkey manager"', async () => {
    const c = fresh();
    assert.equal((await append(c)).finish.json.passkeyOperation.aaguidDetails.name, 'Passkey manager');
    await c.scenario({ aaguidName: 'Chromium virtual authenticator' });
    assert.equal((await append(c)).finish.json.passkeyOperation.aaguidDetails.name, 'Chromium virtual authenticator');
    assert.equal(
      (await append(c, { aaguid: 'BADA5566-A7AA-401F-BD96-45619A55120D' })).finish.json.passkeyOperation.aaguidDetails.name,
      '1Password',
    );
  });

  it("lists the user's stored credentials in excludeCredentials of the next start", async () => {
    const c = fresh();
    const first = await append(c);
    const second = await append(c);
    assert.deepEqual(second.options.excludeCredentials, [
      { id: first.attestation.id, type: 'public-key', transports: ['internal', 'hybrid'] },
    ]);
    const { start } = await c.initAndStart();
    const ids = JSON.parse(start.json.attestationOptions).publicKey.excludeCredentials.map((/** @type {any} */ x) => x.id);
    assert.deepEqual(ids, [first.attestation.id, second.attestation.id]);
    // another user of the same project has none
    const other = await c.initAndStart({}, { userId: 'user-2', email: 'two@example.com' });
    assert.deepEqual(JSON.parse(other.start.json.attestationOptions).publicKey.excludeCredentials, []);
  });

  it('rejects a garbage attestation for the challenge with validation_error, and the challenge is then spent', async () => {
    const c = fresh();
    const { processID, start } = await c.initAndStart();
    const options = JSON.parse(start.json.attestationOptions).publicKey;
    const clientData = { type: 'webauthn.create', challenge: options.challenge, origin: c.origin };
    const garbage = {
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      response: { clientDataJSON: Buffer.from(JSON.stringify(clientData)).toString('base64url'), attestationObject: 'oA' },
      clientExtensionResults: {},
    };
    const res = await c.api(FINISH, { attestationResponse: JSON.stringify(garbage), completionType: 'manual' }, { processId: processID });
    assert.equal(res.status, 400);
    assert.ok(isCorbadoError(res.json));
    assert.equal(res.json.error.type, 'validation_error');
    assert.match(res.json.error.details, /verification failed/);
    const valid = attest(options, { origin: c.origin });
    const replay = await c.api(FINISH, { attestationResponse: JSON.stringify(valid), completionType: 'manual' }, { processId: processID });
    assert.equal(replay.status, 400);
    assert.equal(replay.json.error.type, 'challenge_used');
    assert.deepEqual((await c.demo('GET', '/emulator/credentials')).json.credentials, []);
  });

  it('rejects an attestation that names no challenge of the process, without spending any', async () => {
    const c = fresh();
    const { processID, start } = await c.initAndStart();
    const options = JSON.parse(start.json.attestationOptions).publicKey;
    for (const clientDataJSON of ['e30', 'not base64url JSON', Buffer.from('{"challenge":"bm9wZQ"}').toString('base64url')]) {
      const garbage = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON, attestationObject: 'oA' } };
      const res = await c.api(FINISH, { attestationResponse: JSON.stringify(garbage), completionType: 'manual' }, { processId: processID });
      assert.equal(res.status, 400);
      assert.equal(res.json.error.type, 'validation_error');
      assert.match(res.json.error.details, /challenge does not belong to this process/);
    }
    const valid = attest(options, { origin: c.origin });
    const ok = await c.api(FINISH, { attestationResponse: JSON.stringify(valid), completionType: 'manual' }, { processId: processID });
    assert.equal(ok.status, 200, ok.text);
  });

  it('rejects an attestation for another origin or challenge', async () => {
    const c = fresh();
    const { processID, start } = await c.initAndStart();
    const options = JSON.parse(start.json.attestationOptions).publicKey;
    const wrongOrigin = attest(options, { origin: 'https://evil.example' });
    const res = await c.api(
      FINISH,
      { attestationResponse: JSON.stringify(wrongOrigin), completionType: 'manual' },
      { processId: processID },
    );
    assert.equal(res.status, 400);
    assert.match(res.json.error.details, /origin/i);
  });

  it('rejects non-JSON attestationResponse and a bad completionType without spending the challenge', async () => {
    const c = fresh();
    const { processID, start } = await c.initAndStart();
    const text = await c.api(FINISH, { attestationResponse: 'not json', completionType: 'manual' }, { processId: processID });
    assert.equal(text.status, 400);
    assert.equal(text.json.error.validation[0].field, 'attestationResponse');
    const options = JSON.parse(start.json.attestationOptions).publicKey;
    const attestationResponse = JSON.stringify(attest(options, { origin: c.origin }));
    const type = await c.api(FINISH, { attestationResponse, completionType: 'magic' }, { processId: processID });
    assert.equal(type.json.error.validation[0].field, 'completionType');
    const ok = await c.api(FINISH, { attestationResponse, completionType: 'manual-retry' }, { processId: processID });
    assert.equal(ok.status, 200, ok.text);
  });

  it('rejects a finish without a start', async () => {
    const c = fresh();
    const { processID } = await c.init();
    const res = await c.api(FINISH, { attestationResponse: '{}', completionType: 'manual' }, { processId: processID });
    assert.equal(res.status, 400);
    assert.ok(isCorbadoError(res.json));
    assert.equal(res.json.error.type, 'challenge_missing');
  });

  it('rejects a finish after a start that answered no options (passkey intel denied)', async () => {
    const c = fresh();
    await c.scenario({ passkeyIntelDenied: true });
    const { processID } = await c.initAndStart();
    const res = await c.api(FINISH, { attestationResponse: '{}', completionType: 'manual' }, { processId: processID });
    assert.equal(res.json.error.type, 'challenge_missing');
  });

  it('rejects a finish after expiresMs', async () => {
    const c = fresh();
    await c.scenario({ ttlMs: 50 });
    const { processID, start } = await c.initAndStart();
    const options = JSON.parse(start.json.attestationOptions).publicKey;
    await wait(80);
    const attestationResponse = JSON.stringify(attest(options, { origin: c.origin }));
    const res = await c.api(FINISH, { attestationResponse, completionType: 'manual' }, { processId: processID });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.type, 'process_expired');
  });

  it('binds the challenge to the latest start of the process', async () => {
    const c = fresh();
    const { processID, start: first } = await c.initAndStart();
    const refreshed = await c.api(START, { appendTokenValue: await c.token(), loadedMs: Date.now() }, { processId: processID });
    const stale = attest(JSON.parse(first.json.attestationOptions).publicKey, { origin: c.origin });
    const res = await c.api(FINISH, { attestationResponse: JSON.stringify(stale), completionType: 'manual' }, { processId: processID });
    assert.equal(res.status, 400);
    assert.match(res.json.error.details, /challenge/i);
    assert.ok(JSON.parse(refreshed.json.attestationOptions).publicKey.challenge);
  });

  it('requires the process header', async () => {
    const res = await fresh().api(FINISH, { attestationResponse: '{}', completionType: 'manual' });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.validation[0].field, 'X-Corbado-Process-ID');
  });
});

describe('finish faults that lose the answer after the passkey is stored', () => {
  /** @param {ReturnType<typeof import('./helpers.js').client>} c @param {unknown} fault */
  async function finishWith(c, fault) {
    await c.scenario({ faults: { finish: fault } });
    const { processID, start } = await c.initAndStart();
    const attestationResponse = JSON.stringify(attest(JSON.parse(start.json.attestationOptions).publicKey, { origin: c.origin }));
    const send = () => c.api(FINISH, { attestationResponse, completionType: 'manual' }, { processId: processID });
    return { send, stored: async () => (await c.demo('GET', '/emulator/credentials')).json.credentials.length };
  }

  /** The `stored-*` kinds that answer, and how; `stored-drop` answers nothing (below). */
  const ANSWERED = /** @type {const} */ ([
    ['stored-500', 500, 'application/json'],
    ['stored-504-html', 504, 'text/html'],
    ['stored-200-html', 200, 'text/html'],
  ]);

  it('covers every kind that handles the request first (the contract)', () => {
    assert.deepEqual(FAULT_KINDS.filter(handlesFirst), [...ANSWERED.map(([kind]) => kind), 'stored-drop']);
  });

  for (const [kind, status, type] of ANSWERED) {
    it(`${kind}: stored, answered ${status} ${type}; the retry is refused as challenge_used`, async () => {
      const c = fresh();
      const f = await finishWith(c, { kind, times: 1 });
      const first = await f.send();
      assert.equal(first.status, status);
      assert.match(first.headers.get('content-type') ?? '', new RegExp(type));
      assert.equal(await f.stored(), 1, 'the passkey is stored');
      const retry = await f.send();
      assert.equal(retry.status, 400);
      assert.equal(retry.json.error.type, 'challenge_used');
    });
  }

  it('stored-drop: stored, then the connection is dropped', async () => {
    const c = fresh();
    const f = await finishWith(c, { kind: 'stored-drop', times: 1 });
    await assert.rejects(f.send(), /fetch failed|socket|terminated/i);
    assert.equal(await f.stored(), 1);
  });

  it('drop: the connection is dropped and nothing is stored; then it heals', async () => {
    const c = fresh();
    const f = await finishWith(c, { kind: 'drop', times: 1 });
    await assert.rejects(f.send());
    assert.equal(await f.stored(), 0);
    assert.equal((await f.send()).status, 200);
  });

  it('http-400: a definitive Corbado refusal, nothing stored', async () => {
    const c = fresh();
    const f = await finishWith(c, { kind: 'http-400', times: 1 });
    const res = await f.send();
    assert.equal(res.status, 400);
    assert.ok(isCorbadoError(res.json));
    assert.equal(await f.stored(), 0);
  });
});
