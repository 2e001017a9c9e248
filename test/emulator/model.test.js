/**
 * The server model (emulator/model.js) on its own: a virtual clock, counted ids, fake creation
 * options and fake attestations (a verify that checks the clientDataJSON challenge and origin).
 * Each reading against its alternatives, the order of finish's checks, token use, expiry.
 * No HTTP, no real time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../emulator/errors.js';
import { DEFAULT_READINGS, READING_VALUES, challengeOfAttestation, createServerModel } from '../../emulator/model.js';
import { defaultScenario } from '../../emulator/scenario.js';

const P = 'pro-model';
const ORIGIN = 'https://shop.example';
/** A clock reading off a whole second (ms), so that rounding shows. */
const T0 = 1_700_000_000_250;
const initBody = { clientInformation: {}, flags: {} };

/**
 * A fake attestation: what `verify` below accepts for `challenge` (the clientDataJSON is real
 * base64url JSON; nothing is signed).
 * @param {string} challenge base64url, from the options
 * @param {{id?: string, origin?: string, fail?: boolean, authDataId?: string}} [opts] id: the credential ID
 *   (default: one per challenge);
 *   fail: verify throws; authDataId: the credential ID verify reads (default: id)
 */
function attestation(challenge, { id = `cred-${challenge}`, origin = ORIGIN, fail = false, authDataId } = {}) {
  const clientData = { type: 'webauthn.create', challenge, origin };
  return {
    id,
    rawId: id,
    type: 'public-key',
    fail,
    authDataId,
    response: { clientDataJSON: Buffer.from(JSON.stringify(clientData)).toString('base64url') },
  };
}

/**
 * A model on a virtual clock, with the given readings for project P.
 * @param {Partial<import('../../emulator/scenario.js').Readings>} [readings]
 * @param {Record<string, unknown>} [scenario] more scenario fields
 */
function server(readings = {}, scenario = {}) {
  let t = T0;
  let ids = 0;
  /** @type {import('../../emulator/model.js').VerifyExpectation[]} */
  const verified = [];
  /** @type {import('../../emulator/model.js').CreationOptionsArgs[]} */
  const made = [];
  const model = createServerModel({
    now: () => t,
    randomId: (prefix) => `${prefix}_${++ids}`,
    makeOptions: (args) => {
      made.push(args);
      return {
        challenge: args.challenge,
        rp: { id: args.rpID },
        user: { name: args.user.email },
        excludeCredentials: args.excludeCredentials,
      };
    },
    verify: async (response, expected) => {
      verified.push(expected);
      if (challengeOfAttestation(response) !== expected.expectedChallenge) throw new Error('unexpected challenge');
      if (JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString()).origin !== expected.expectedOrigin) {
        throw new Error('unexpected origin');
      }
      if (response.fail) throw new Error('bad signature');
      return {
        credentialId: response.authDataId ?? response.id,
        publicKey: 'pQ',
        counter: 0,
        transports: ['internal'],
        aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
      };
    },
  });
  model.setScenario(P, { readings, ...scenario });

  const s = {
    model,
    verified,
    made,
    /** @param {number} ms */
    advance: (ms) => void (t += ms),
    /** @param {number} at unix ms */
    setTime: (at) => void (t = at),
    now: () => t,
    /** @param {string} [processId] @returns {import('../../emulator/model.js').InitBody} */
    init: (processId) => model.init(P, { processId, body: initBody }).body,
    /** @param {string} [userId] */
    token: (userId = 'user-1') => model.issueAppendToken(P, { userId, email: `${userId}@example.com` }).value,
    /**
     * A start with a new token; the challenge of its options (undefined: none).
     * @param {string} processId
     * @param {{userId?: string, forcePasskeyAppend?: boolean}} [opts]
     */
    async start(processId, { userId, forcePasskeyAppend } = {}) {
      const { status, body } = await model.start(P, {
        processId,
        body: { appendTokenValue: s.token(userId), forcePasskeyAppend },
        origin: ORIGIN,
      });
      return {
        status,
        body,
        challenge: body.attestationOptions ? /** @type {string} */ (JSON.parse(body.attestationOptions).publicKey.challenge) : undefined,
      };
    },
    /**
     * What finish answers: `{status, body}` or the refusal's `{status, type, details}`.
     * @param {string | undefined} processId
     * @param {unknown} attestationResponse an object (sent as JSON text) or text as is
     */
    finish: (processId, attestationResponse) =>
      outcome(
        model.finish(P, {
          processId,
          body: {
            attestationResponse: typeof attestationResponse === 'string' ? attestationResponse : JSON.stringify(attestationResponse),
            completionType: 'manual',
          },
          origin: ORIGIN,
        }),
      ),
    /** @param {string} challenge */
    status: (challenge) => model.challengeStatus(P, challenge),
  };
  return s;
}

/**
 * @param {Promise<{status: number, body?: unknown}> | (() => {status: number, body?: unknown})} work
 * @returns {Promise<{status: number, body?: any, type?: string, details?: string}>}
 */
async function outcome(work) {
  try {
    return await (typeof work === 'function' ? work() : work);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { status: err.status, type: err.type, details: err.details };
  }
}

/** The challenge of a start that must have answered options. @param {{challenge?: string}} start */
const challengeOf = ({ challenge }) => {
  assert.ok(challenge, 'the start answered options');
  return challenge;
};

describe('readings', () => {
  it('are the four of the brief, the defaults first; a new project has them', () => {
    assert.deepEqual(READING_VALUES, {
      startChallenge: ['replace', 'add'],
      optionsOutliveProcess: [false, true],
      replayAnswer: ['challenge_used', 'passkey_already_exists', 'idempotent', 'validation_error'],
      initResumeVoids: [false, true],
    });
    for (const [name, values] of Object.entries(READING_VALUES))
      assert.equal(values[0], DEFAULT_READINGS[/** @type {keyof typeof DEFAULT_READINGS} */ (name)]);
    assert.deepEqual(defaultScenario().readings, DEFAULT_READINGS);
    const model = server().model;
    assert.deepEqual(model.readings('pro-new'), DEFAULT_READINGS);
    // a partial set straight into a project's scenario is merged over the defaults too
    model.project('pro-new').scenario.readings = /** @type {any} */ ({ startChallenge: 'add' });
    assert.deepEqual(model.readings('pro-new'), { ...DEFAULT_READINGS, startChallenge: 'add' });
  });
});

describe('startChallenge', () => {
  /**
   * A process given options by a forced start (`first`: their challenge), then a start that
   * answers none (the scenario denies them).
   * @param {import('../../emulator/scenario.js').Readings['startChallenge']} startChallenge
   */
  async function thenNoOptions(startChallenge) {
    const s = server({ startChallenge }, { passkeyIntelDenied: true });
    const { processID } = s.init();
    const first = challengeOf(await s.start(processID, { forcePasskeyAppend: true }));
    assert.equal((await s.start(processID)).challenge, undefined);
    return { s, processID, first };
  }

  it('replace: a start voids the earlier challenge of the process; its attestation is refused', async () => {
    const s = server({ startChallenge: 'replace' });
    const { processID } = s.init();
    const first = challengeOf(await s.start(processID));
    const second = challengeOf(await s.start(processID));
    assert.deepEqual([s.status(first), s.status(second)], ['void', 'live']);
    const stale = await s.finish(processID, attestation(first));
    assert.deepEqual([stale.status, stale.type], [400, 'validation_error']);
    assert.match(stale.details ?? '', /challenge does not belong to this process/);
    assert.equal((await s.finish(processID, attestation(second))).status, 200);
  });

  it('replace: a start that answers no options leaves the process without any challenge', async () => {
    const { s, processID, first } = await thenNoOptions('replace');
    assert.equal(s.status(first), 'void');
    assert.equal((await s.finish(processID, attestation(first))).type, 'challenge_missing');
  });

  it('add: every challenge of the process finishes, each until its own expiresMs', async () => {
    const s = server({ startChallenge: 'add' }, { ttlMs: 10_000 });
    const { processID } = s.init();
    const first = challengeOf(await s.start(processID));
    s.advance(4_000);
    const second = challengeOf(await s.start(processID));
    s.advance(4_000);
    const third = challengeOf(await s.start(processID));
    assert.deepEqual([first, second, third].map(s.status), ['live', 'live', 'live']);
    assert.equal((await s.finish(processID, attestation(second))).status, 200);
    s.advance(2_000); // the first's expiresMs, not the others'
    assert.deepEqual([first, second, third].map(s.status), ['expired', 'used', 'live']);
    assert.equal((await s.finish(processID, attestation(first))).type, 'process_expired');
    assert.equal((await s.finish(processID, attestation(third))).status, 200);
  });

  it('add: a start without options keeps the earlier challenges', async () => {
    const { s, processID, first } = await thenNoOptions('add');
    assert.equal((await s.finish(processID, attestation(first))).status, 200);
  });
});

describe('optionsOutliveProcess', () => {
  /** A process of 1 s whose options live 5 s; the clock at its expiresAt. @param {boolean} optionsOutliveProcess */
  async function pastProcess(optionsOutliveProcess) {
    const s = server({ optionsOutliveProcess }, { processTtlMs: 1_000, ttlMs: 5_000 });
    const { processID, expiresAt } = s.init();
    const challenge = challengeOf(await s.start(processID));
    s.setTime(expiresAt * 1000);
    return { s, processID, challenge };
  }

  it('false: after the process expiresAt a finish is refused as process_expired, though expiresMs is ahead', async () => {
    const { s, processID, challenge } = await pastProcess(false);
    assert.equal(s.status(challenge), 'void');
    const res = await s.finish(processID, attestation(challenge));
    assert.deepEqual([res.status, res.type], [400, 'process_expired']);
    assert.equal(s.model.credentials(P).length, 0);
  });

  it('true: the options live to their own expiresMs after the process died; start and events still refuse it', async () => {
    const { s, processID, challenge } = await pastProcess(true);
    assert.equal(s.status(challenge), 'live');
    assert.equal((await s.finish(processID, attestation(challenge))).status, 200);
    assert.equal(s.status(challenge), 'used');
    assert.equal((await outcome(s.start(processID))).type, 'process_expired');
    assert.equal(
      (await outcome(() => s.model.event(P, { processId: processID, body: { eventType: 'append-error' } }))).type,
      'process_expired',
    );
  });

  it('true: past expiresMs the options are void as ever', async () => {
    const { s, processID, challenge } = await pastProcess(true);
    s.advance(5_000);
    assert.equal(s.status(challenge), 'expired');
    assert.equal((await s.finish(processID, attestation(challenge))).type, 'process_expired');
  });
});

describe('replayAnswer', () => {
  /** Appends once; the same attestation again. @param {import('../../emulator/scenario.js').Readings['replayAnswer']} replayAnswer */
  async function replay(replayAnswer) {
    const s = server({ replayAnswer });
    const { processID } = s.init();
    const challenge = challengeOf(await s.start(processID));
    const first = await s.finish(processID, attestation(challenge));
    assert.equal(first.status, 200);
    return { s, processID, challenge, first, again: await s.finish(processID, attestation(challenge)) };
  }

  for (const type of /** @type {const} */ (['challenge_used', 'passkey_already_exists', 'validation_error'])) {
    it(`${type}: an attestation whose credential is stored is refused with 400 ${type}`, async () => {
      const { s, again } = await replay(type);
      assert.deepEqual([again.status, again.type], [400, type]);
      assert.match(again.details ?? '', /already/);
      assert.equal(s.model.credentials(P).length, 1);
    });
  }

  it('idempotent: the same user gets 200 with the same passkeyOperation again, nothing stored twice', async () => {
    const { s, first, again } = await replay('idempotent');
    assert.deepEqual(again, first);
    assert.equal(s.model.credentials(P).length, 1);
  });

  it("idempotent: the same user's stored credential from a new challenge answers 200 too (the new challenge untouched)", async () => {
    const { s, first } = await replay('idempotent');
    const { processID } = s.init();
    const fresh = challengeOf(await s.start(processID));
    const again = await s.finish(processID, attestation(fresh, { id: s.model.credentials(P)[0].id }));
    assert.deepEqual(again, first);
    assert.equal(s.status(fresh), 'live');
  });

  it("idempotent: another user's credential is refused with 400 passkey_already_exists", async () => {
    const { s } = await replay('idempotent');
    const { processID } = s.init();
    const theirs = challengeOf(await s.start(processID, { userId: 'user-2' }));
    const res = await s.finish(processID, attestation(theirs, { id: s.model.credentials(P)[0].id }));
    assert.deepEqual([res.status, res.type], [400, 'passkey_already_exists']);
  });
});

describe('initResumeVoids', () => {
  /**
   * A process with the challenge of one start, then an init that resumes it.
   * @param {boolean} initResumeVoids
   */
  async function resumed(initResumeVoids) {
    const s = server({ initResumeVoids });
    const { processID } = s.init();
    const challenge = challengeOf(await s.start(processID));
    assert.equal(s.init(processID).processID, processID);
    return { s, processID, challenge };
  }

  it('false: an init resuming the process keeps its challenge', async () => {
    const { s, processID, challenge } = await resumed(false);
    assert.equal(s.status(challenge), 'live');
    assert.equal((await s.finish(processID, attestation(challenge))).status, 200);
  });

  it('true: it voids them: finish answers challenge_missing, and after a new start the old one does not belong', async () => {
    const { s, processID, challenge: voided } = await resumed(true);
    assert.equal(s.status(voided), 'void');
    assert.equal((await s.finish(processID, attestation(voided))).type, 'challenge_missing');
    const next = challengeOf(await s.start(processID));
    assert.equal((await s.finish(processID, attestation(voided))).type, 'validation_error');
    assert.equal((await s.finish(processID, attestation(next))).status, 200);
  });

  it('true: an init that opens a new process voids nothing', async () => {
    const s = server({ initResumeVoids: true });
    const { processID } = s.init();
    const challenge = challengeOf(await s.start(processID));
    assert.notEqual(s.init().processID, processID);
    assert.notEqual(s.init('cap_unknown').processID, processID);
    assert.equal(s.status(challenge), 'live');
  });
});

describe('finish checks, in order', () => {
  it('1. the process: header missing, unknown (404), expired — before the body is read', async () => {
    const s = server({}, { processTtlMs: 1_000 });
    const missing = await s.finish(undefined, 'not json');
    assert.deepEqual([missing.status, missing.type], [400, 'validation_error']);
    assert.deepEqual([(await s.finish('cap_nope', 'not json')).status], [404]);
    const { processID, expiresAt } = s.init();
    s.setTime(expiresAt * 1000);
    assert.equal((await s.finish(processID, 'not json')).type, 'process_expired');
  });

  it('2. attestationResponse not JSON: validation_error before challenge_missing, and no challenge is spent', async () => {
    const s = server();
    const { processID } = s.init();
    const bare = await s.finish(processID, 'not json');
    assert.deepEqual(
      [bare.type, bare.details],
      ['validation_error', 'attestationResponse: must be JSON text of a RegistrationResponseJSON'],
    );
    const challenge = challengeOf(await s.start(processID));
    assert.equal((await s.finish(processID, '{"id":')).type, 'validation_error');
    assert.equal(s.status(challenge), 'live');
    assert.equal((await s.finish(processID, attestation(challenge))).status, 200);
  });

  it('3. a stored credential: the replay answer, before challenge_missing and the challenge checks', async () => {
    const s = server({ replayAnswer: 'passkey_already_exists' });
    const { processID } = s.init();
    const challenge = challengeOf(await s.start(processID));
    assert.equal((await s.finish(processID, attestation(challenge))).status, 200);
    const other = s.init(); // no start: no challenge at all
    assert.equal((await s.finish(other.processID, attestation(challenge))).type, 'passkey_already_exists');
  });

  it('4. no challenge on the process (no start): challenge_missing, before the challenge is looked at', async () => {
    const s = server();
    const { processID } = s.init();
    assert.equal((await s.finish(processID, attestation('bm9uZQ'))).type, 'challenge_missing');
    assert.equal((await s.finish(processID, '{}')).type, 'challenge_missing');
  });

  it("5. a challenge the process does not hold (never issued, another process's, none named): validation_error", async () => {
    const s = server();
    const a = s.init();
    const b = s.init();
    const ofA = challengeOf(await s.start(a.processID));
    challengeOf(await s.start(b.processID));
    for (const response of [attestation('bm9uZQ'), attestation(ofA), { id: 'x', response: { clientDataJSON: 'e30' } }, {}]) {
      const res = await s.finish(b.processID, response);
      assert.deepEqual([res.type, res.details], ['validation_error', 'attestationResponse: challenge does not belong to this process']);
    }
    assert.equal(s.status(ofA), 'live', "another process's finish does not spend it");
    assert.equal(s.status('bm9uZQ'), 'unknown');
  });

  it('6. used before expired: challenge_used, then process_expired past expiresMs', async () => {
    const s = server({}, { ttlMs: 1_000 });
    const { processID } = s.init();
    const spent = challengeOf(await s.start(processID));
    assert.equal((await s.finish(processID, attestation(spent, { fail: true }))).type, 'validation_error');
    s.advance(1_000);
    assert.equal(s.status(spent), 'used');
    assert.equal((await s.finish(processID, attestation(spent))).type, 'challenge_used');
    const late = challengeOf(await s.start(processID));
    s.advance(999);
    assert.equal(s.status(late), 'live');
    s.advance(1);
    assert.equal(s.status(late), 'expired');
    assert.equal((await s.finish(processID, attestation(late))).type, 'process_expired');
  });

  it('7. verification: against the challenge, page origin, rp.id and UV requirement; a failure spends the challenge', async () => {
    const s = server({}, { userVerification: 'required' });
    const { processID } = s.init();
    const challenge = challengeOf(await s.start(processID));
    const wrongOrigin = await s.finish(processID, attestation(challenge, { origin: 'https://evil.example' }));
    assert.deepEqual(
      [wrongOrigin.type, wrongOrigin.details],
      ['validation_error', 'attestationResponse: verification failed: unexpected origin'],
    );
    assert.deepEqual(s.verified, [
      { expectedChallenge: challenge, expectedOrigin: ORIGIN, expectedRPID: 'shop.example', requireUserVerification: true },
    ]);
    assert.equal(s.status(challenge), 'used');
    assert.equal((await s.finish(processID, attestation(challenge))).type, 'challenge_used');
  });

  it('7. a verified credential ID other than the attestation id is refused (step 3 looks credentials up by id)', async () => {
    const s = server();
    const { processID } = s.init();
    const challenge = challengeOf(await s.start(processID));
    const res = await s.finish(processID, attestation(challenge, { id: 'claimed', authDataId: 'actual' }));
    assert.equal(res.type, 'validation_error');
    assert.equal(s.model.hasCredential(P, 'actual'), false);
  });

  it("8. stored for the challenge's user, with the passkeyOperation; listed like the demo route", async () => {
    const s = server({}, { aaguidIconLight: 'data:image/svg+xml,x' });
    const { processID } = s.init();
    const challenge = challengeOf(await s.start(processID, { userId: 'ada' }));
    s.advance(7);
    const res = await s.finish(processID, attestation(challenge, { id: 'cred-ada' }));
    assert.deepEqual(res, {
      status: 200,
      body: {
        passkeyOperation: {
          operationType: 'append',
          identifierValue: 'ada@example.com',
          identifierType: 'email',
          ceremonyType: 'local',
          aaguidDetails: { name: 'iCloud Keychain', iconLight: 'data:image/svg+xml,x', iconDark: '' },
        },
      },
    });
    assert.deepEqual(s.model.credentials(P), [
      {
        id: 'cred-ada',
        userId: 'ada',
        aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
        transports: ['internal'],
        createdAt: s.now(),
        completionType: 'manual',
        customData: undefined,
      },
    ]);
    assert.equal(s.model.hasCredential(P, 'cred-ada'), true);
    assert.equal(s.model.hasCredential('pro-other', 'cred-ada'), false);
  });
});

describe('start', () => {
  it("options per makeOptions: the model's challenge, rp.id of the origin, the user's credentials excluded, UV and timeout", async () => {
    const s = server({}, { userVerification: 'discouraged' });
    const { processID } = s.init();
    const { body, challenge } = await s.start(processID);
    assert.equal(body.expiresMs, s.now() + 300_000);
    assert.match(challengeOf({ challenge }), /^[A-Za-z0-9_-]+$/, 'base64url');
    assert.deepEqual(s.made[0], {
      challenge,
      rpID: 'shop.example',
      user: { id: 'user-1', email: 'user-1@example.com' },
      excludeCredentials: [],
      userVerification: 'discouraged',
      timeoutMs: 60_000,
    });
    await s.finish(processID, attestation(challengeOf({ challenge }), { id: 'c1' }));
    await s.start(s.init().processID);
    assert.deepEqual(s.made[1].excludeCredentials, [{ id: 'c1', transports: ['internal'] }]);
    await s.start(s.init().processID, { userId: 'user-2' });
    assert.deepEqual(s.made[2].excludeCredentials, [], 'another user holds none');
  });

  it('a makeOptions that answers another challenge is a bug of the deps, not a refusal', async () => {
    const model = createServerModel({
      now: () => T0,
      randomId: (prefix) => `${prefix}_1`,
      makeOptions: () => ({ challenge: 'other' }),
      verify: () => Promise.reject(new Error('unused')),
    });
    const { processID } = model.init(P, { body: initBody }).body;
    const appendTokenValue = model.issueAppendToken(P, { userId: 'u' }).value;
    await assert.rejects(
      model.start(P, { processId: processID, body: { appendTokenValue }, origin: ORIGIN }),
      (err) => !(err instanceof ApiError),
    );
  });

  it('the append token is single use, expires, and belongs to its project', async () => {
    const s = server();
    const { processID } = s.init();
    const token = s.token();
    /** @param {string} appendTokenValue @param {string} [project] */
    const start = (appendTokenValue, project = P) =>
      outcome(s.model.start(project, { processId: processID, body: { appendTokenValue }, origin: ORIGIN }));
    assert.equal((await start(token)).status, 200);
    const again = await start(token);
    assert.deepEqual(
      [again.status, again.type, again.details],
      [400, 'validation_error', 'appendTokenValue: append token was already used'],
    );
    const short = s.model.issueAppendToken(P, { userId: 'user-1', ttlMs: 1_000 }).value;
    s.advance(1_000);
    assert.equal((await start(short)).details, 'appendTokenValue: append token expired');
    assert.equal((await start('')).details, 'appendTokenValue: must be a non-empty string');
    const foreign = s.model.issueAppendToken('pro-other', { userId: 'user-1' }).value;
    assert.equal((await start(foreign)).details, 'appendTokenValue: unknown append token');
    // a start refused for its process spends no token
    const kept = s.token();
    assert.equal(
      (await outcome(s.model.start(P, { processId: 'cap_nope', body: { appendTokenValue: kept }, origin: ORIGIN }))).status,
      404,
    );
    assert.equal((await start(kept)).status, 200);
  });
});

describe('init and expiry', () => {
  it('expiresAt is on a whole second, at least processTtlMs ahead; the process dies exactly then', async () => {
    const s = server({}, { processTtlMs: 1_000 });
    const first = s.init();
    assert.equal(first.expiresAt, Math.ceil((T0 + 1_000) / 1000));
    assert.ok(first.expiresAt * 1000 >= T0 + 1_000);
    s.setTime(first.expiresAt * 1000 - 1);
    assert.equal(s.init(first.processID).processID, first.processID, 'a millisecond before: resumed');
    assert.equal(s.init(first.processID).expiresAt, first.expiresAt, 'its own expiresAt');
    assert.equal((await s.start(first.processID)).body.variant, 'default');
    s.advance(1);
    assert.equal((await outcome(s.start(first.processID))).type, 'process_expired');
    const renewed = s.init(first.processID);
    assert.notEqual(renewed.processID, first.processID);
    assert.equal(renewed.expiresAt, first.expiresAt + 1);
  });

  it('keeps an issued clientEnvHandle, replaces a foreign one; answers the scenario flags and appendAllowed', () => {
    const s = server({}, { flags: { rollout: 'on' }, appendAllowed: false });
    const first = s.init();
    assert.deepEqual([first.flags, first.appendAllowed], [{ rollout: 'on' }, false]);
    const again = s.model.init(P, { body: { clientInformation: { clientEnvHandle: first.newClientEnvHandle } } }).body;
    assert.equal(again.newClientEnvHandle, first.newClientEnvHandle);
    const foreign = s.model.init(P, { body: { clientInformation: { clientEnvHandle: 'made-up' } } }).body;
    assert.notEqual(foreign.newClientEnvHandle, 'made-up');
  });
});

describe('events', () => {
  it('are recorded for a live process with the server time, refused otherwise', async () => {
    const s = server();
    const { processID } = s.init();
    assert.deepEqual(s.model.event(P, { processId: processID, body: { eventType: 'append-learn-more', challenge: 'c' } }), { status: 204 });
    assert.deepEqual(s.model.project(P).events, [
      { eventType: 'append-learn-more', message: undefined, challenge: 'c', processId: processID, at: s.now() },
    ]);
    assert.equal((await outcome(() => s.model.event(P, { processId: 'cap_nope', body: { eventType: 'append-error' } }))).status, 404);
  });
});

describe('projects', () => {
  it('are apart, and reset forgets one', async () => {
    const s = server();
    const { processID } = s.init();
    assert.equal(
      (await outcome(() => s.model.event('pro-other', { processId: processID, body: { eventType: 'append-error' } }))).status,
      404,
    );
    s.model.reset(P);
    assert.deepEqual(s.model.readings(P), DEFAULT_READINGS);
    assert.equal((await outcome(s.start(processID))).status, 404);
  });
});
