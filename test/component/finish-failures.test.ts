/**
 * Finish failures after a successful `create()`: the same attestation is retried (bounded),
 * `create()` is never run again (that would mint an orphan passkey), and on giving up the element
 * says so (`finish-failed`, part `message`) and signals the unknown credential to the passkey
 * provider (`PublicKeyCredential.signalUnknownCredential`, stubbed here to observe it).
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/components/messages.js';
import { mountAppend, type Mounted } from '../helpers/element.js';
import { getCredentials, getRequests, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { interceptFetch, jsonResponse, sleep, spyCreate, type CreateSpy, type FetchSpy } from '../helpers/intercept.js';
import * as authn from '../helpers/webauthn.js';

type Signal = { rpId: string; credentialId: string };

describe('<corbado-append> finish failures', () => {
  let authenticatorId: string;
  let m: Mounted | undefined;
  let create: CreateSpy;
  let net: FetchSpy | undefined;
  let signals: Signal[];
  let signalDescriptor: PropertyDescriptor | undefined;
  let undo: (() => void)[];

  beforeEach(async () => {
    authenticatorId = await authn.addAuthenticator();
    create = spyCreate();
    signals = [];
    undo = [];
    signalDescriptor = Object.getOwnPropertyDescriptor(PublicKeyCredential, 'signalUnknownCredential');
    Object.defineProperty(PublicKeyCredential, 'signalUnknownCredential', {
      configurable: true,
      writable: true,
      value: (o: Signal) => {
        signals.push(o);
        return Promise.resolve();
      },
    });
  });
  afterEach(async () => {
    m?.remove();
    m = undefined;
    create.restore();
    net?.restore();
    net = undefined;
    for (const u of undo) u();
    if (signalDescriptor) Object.defineProperty(PublicKeyCredential, 'signalUnknownCredential', signalDescriptor);
    else delete (PublicKeyCredential as unknown as Record<string, unknown>).signalUnknownCredential;
    await authn.clearAuthenticators();
  });

  const finishRequests = async (projectId: string) =>
    (await getRequests(projectId)).filter(r => r.path === '/v2/connect/append/finish');

  async function expectGaveUp(projectId: string, attempts: number, signalled = true) {
    const err = await m!.next('corbado-append-error', 8000);
    expect(err.code).to.equal('finish-failed');
    expect(err.message).to.match(/created but not confirmed/);
    await m!.state('error');
    expect(m!.part('message')!.textContent!.trim()).to.equal(en.finishFailed);
    expect(m!.part('message')!.getAttribute('role')).to.equal('alert');
    expect(m!.part('primary-button'), 'no way to run create() again').to.equal(null);
    expect(m!.part('skip-button')!.textContent!.trim()).to.equal(en.continue);
    await sleep(300);
    expect(create.modal(), 'create() never re-run').to.have.length(1);
    expect(m!.of('corbado-append-complete')).to.have.length(0);
    const onDevice = await authn.getCredentials(authenticatorId);
    expect(onDevice, 'the orphan passkey on the device').to.have.length(1);
    if (signalled) {
      expect(signals, 'signalUnknownCredential').to.deep.equal([{ rpId: 'localhost', credentialId: onDevice[0]!.credentialId }]);
      expect(await getCredentials(projectId), 'nothing stored').to.have.length(0);
    } else {
      expect(signals, 'no signalUnknownCredential: the server may have stored it').to.have.length(0);
    }
    return { err, attempts };
  }

  it('http-500 twice → the same attestation retried, one passkey stored, create() once', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { faults: { finish: { kind: 'http-500', times: 2 } } });
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    const complete = await m.next('corbado-append-complete', 8000);
    expect(complete.status).to.equal('complete');
    expect(m.of('corbado-append-error')).to.have.length(0);
    const fin = await finishRequests(projectId);
    expect(fin, 'finish attempts').to.have.length(3);
    expect(new Set(fin.map(r => JSON.stringify(r.body))).size, 'the same attestation each time').to.equal(1);
    expect(create.modal()).to.have.length(1);
    expect(await getCredentials(projectId)).to.have.length(1);
    expect(await authn.getCredentials(authenticatorId)).to.have.length(1);
    expect(signals).to.have.length(0);
  });

  it('always 500 → gives up after 3 attempts: finish-failed, message, signalUnknownCredential, no second create()', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { faults: { finish: 'http-500' } });
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    const { err } = await expectGaveUp(projectId, 3);
    const fin = await finishRequests(projectId);
    expect(fin).to.have.length(3);
    expect(new Set(fin.map(r => JSON.stringify(r.body))).size).to.equal(1);
    expect(err.requestId, 'requestId of the last Corbado error body').to.be.a('string');
  });

  it('finish never answers (timeout) → bounded, finish-failed, no signalUnknownCredential (may be stored), no second create()', async () => {
    // The client's per-request timeout is 10 s; shrink exactly that timer so three attempts fit the test.
    const realSetTimeout = window.setTimeout;
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) =>
      realSetTimeout(fn, ms === 10_000 ? 400 : ms, ...args)) as typeof setTimeout;
    undo.push(() => (window.setTimeout = realSetTimeout));
    net = interceptFetch();
    const projectId = uniqueProjectId();
    await setScenario(projectId, { faults: { finish: 'timeout' } });
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    const { err } = await expectGaveUp(projectId, 3, false);
    expect(err.message).to.match(/no answer/);
    const fin = net.api('/v2/connect/append/finish');
    expect(fin, 'finish attempts').to.have.length(3);
    expect(fin.every(c => c.aborted), 'each hung request aborted by the client timeout').to.equal(true);
    expect(new Set(fin.map(c => c.body)).size).to.equal(1);
  });

  it('finish stored but its answer lost → the retry is refused (challenge used): the passkey is not signalled away', async () => {
    const realFetch = window.fetch;
    let lost = 0;
    net = interceptFetch(call =>
      call.url.pathname === '/v2/connect/append/finish' && lost++ === 0
        ? realFetch(call.url, { method: call.method, headers: call.headers, body: call.body, credentials: 'include' }).then(() => {
            throw new TypeError('Failed to fetch'); // the server answered; the network lost it
          })
        : undefined,
    );
    const projectId = uniqueProjectId();
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    await expectGaveUp(projectId, 2, false);
    expect(net.api('/v2/connect/append/finish'), 'the lost attempt and one refused retry').to.have.length(2);
    const stored = await getCredentials(projectId);
    expect(stored, 'stored by the first attempt').to.have.length(1);
    expect((await authn.getCredentials(authenticatorId)).map(c => c.credentialId)).to.deep.equal([stored[0]!.id]);
  });

  it('finish rejected (4xx Corbado error) → no retry, finish-failed with requestId, signalUnknownCredential', async () => {
    net = interceptFetch(call =>
      call.url.pathname === '/v2/connect/append/finish'
        ? jsonResponse(400, {
            httpStatusCode: 400,
            message: 'request failed',
            requestData: { requestID: 'req-finish-400', link: 'https://app.corbado.com/requests/req-finish-400' },
            runtime: 0.01,
            error: { type: 'validation_error', details: 'attestationResponse: invalid', links: [] },
          })
        : undefined,
    );
    const projectId = uniqueProjectId();
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    const { err } = await expectGaveUp(projectId, 1);
    expect(err.requestId).to.equal('req-finish-400');
    expect(net.api('/v2/connect/append/finish')).to.have.length(1);
  });

  it('no signalUnknownCredential in this browser → still finish-failed, nothing thrown', async () => {
    delete (PublicKeyCredential as unknown as Record<string, unknown>).signalUnknownCredential;
    const projectId = uniqueProjectId();
    await setScenario(projectId, { faults: { finish: 'http-500' } });
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push('reason' in e ? e.reason : e.error);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    undo.push(() => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    });
    m = mountAppend(projectId);
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    expect((await m.next('corbado-append-error', 8000)).code).to.equal('finish-failed');
    await m.state('error');
    await sleep(100);
    expect(errors).to.deep.equal([]);
    expect(create.modal()).to.have.length(1);
  });
});
