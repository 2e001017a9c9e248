/**
 * Finish failures after a successful `create()`: the same attestation is retried (bounded),
 * `create()` is never run again (that would mint an orphan passkey), and on giving up the element
 * says so (`finish-failed`, part `message`) and signals the unknown credential to the passkey
 * provider (`PublicKeyCredential.signalUnknownCredential`, stubbed here to observe it).
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/components/messages.js';
import { getCredentials, getRequests } from '../helpers/emulator.js';
import { appendFixture, type FixtureOptions } from '../helpers/fixture.js';
import { corbadoError, fakeTimers, pause, spyCreate, spyFetch, spyPageErrors, stubProperty, type FetchSpyOptions } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

const FINISH = '/v2/connect/append/finish';
/** The Frontend API client's own time limit per request (src/api/client.ts). */
const REQUEST_TIMEOUT_MS = 10_000;
/** Room for a second create(), or an error, to show itself after giving up. */
const AFTERMATH_MS = 300;

type Signal = { rpId: string; credentialId: string };

/**
 * Spies on create() and fetch (`net` answers as asked), stubs `signalUnknownCredential` to record
 * its calls, mounts, and clicks the button once ready.
 */
async function clickThrough(opts: FixtureOptions = {}, net: FetchSpyOptions = {}) {
  const create = spyCreate();
  const fetchSpy = spyFetch(net);
  const signals: Signal[] = [];
  stubProperty(PublicKeyCredential, 'signalUnknownCredential', (o: Signal) => {
    signals.push(o);
    return Promise.resolve();
  });
  const m = await appendFixture(opts);
  await m.state('ready');
  m.click('primary-button');
  const finishes = async () => (await getRequests(m.projectId)).filter(r => r.path === FINISH);

  /** The element gave up: finish-failed shown, create() not re-run, the orphan signalled (or not). */
  async function expectGaveUp(signalled: boolean) {
    const err = await m.event('corbado-append-error', 8000);
    expect(err.code).to.equal('finish-failed');
    expect(err.message).to.match(/created but not confirmed/);
    await m.state('error');
    expect(m.text('message')).to.equal(en.finishFailed);
    expect(m.part('message')!.getAttribute('role')).to.equal('alert');
    expect(m.part('primary-button'), 'no way to run create() again').to.equal(null);
    expect(m.text('skip-button')).to.equal(en.continue);
    await pause(AFTERMATH_MS);
    expect(create.modal(), 'create() never re-run').to.have.length(1);
    expect(m.of('corbado-append-complete')).to.have.length(0);
    const onDevice = await authn.getCredentials(m.authenticatorId!);
    expect(onDevice, 'the orphan passkey on the device').to.have.length(1);
    if (signalled) {
      expect(signals, 'signalUnknownCredential').to.deep.equal([{ rpId: 'localhost', credentialId: onDevice[0]!.credentialId }]);
      expect(await getCredentials(m.projectId), 'nothing stored').to.have.length(0);
    } else {
      expect(signals, 'no signalUnknownCredential: the server may have stored it').to.have.length(0);
    }
    return err;
  }
  return { m, create, net: fetchSpy, signals, finishes, expectGaveUp };
}

describe('<corbado-append> finish failures', () => {
  it('http-500 twice → the same attestation retried, one passkey stored, create() once', async () => {
    const { m, create, signals, finishes } = await clickThrough({ scenario: { faults: { finish: { kind: 'http-500', times: 2 } } } });
    const complete = await m.event('corbado-append-complete', 8000);
    expect(complete.status).to.equal('complete');
    expect(m.of('corbado-append-error')).to.have.length(0);
    const fin = await finishes();
    expect(fin, 'finish attempts').to.have.length(3);
    expect(new Set(fin.map(r => JSON.stringify(r.body))).size, 'the same attestation each time').to.equal(1);
    expect(create.modal()).to.have.length(1);
    expect(await getCredentials(m.projectId)).to.have.length(1);
    expect(await authn.getCredentials(m.authenticatorId!)).to.have.length(1);
    expect(signals).to.have.length(0);
  });

  it('always 500 → gives up after 3 attempts: finish-failed, message, signalUnknownCredential, no second create()', async () => {
    const { finishes, expectGaveUp } = await clickThrough({ scenario: { faults: { finish: 'http-500' } } });
    const err = await expectGaveUp(true);
    const fin = await finishes();
    expect(fin).to.have.length(3);
    expect(new Set(fin.map(r => JSON.stringify(r.body))).size).to.equal(1);
    expect(err.requestId, 'requestId of the last Corbado error body').to.be.a('string');
  });

  it('finish never answers (timeout) → bounded, finish-failed, no signalUnknownCredential (may be stored), no second create()', async () => {
    // Fake setTimeout only (sinon): the requests are real and hang at the emulator; the client's
    // 10 s time limit per request and the retry delays pass on the fake clock.
    const clock = fakeTimers();
    const { m, net, expectGaveUp } = await clickThrough({ scenario: { faults: { finish: 'timeout' } } });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await net.reached(FINISH, attempt);
      await clock.tickAsync(REQUEST_TIMEOUT_MS + 2000); // its time limit, then the retry delay
    }
    clock.restore();
    const err = await expectGaveUp(false);
    expect(err.message).to.match(/no answer/);
    expect(m.of('corbado-append-error')).to.have.length(1);
    const fin = net.api(FINISH);
    expect(fin, 'finish attempts').to.have.length(3);
    expect(fin.every(c => c.aborted), 'each hung request aborted by the client timeout').to.equal(true);
    expect(new Set(fin.map(c => c.text)).size).to.equal(1);
  });

  it('finish stored but its answer lost → the retry is refused (challenge used): the passkey is not signalled away', async () => {
    let lost = 0;
    const lose: FetchSpyOptions['answer'] = (call, forward) =>
      call.path === FINISH && lost++ === 0
        ? forward().then(() => {
            throw new TypeError('Failed to fetch'); // the server answered; the network lost it
          })
        : undefined;
    const { m, net, expectGaveUp } = await clickThrough({}, { answer: lose });
    await expectGaveUp(false);
    expect(net.api(FINISH), 'the lost attempt and one refused retry').to.have.length(2);
    const stored = await getCredentials(m.projectId);
    expect(stored, 'stored by the first attempt').to.have.length(1);
    expect((await authn.getCredentials(m.authenticatorId!)).map(c => c.credentialId)).to.deep.equal([stored[0]!.id]);
  });

  it('finish rejected (4xx Corbado error) → no retry, finish-failed with requestId, signalUnknownCredential', async () => {
    const rejected = corbadoError(400, {
      requestID: 'req-finish-400',
      link: 'https://app.corbado.com/requests/req-finish-400',
      runtime: 0.01,
      details: 'attestationResponse: invalid',
    });
    const { net, expectGaveUp } = await clickThrough({}, { answer: call => (call.path === FINISH ? rejected : undefined) });
    const err = await expectGaveUp(true);
    expect(err.requestId).to.equal('req-finish-400');
    expect(net.api(FINISH)).to.have.length(1);
  });

  it('no signalUnknownCredential in this browser → still finish-failed, nothing thrown', async () => {
    const page = spyPageErrors();
    const { m, create } = await clickThrough({ scenario: { faults: { finish: 'http-500' } } });
    // Gone before the element gives up (after the retries, ≈ 1.6 s from now).
    stubProperty(PublicKeyCredential, 'signalUnknownCredential', undefined, true);
    expect((await m.event('corbado-append-error', 8000)).code).to.equal('finish-failed');
    await m.state('error');
    await pause(AFTERMATH_MS);
    expect(page.errors).to.deep.equal([]);
    expect(create.modal()).to.have.length(1);
  });
});
