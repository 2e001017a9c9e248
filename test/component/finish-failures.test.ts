/**
 * The finish rules in real Chromium against the real emulator (README "Finish rules"): after a
 * successful `create()` the same attestation is retried, `create()` never runs again, a passkey the
 * server may have stored is never signalled away, a definitively refused one is, and the user gets
 * a way on within seconds. `signalUnknownCredential` is stubbed to observe it (Chromium's own would
 * act on the virtual authenticator). (That the finish outlives the element: test/component/
 * lifecycle.test.ts "removed while finish hangs → the request is not aborted, …"; on a fake clock,
 * test/flow/controller-ceremony.test.ts "removal while finishing does not abort the finish: …".)
 */
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { en } from '../../src/strings.js';
import { FINISH_PATIENCE_MS } from '../../src/times.js';
import { FAULT_KINDS, handlesFirst } from '../../emulator/contract.js';
import { getCredentials, getRequests, type Fault } from '../helpers/emulator.js';
import { onCleanup } from '../helpers/cleanup.js';
import { appendFixture, waitForReal } from '../helpers/fixture.js';
import { fakeTimers, pause, spyCreate, spyFetch, spyPageErrors, stubProperty } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

const FINISH = '/v2/connect/append/finish';
/** The Frontend API client's own time limit per request (src/api/client.ts). */
const REQUEST_TIMEOUT_MS = 10_000;
/** Room for a second create(), an event or a request to show itself where none may. */
const AFTERMATH_MS = 300;

type Signal = { rpId: string; credentialId: string };

/** Stubs `signalUnknownCredential`, spies on create() and fetch, mounts with `finish` faulted, clicks. */
async function clickThrough(finish: Fault | undefined, scenario: Record<string, unknown> = {}) {
  const signals: Signal[] = [];
  stubProperty(PublicKeyCredential, 'signalUnknownCredential', (o: Signal) => {
    signals.push(o);
    return Promise.resolve();
  });
  const create = spyCreate();
  const net = spyFetch();
  const m = await appendFixture({ scenario: { ...scenario, faults: finish ? { finish } : {} } });
  await m.state('ready');
  m.click('primary-button');
  const finishes = async () => (await getRequests(m.projectId)).filter((r) => r.path === FINISH);
  const onDevice = async () => (await authn.getCredentials(m.authenticatorId!)).map((c) => c.credentialId);
  const stored = async () => (await getCredentials(m.projectId)).map((c) => c.id);
  return { m, create, net, signals, finishes, onDevice, stored };
}

describe('<corbado-append> finish rules', () => {
  for (const kind of FAULT_KINDS.filter(handlesFirst)) {
    it(`${kind}: stored, answer lost, retry refused as already used → complete (unconfirmed), never signalled away`, async () => {
      const t = await clickThrough({ kind, times: 1 });
      const complete = await t.m.event('corbado-append-complete', 8000);
      const { clientState, ...rest } = complete;
      expect(rest).to.deep.equal({ status: 'complete', completionType: 'manual', unconfirmed: true });
      expect(clientState, "Corbado's clientState").to.be.a('string');
      expect(t.m.of('corbado-append-error'), 'never "not saved"').to.deep.equal([]);
      await t.m.state('success');
      expect(t.m.text('description')).to.equal(en.successText);
      expect(t.signals, 'no signalUnknownCredential').to.deep.equal([]);
      const stored = await t.stored();
      expect(stored).to.have.length(1);
      expect(await t.onDevice(), 'the passkey stays on the device').to.deep.equal(stored);
      const fin = await t.finishes();
      expect(fin, 'the lost attempt and one refused retry').to.have.length(2);
      expect(new Set(fin.map((r) => JSON.stringify(r.body))).size, 'the same attestation').to.equal(1);
      expect(t.create.modal(), 'create() once').to.have.length(1);
    });
  }

  it('http-500 twice (not stored) → the same attestation again, then confirmed with passkeyOperation', async () => {
    const t = await clickThrough({ kind: 'http-500', times: 2 });
    const complete = await t.m.event('corbado-append-complete', 8000);
    expect(complete.status).to.equal('complete');
    expect(complete).not.to.have.property('unconfirmed');
    expect(complete.passkeyOperation.operationType).to.equal('append');
    const fin = await t.finishes();
    expect(fin).to.have.length(3);
    expect(new Set(fin.map((r) => JSON.stringify(r.body))).size).to.equal(1);
    expect(await t.stored()).to.have.length(1);
    expect(t.signals).to.deep.equal([]);
    expect(t.create.modal()).to.have.length(1);
  });

  it('a definitive refusal (4xx Corbado body) → no retry, finish-failed "not saved", the orphan signalled', async () => {
    const t = await clickThrough({ kind: 'http-400', times: 1 });
    const err = await t.m.event('corbado-append-error', 8000);
    expect([err.code, err.recoverable]).to.deep.equal(['finish-failed', false]);
    expect(err.message).to.match(/server refused/);
    expect(err.requestId, 'requestID of the Corbado error body').to.match(/^req-/);
    await t.m.state('error');
    expect(t.m.text('message')).to.equal(en.finishFailed);
    expect(t.m.part('message')!.getAttribute('role')).to.equal('alert');
    expect(t.m.part('primary-button'), 'no way to run create() again').to.equal(null);
    expect(t.m.text('skip-button')).to.equal(en.continue);
    const onDevice = await t.onDevice();
    expect(t.signals).to.deep.equal([{ rpId: 'localhost', credentialId: onDevice[0] }]);
    expect(await t.stored(), 'nothing stored').to.deep.equal([]);
    expect(await t.finishes()).to.have.length(1);
    await pause(AFTERMATH_MS);
    expect(t.create.modal()).to.have.length(1);
  });

  it('no signalUnknownCredential in this browser → still finish-failed, nothing thrown', async () => {
    const page = spyPageErrors();
    const t = await clickThrough({ kind: 'http-400', times: 1 });
    stubProperty(PublicKeyCredential, 'signalUnknownCredential', undefined, true);
    expect((await t.m.event('corbado-append-error', 8000)).code).to.equal('finish-failed');
    await pause(AFTERMATH_MS);
    expect(page.errors).to.deep.equal([]);
  });

  it(`finish hangs → after ${FINISH_PATIENCE_MS} ms a way on; Continue leaves (finish-pending) and the finish goes on to store it`, async () => {
    // Fake setTimeout only (sinon): the request really hangs at the emulator; the client's time
    // limit, the patience and the retry pause pass on the fake clock.
    const clock = fakeTimers();
    const t = await clickThrough({ kind: 'timeout', times: 1 });
    await heldByEmulator(t);
    await clock.tickAsync(FINISH_PATIENCE_MS - 100);
    await t.m.el.updateComplete;
    const skip = t.m.part('skip-button')!;
    expect([skip.disabled, getComputedStyle(skip).visibility], 'not yet: "Not now" keeps its place, unseen').to.deep.equal([
      true,
      'hidden',
    ]);
    await clock.tickAsync(100);
    await t.m.el.updateComplete;
    expect(t.m.text('message')).to.equal(en.finishSlow);
    expect(t.m.text('skip-button')).to.equal(en.continue);
    t.m.click('skip-button');
    expect(t.m.of('corbado-append-skip')).to.deep.equal([{ status: 'skip-explicit', reason: 'finish-pending' }]);
    await t.m.state('skipped');
    await clock.tickAsync(REQUEST_TIMEOUT_MS + 1000); // the hung attempt times out; the retry goes out
    clock.restore();
    await t.net.reached(FINISH, 2);
    await t.m.el.updateComplete;
    const fin = t.net.api(FINISH);
    expect(
      fin.every((c) => c.keepalive),
      'sent with keepalive',
    ).to.equal(true);
    await waitForStored(t.stored);
    expect(t.signals).to.deep.equal([]);
    expect(t.create.modal()).to.have.length(1);
  });

  it('no definitive answer before the deadline → finish-failed "could not confirm", never signalled', async () => {
    // The deadline is on the page's monotonic clock: fake performance.now() (and Date.now()) too,
    // from now on, so it passes with the fake time the attempts take, not with the real one.
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    onCleanup(() => clock.restore());
    const t = await clickThrough('timeout', { ttlMs: 5000 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await t.net.reached(FINISH, attempt);
      await heldByEmulator(t, attempt);
      await clock.tickAsync(REQUEST_TIMEOUT_MS); // its time limit …
      // … whose abort reaches the page a real moment later (Firefox: a round trip to its network process)
      await waitForReal(() => t.net.api(FINISH)[attempt - 1]!.settled, `attempt ${attempt} given up`);
      await clock.tickAsync(2600); // … then the retry pause
    }
    clock.restore();
    await pause(AFTERMATH_MS);
    const err = await t.m.event('corbado-append-error', 8000);
    expect(err.code).to.equal('finish-failed');
    expect(err.message).to.match(/no definitive answer/);
    await t.m.state('error');
    expect(t.m.text('message')).to.equal(en.finishUnknown);
    expect(t.net.api(FINISH), 'at least three attempts, then it stops at the deadline').to.have.length(3);
    expect(t.signals).to.deep.equal([]);
  });
});

/**
 * Finish attempt `attempt` has reached the emulator, which holds it. (Only then may the fake
 * clock run out the client's 10 s limit: in Firefox a keepalive fetch aborted before it left the
 * page wedges the next keepalive request to that origin; in real life the limit passes long
 * after it left.)
 */
async function heldByEmulator(t: { finishes(): Promise<unknown[]> }, attempt = 1) {
  await waitForReal(async () => (await t.finishes()).length === attempt, `finish attempt ${attempt} held by the emulator`);
}

async function waitForStored(stored: () => Promise<string[]>) {
  for (let i = 0; i < 100 && (await stored()).length === 0; i++) await pause(50);
  expect(await stored(), 'stored by the background finish').to.have.length(1);
}
