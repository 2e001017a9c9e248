/**
 * Project partitioning and reset: distinct project ids never see each other's state.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { attest, client, emulatorForFile, newProjectId } from './helpers.js';

const emu = emulatorForFile();

it('keeps scenario, tokens, processes, credentials, events and requests per project', async () => {
  const a = client(emu.base, newProjectId());
  const b = client(emu.base, newProjectId());
  await a.scenario({ variant: 'after-error', appendAllowed: false });
  assert.equal((await b.demo('GET', '/emulator/scenario')).json.variant, 'default');
  assert.equal((await b.init()).appendAllowed, true);

  // a token of project a is unknown in project b
  const tokenA = await a.token();
  const { processID: processB } = await b.init();
  const cross = await b.api('/v2/connect/append/start', { appendTokenValue: tokenA, loadedMs: Date.now() }, { processId: processB });
  assert.equal(cross.status, 400);
  assert.equal(cross.json.error.validation[0].field, 'appendTokenValue');

  // a process of project a is unknown in project b
  const { processID: processA } = await a.init();
  const foreign = await b.api('/v2/connect/events', { eventType: 'append-learn-more' }, { processId: processA });
  assert.equal(foreign.status, 404);

  // credentials and events stay in their project
  const { processID, start } = await b.initAndStart();
  const options = JSON.parse(start.json.attestationOptions).publicKey;
  const attestationResponse = JSON.stringify(attest(options, { origin: b.origin }));
  assert.equal(
    (await b.api('/v2/connect/append/finish', { attestationResponse, completionType: 'manual' }, { processId: processID })).status,
    200,
  );
  await b.api('/v2/connect/events', { eventType: 'append-explicit-abort' }, { processId: processID });
  assert.equal((await b.demo('GET', '/emulator/credentials')).json.credentials.length, 1);
  assert.equal((await a.demo('GET', '/emulator/credentials')).json.credentials.length, 0);
  assert.equal((await b.demo('GET', '/emulator/events')).json.events.length, 1);
  assert.equal((await a.demo('GET', '/emulator/events')).json.events.length, 0);
  // same demo user in project a gets empty excludeCredentials
  const fromA = await a.initAndStart();
  assert.deepEqual(JSON.parse(fromA.start.json.attestationOptions).publicKey.excludeCredentials, []);

  const paths = async (/** @type {typeof a} */ c) =>
    (await c.demo('GET', '/emulator/requests')).json.requests.map((/** @type {any} */ r) => r.path.split('/').pop());
  assert.deepEqual(await paths(a), ['init', 'init', 'start']);
  assert.deepEqual(await paths(b), ['init', 'init', 'start', 'events', 'init', 'start', 'finish', 'events']);
});

it('POST /emulator/reset clears one project only', async () => {
  const a = client(emu.base, newProjectId());
  const b = client(emu.base, newProjectId());
  await a.scenario({ variant: 'after-hybrid' });
  await b.scenario({ variant: 'after-hybrid' });
  const token = await a.token();
  const { processID } = await a.init();
  assert.equal((await a.demo('POST', '/emulator/reset')).status, 204);
  assert.equal((await a.demo('GET', '/emulator/scenario')).json.variant, 'default');
  assert.deepEqual((await a.demo('GET', '/emulator/requests')).json.requests, []);
  const start = await a.api('/v2/connect/append/start', { appendTokenValue: token, loadedMs: Date.now() }, { processId: processID });
  assert.equal(start.status, 404, 'the process is gone');
  assert.equal((await b.demo('GET', '/emulator/scenario')).json.variant, 'after-hybrid');
});

it('uses pro-local when no projectId is given, and rejects an invalid one', async () => {
  const local = client(emu.base, 'pro-local');
  await local.scenario({ variant: 'after-error' });
  const res = await fetch(`${emu.base}/emulator/scenario`);
  assert.equal((await res.json()).variant, 'after-error');
  const bad = await fetch(`${emu.base}/emulator/scenario?projectId=BAD_ID`);
  assert.equal(bad.status, 400);
  await local.demo('POST', '/emulator/reset');
});

it('emulator.reset() forgets every project', async () => {
  const a = client(emu.base, newProjectId());
  await a.scenario({ variant: 'after-error' });
  emu.emulator.reset();
  assert.equal((await a.demo('GET', '/emulator/scenario')).json.variant, 'default');
});
