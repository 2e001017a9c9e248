/**
 * `expiresMs` (DESIGN.md, "Server decisions"): the options are refreshed before they die, never
 * used once dead, and a ceremony that outlives them is aborted; the deadline is measured against
 * the server's `Date` header so a wrong client clock does not matter. Real Chromium, the
 * same-origin emulator (short `ttlMs`), the CDP virtual authenticator.
 *
 * (The emulator's own refusal of a finish after `expiresMs` is covered by
 * test/emulator/api.test.js, "rejects a finish after expiresMs"; `optionsLifetimeMs` by
 * test/unit/expiry.test.ts.)
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/components/messages.js';
import { getCredentials, mintToken, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { mountAppend, until, type Mounted } from '../helpers/element.js';
import { skewClock, spyCreate, spyFetch, type CreateSpy, type FetchCall, type FetchSpy } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

const START = '/v2/connect/append/start';

/** The challenge (base64url) of a start response's attestationOptions. */
const challengeOf = (start: FetchCall): string => JSON.parse(start.response.attestationOptions).publicKey.challenge;

describe('server decisions: expiresMs', () => {
  let authenticatorId: string;
  let m: Mounted | undefined;
  let create: CreateSpy;
  let fetchSpy: FetchSpy;
  let clock: { restore(): void } | undefined;

  beforeEach(async () => {
    authenticatorId = await authn.addAuthenticator();
    create = spyCreate();
    fetchSpy = spyFetch();
  });
  afterEach(async () => {
    m?.remove();
    create.restore();
    fetchSpy.restore();
    clock?.restore();
    m = clock = undefined;
    await authn.clearAuthenticators();
  });

  const starts = () => fetchSpy.of(START);

  it('with a token provider: fresh options before the deadline; a click after the old deadline uses them and succeeds', async function () {
    this.timeout(20_000);
    const TTL = 5000;
    const projectId = uniqueProjectId();
    await setScenario(projectId, { ttlMs: TTL });
    const tokens: string[] = [];
    m = mountAppend(projectId, {
      provider: async () => {
        tokens.push(await mintToken(projectId));
        return tokens[tokens.length - 1]!;
      },
    });
    await m.state('ready');
    await until(() => starts()[0]?.response !== undefined, 'the first start response');
    const first = starts()[0]!;
    const deadline = first.response.expiresMs as number;
    expect(deadline - first.wall).to.be.within(TTL - 1000, TTL + 1000);

    await until(() => starts()[1]?.response !== undefined, 'a refresh (second start)', TTL + 3000);
    const second = starts()[1]!;
    expect(second.wall, 'refreshed before the deadline').to.be.below(deadline);
    expect(tokens, 'a new token for the refresh').to.have.length(2);
    expect(tokens[1]).not.to.equal(tokens[0]);
    expect(second.body.appendTokenValue).to.equal(tokens[1]);
    expect(challengeOf(second)).not.to.equal(challengeOf(first));
    expect(m.el.state, 'the refresh is invisible').to.equal('ready');

    await until(() => Date.now() > deadline + 150, 'the first options to die', TTL + 3000);
    expect(create.calls, 'nothing created so far').to.have.length(0);
    m.part<HTMLButtonElement>('primary-button')!.click();
    expect(create.calls).to.have.length(1);
    const used = authn.toBase64url(create.calls[0]!.options.publicKey!.challenge as ArrayBuffer);
    expect(used, 'the live options').to.equal(challengeOf(starts()[starts().length - 1]!));
    const complete = await m.next('corbado-append-complete');
    expect(complete).to.include({ status: 'complete', completionType: 'manual' });
    expect(await getCredentials(projectId)).to.have.length(1);
    expect(m.of('corbado-append-error')).to.deep.equal([]);
    expect(m.of('corbado-append-state').map(s => s.state)).to.deep.equal(['loading', 'ready', 'creating', 'finishing', 'success']);
  });

  it('while a refresh is in flight the offer is busy: no create() on options whose challenge the new start replaces', async function () {
    this.timeout(20_000);
    const projectId = uniqueProjectId();
    // Slow answers widen the window in which the refresh's start is on its way.
    await setScenario(projectId, { ttlMs: 3000, latencyMs: 500 });
    m = mountAppend(projectId);
    await m.state('ready', 8000);
    await until(() => starts().length === 2, 'the refresh to go out', 8000);
    expect(starts()[1]!.response, 'still in flight').to.equal(undefined);
    await m.el.updateComplete;
    const primary = m.part<HTMLButtonElement>('primary-button')!;
    expect(primary.disabled, 'busy during the refresh').to.equal(true);
    expect(m.part('container')!.getAttribute('aria-busy')).to.equal('true');
    primary.click(); // a disabled button ignores it; call the flow as a stray click would
    (m.el as unknown as { flow: { click(): void } }).flow.click();
    expect(create.calls, 'no create() on the options being replaced').to.have.length(0);

    await until(() => starts()[1]!.response !== undefined, 'the refresh to land', 8000);
    await m.el.updateComplete;
    expect(m.part<HTMLButtonElement>('primary-button')!.disabled).to.equal(false);
    m.part<HTMLButtonElement>('primary-button')!.click();
    expect(create.calls).to.have.length(1);
    expect(authn.toBase64url(create.calls[0]!.options.publicKey!.challenge as ArrayBuffer)).to.equal(challengeOf(starts()[1]!));
    expect((await m.next('corbado-append-complete', 8000)).status).to.equal('complete');
    expect(m.of('corbado-append-error')).to.deep.equal([]);
  });

  it('static append-token only: at the deadline an expired error, create() never called', async () => {
    const TTL = 2500;
    const projectId = uniqueProjectId();
    await setScenario(projectId, { ttlMs: TTL });
    m = mountAppend(projectId, { provider: null, attrs: { 'append-token': await mintToken(projectId), lang: 'en' } });
    await m.state('ready');
    const error = await m.next('corbado-append-error', TTL + 3000);
    expect(error.code).to.equal('expired');
    const deadline = starts()[0]!.response.expiresMs as number;
    expect(Date.now(), 'not long after the deadline').to.be.below(deadline + 2000);
    await m.state('error');
    expect(create.calls).to.have.length(0);
    expect(starts(), 'no refresh without a provider').to.have.length(1);
    expect(m.part('message')!.textContent!.trim()).to.equal(en.expiredFinal);
    expect(m.part('primary-button'), 'nothing left to click').to.equal(null);
    expect(m.part('skip-button')!.textContent!.trim()).to.equal(en.continue);
  });

  it('static append-token only: a click after the deadline (wall clock jumped, timers late, as after a device sleep) never calls create()', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { ttlMs: 60_000 });
    m = mountAppend(projectId, { provider: null, attrs: { 'append-token': await mintToken(projectId), lang: 'en' } });
    await m.state('ready');
    // The device slept for two minutes: Date.now() moved on, our setTimeout()s have not fired yet.
    clock = skewClock(120_000);
    m.part<HTMLButtonElement>('primary-button')!.click();
    expect(create.calls, 'create() with dead options').to.have.length(0);
    const error = await m.next('corbado-append-error');
    expect(error.code).to.equal('expired');
    await m.state('error');
    expect(create.calls).to.have.length(0);
    expect(m.part('message')!.textContent!.trim()).to.equal(en.expiredFinal);
  });

  it('with a token provider: the same late click fetches fresh options instead, and the next click succeeds', async () => {
    const projectId = uniqueProjectId();
    await setScenario(projectId, { ttlMs: 60_000 });
    m = mountAppend(projectId, { attrs: { lang: 'en' } });
    await m.state('ready');
    clock = skewClock(120_000);
    m.part<HTMLButtonElement>('primary-button')!.click();
    expect(create.calls, 'create() with dead options').to.have.length(0);
    await until(() => starts().length === 2 && m!.el.state === 'ready', 'fresh options');
    await m.el.updateComplete;
    expect(m.part('message')!.textContent!.trim()).to.equal(en.expired);
    expect(create.calls).to.have.length(0);
    m.part<HTMLButtonElement>('primary-button')!.click();
    expect(create.calls).to.have.length(1);
    const used = authn.toBase64url(create.calls[0]!.options.publicKey!.challenge as ArrayBuffer);
    expect(used).to.equal(challengeOf(starts()[1]!));
    expect((await m.next('corbado-append-complete')).completionType).to.equal('manual-retry');
  });

  it('a ceremony that outlives the options is aborted at the deadline; fresh options, then a retry succeeds', async function () {
    this.timeout(15_000);
    const TTL = 3000;
    const projectId = uniqueProjectId();
    await setScenario(projectId, { ttlMs: TTL });
    await authn.setPresence(authenticatorId, false); // create() stays pending
    m = mountAppend(projectId, { attrs: { lang: 'en' } });
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    await m.state('creating');
    const call = create.calls[0]!;
    const deadline = starts()[0]!.response.expiresMs as number;

    await until(() => call.abortedWall !== undefined, 'the ceremony to be aborted', TTL + 3000);
    expect(call.abortedWall!, 'aborted by the deadline').to.be.at.most(deadline + 100);
    expect(call.abortedWall!, 'not long before it').to.be.above(deadline - 1500);
    const error = await m.next('corbado-append-error');
    expect(error).to.include({ code: 'expired', recoverable: true });
    await until(() => starts().length === 2 && m!.el.state === 'ready', 'fresh options after the abort');
    await m.el.updateComplete;
    expect(m.part('message')!.textContent!.trim()).to.equal(en.expired);
    expect(create.calls, 'no new ceremony on its own').to.have.length(1);
    expect(call.outcome).to.equal('rejected');

    await authn.setPresence(authenticatorId, true);
    m.part<HTMLButtonElement>('primary-button')!.click();
    const complete = await m.next('corbado-append-complete');
    expect(complete.completionType).to.equal('manual-retry');
    expect(authn.toBase64url(create.calls[1]!.options.publicKey!.challenge as ArrayBuffer)).to.equal(challengeOf(starts()[1]!));
    expect(await getCredentials(projectId)).to.have.length(1);
  });

  it('static append-token: a ceremony that outlives the options ends in one final expired error', async function () {
    this.timeout(15_000);
    const TTL = 3000;
    const projectId = uniqueProjectId();
    await setScenario(projectId, { ttlMs: TTL });
    await authn.setPresence(authenticatorId, false); // create() stays pending
    m = mountAppend(projectId, { provider: null, attrs: { lang: 'en', 'append-token': await mintToken(projectId) } });
    await m.state('ready');
    m.part<HTMLButtonElement>('primary-button')!.click();
    await m.state('creating');
    await m.state('error', TTL + 3000);
    expect(m.of('corbado-append-error')).to.deep.equal([
      { code: 'expired', recoverable: false, message: m.of('corbado-append-error')[0].message },
    ]);
    expect(create.calls[0]!.outcome).to.equal('rejected');
    expect(starts(), 'no refresh without a provider').to.have.length(1);
    expect(m.part('skip-button'), 'the user can move on').to.not.equal(null);
  });

  describe('client clock skew (the response Date header decides)', () => {
    it('client clock an hour ahead: the options are not taken for expired', async () => {
      clock = skewClock(3_600_000);
      const projectId = uniqueProjectId();
      m = mountAppend(projectId); // default ttl: 5 minutes
      await m.state('ready');
      expect(m.of('corbado-append-error')).to.deep.equal([]);
      m.part<HTMLButtonElement>('primary-button')!.click();
      expect((await m.next('corbado-append-complete')).status).to.equal('complete');
    });

    it('client clock ten minutes behind: short-lived options are still refreshed before they die', async function () {
      this.timeout(15_000);
      clock = skewClock(-600_000);
      const TTL = 3500;
      const projectId = uniqueProjectId();
      await setScenario(projectId, { ttlMs: TTL });
      m = mountAppend(projectId);
      await m.state('ready');
      await until(() => starts()[0]?.response !== undefined, 'the first start response');
      const serverDeadline = starts()[0]!.response.expiresMs as number;
      await until(() => starts().length >= 2, 'a refresh', TTL + 3000);
      // `wall` is the skewed client clock: compare on the server's.
      expect(starts()[1]!.wall + 600_000, 'refreshed before the server deadline').to.be.below(serverDeadline);
      expect(m.of('corbado-append-error')).to.deep.equal([]);
    });
  });
});
