/**
 * Scenario `readings` over HTTP: each point where Corbado's contract is silent, switched by
 * `PUT /emulator/scenario {readings}`, against the default (model.test.js covers them in depth).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { attest, emulatorForFile, FINISH, INIT, initBody, START, wait } from './helpers.js';

const emu = emulatorForFile();
const fresh = emu.fresh;

/** @typedef {ReturnType<typeof import('./helpers.js').client>} Client */

/**
 * A start on a process with a new token; its creation options.
 * @param {Client} c
 * @param {string} processId
 * @param {import('../../emulator/contract.js').MintAppendTokenOptions} [tokenOpts] body of /emulator/append-token
 */
async function startOn(c, processId, tokenOpts) {
  const res = await c.api(START, { appendTokenValue: await c.token(tokenOpts), loadedMs: Date.now() }, { processId });
  assert.equal(res.status, 200, res.text);
  return JSON.parse(res.json.attestationOptions).publicKey;
}

/**
 * Finish with an attestation.
 * @param {Client} c
 * @param {string} processId
 * @param {unknown} attestation RegistrationResponseJSON
 */
function finishWith(c, processId, attestation) {
  return c.api(FINISH, { attestationResponse: JSON.stringify(attestation), completionType: 'manual' }, { processId });
}

describe('readings.startChallenge', () => {
  for (const [reading, status] of /** @type {const} */ ([
    ['replace', 400],
    ['add', 200],
  ])) {
    it(`${reading}: an attestation for the options of an earlier start on the process answers ${status}`, async () => {
      const c = fresh();
      await c.scenario({ readings: { startChallenge: reading } });
      const { processID } = await c.init();
      const first = await startOn(c, processID);
      await startOn(c, processID);
      const res = await finishWith(c, processID, attest(first, { origin: c.origin }));
      assert.equal(res.status, status, res.text);
      if (status === 400) assert.match(res.json.error.details, /challenge does not belong to this process/);
    });
  }
});

describe('readings.optionsOutliveProcess', () => {
  it('false refuses a finish after the process expired (process_expired), true accepts it until expiresMs', async () => {
    const [dies, outlives] = await Promise.all(
      [false, true].map(async (optionsOutliveProcess) => {
        const c = fresh();
        await c.scenario({ processTtlMs: 1000, readings: { optionsOutliveProcess } });
        const { processID, expiresAt } = await c.init();
        const options = await startOn(c, processID);
        await wait(expiresAt * 1000 - Date.now());
        const res = await finishWith(c, processID, attest(options, { origin: c.origin }));
        const credentials = (await c.demo('GET', '/emulator/credentials')).json.credentials;
        return { res, stored: credentials.length };
      }),
    );
    assert.equal(dies.res.status, 400);
    assert.equal(dies.res.json.error.type, 'process_expired');
    assert.equal(dies.stored, 0);
    assert.equal(outlives.res.status, 200, outlives.res.text);
    assert.equal(outlives.stored, 1);
  });
});

describe('readings.replayAnswer', () => {
  /** @param {Client} c appends once; resends the same attestation */
  async function replay(c) {
    const { processID } = await c.init();
    const options = await startOn(c, processID);
    const attestation = attest(options, { origin: c.origin });
    const first = await finishWith(c, processID, attestation);
    assert.equal(first.status, 200, first.text);
    return { first, again: await finishWith(c, processID, attestation) };
  }

  for (const type of /** @type {const} */ (['challenge_used', 'passkey_already_exists', 'validation_error'])) {
    it(`${type}: a stored attestation sent again is refused with 400 ${type}`, async () => {
      const c = fresh();
      await c.scenario({ readings: { replayAnswer: type } });
      const { again } = await replay(c);
      assert.equal(again.status, 400);
      assert.equal(again.json.error.type, type);
      assert.match(again.json.error.details, /already/, 'a client sees "already", not "wrong"');
    });
  }

  it("idempotent: the same user's replay answers 200 with the same passkeyOperation; another user's credential 400 passkey_already_exists", async () => {
    const c = fresh();
    await c.scenario({ readings: { replayAnswer: 'idempotent' } });
    const { first, again } = await replay(c);
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json, first.json);
    assert.equal((await c.demo('GET', '/emulator/credentials')).json.credentials.length, 1);

    // the same credential ID, created for another user of the project
    const credentialId = randomBytes(16);
    const { processID } = await c.init();
    const mine = await finishWith(c, processID, attest(await startOn(c, processID), { origin: c.origin, credentialId }));
    assert.equal(mine.status, 200, mine.text);
    const other = await c.init();
    const options = await startOn(c, other.processID, { userId: 'user-2', email: 'two@example.com' });
    const theirs = await finishWith(c, other.processID, attest(options, { origin: c.origin, credentialId }));
    assert.equal(theirs.status, 400);
    assert.equal(theirs.json.error.type, 'passkey_already_exists');
  });
});

describe('readings.initResumeVoids', () => {
  for (const [initResumeVoids, status] of /** @type {const} */ ([
    [false, 200],
    [true, 400],
  ])) {
    it(`${initResumeVoids}: an init resuming the process ${initResumeVoids ? 'voids' : 'keeps'} the options of its start`, async () => {
      const c = fresh();
      await c.scenario({ readings: { initResumeVoids } });
      const { processID } = await c.init();
      const options = await startOn(c, processID);
      assert.equal((await c.api(INIT, initBody, { processId: processID })).json.processID, processID, 'resumed');
      const res = await finishWith(c, processID, attest(options, { origin: c.origin }));
      assert.equal(res.status, status, res.text);
      if (status === 400) assert.equal(res.json.error.type, 'challenge_missing', 'the process holds no challenge any more');
    });
  }
});
