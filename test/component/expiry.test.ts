/**
 * `expiresMs` (DESIGN.md, "Server decisions"): the options are refreshed before they die, never
 * used once dead, and a ceremony that outlives them is aborted; the deadline is measured against
 * the server's `Date` header so a wrong client clock does not matter. Real Chromium, the
 * same-origin emulator (short `ttlMs`), the CDP virtual authenticator. Real timers throughout:
 * the deadlines are the server's, carried by real requests.
 *
 * The offer's deadline comes `FINISH_MARGIN_MS` (2 s) before the options die, and up to another
 * second (the `Date` header's resolution) plus the round trip earlier: options of 5–6 s leave the
 * offer 2–4 s; below ~4 s they arrive dead.
 *
 * (The emulator's own refusal of a finish after `expiresMs` is covered by
 * test/emulator/finish.test.js, "rejects a finish after expiresMs"; `optionsLifetimeMs` by
 * test/unit/expiry.test.ts. On a fake clock, test/flow/: the expired error at the deadline without
 * a token provider (controller.test.ts "without a token provider: at the deadline one final
 * expired error, no refresh"); a click after the deadline whose timer is late, as after a device
 * sleep, which never calls create() (controller.test.ts "a click after the deadline whose timer is
 * late (device slept) never calls create()", transition-offer.test.ts "click after the deadline
 * (timers late, device slept) → never create(): renew, and say so" and "… without a token provider
 * → the final expired error"); the `Date` header deciding whatever the local clock says
 * (offer-clock.test.ts).)
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/components/messages.js';
import { FINISH_MARGIN_MS } from '../../src/flow/offer-clock.js';
import { getCredentials, mintToken, uniqueProjectId } from '../helpers/emulator.js';
import { appendFixture, waitFor, type FixtureOptions } from '../helpers/fixture.js';
import { skewClock, spyCreate, spyFetch, type CreateSpy, type FetchCall } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

const START = '/v2/connect/append/start';

/** The challenge (base64url) of a start response's attestationOptions. */
const challengeOf = (start: FetchCall): string => JSON.parse(start.response.attestationOptions).publicKey.challenge;

/** The challenge (base64url) the `i`-th create() was called with. */
const usedChallenge = (create: CreateSpy, i: number): string =>
  authn.toBase64url(create.calls[i]!.options.publicKey!.challenge as ArrayBuffer);

/** Spies on create() and fetch, then mounts; `starts()` are the start requests so far. */
async function mount(opts: FixtureOptions = {}) {
  const create = spyCreate();
  const net = spyFetch();
  const m = await appendFixture(opts);
  return { m, create, starts: () => net.api(START) };
}

/** Mounted with a static `append-token` only (no provider, hence no refresh). */
async function withStaticToken(opts: FixtureOptions & { ttlMs: number }) {
  const projectId = uniqueProjectId();
  const attrs = { lang: 'en', 'append-token': await mintToken(projectId) };
  return mount({ ...opts, projectId, scenario: { ttlMs: opts.ttlMs }, provider: null, attrs });
}

describe('server decisions: expiresMs', () => {
  it('with a token provider: fresh options before the deadline; a click after the old deadline uses them and succeeds', async function () {
    this.timeout(20_000);
    const TTL = 5000;
    const projectId = uniqueProjectId();
    const tokens: string[] = [];
    const provider = async () => {
      tokens.push(await mintToken(projectId));
      return tokens[tokens.length - 1]!;
    };
    const { m, create, starts } = await mount({ projectId, scenario: { ttlMs: TTL }, provider });
    await m.state('ready');
    await waitFor(() => starts()[0]?.response !== undefined, 'the first start response');
    const first = starts()[0]!;
    const deadline = first.response.expiresMs as number;
    expect(deadline - first.wall).to.be.within(TTL - 1000, TTL + 1000);

    await waitFor(() => starts()[1]?.response !== undefined, 'a refresh (second start)', TTL + 3000);
    const second = starts()[1]!;
    expect(second.wall, 'refreshed before the deadline').to.be.below(deadline);
    expect(tokens, 'a new token for the refresh').to.have.length(2);
    expect(tokens[1]).not.to.equal(tokens[0]);
    expect(second.body.appendTokenValue).to.equal(tokens[1]);
    expect(challengeOf(second)).not.to.equal(challengeOf(first));
    expect(m.el.state, 'the refresh is invisible').to.equal('ready');

    await waitFor(() => Date.now() > deadline + 150, 'the first options to die', TTL + 3000);
    expect(create.calls, 'nothing created so far').to.have.length(0);
    m.click('primary-button');
    expect(create.calls).to.have.length(1);
    expect(usedChallenge(create, 0), 'the live options').to.equal(challengeOf(starts()[starts().length - 1]!));
    const complete = await m.event('corbado-append-complete');
    expect(complete).to.include({ status: 'complete', completionType: 'manual' });
    expect(await getCredentials(projectId)).to.have.length(1);
    expect(m.of('corbado-append-error')).to.deep.equal([]);
    expect(m.states()).to.deep.equal(['loading', 'ready', 'creating', 'finishing', 'success']);
  });

  it('while a refresh is in flight the offer is busy: no create() on options whose challenge the new start replaces', async function () {
    this.timeout(20_000);
    const projectId = uniqueProjectId();
    let tokenCalls = 0;
    // The refresh asks the provider for a new token: a click at that very moment reaches the
    // click handler (the button is not re-rendered as busy yet).
    const provider = () => {
      if (++tokenCalls === 2) m.activate('primary-button');
      return mintToken(projectId);
    };
    // Slow answers widen the window in which the refresh's start is on its way.
    const { m, create, starts } = await mount({ projectId, scenario: { ttlMs: 6000, latencyMs: 500 }, provider });
    await m.state('ready', 8000);
    await waitFor(() => starts().length === 2, 'the refresh to go out', 8000);
    expect(tokenCalls, 'the refresh asked for a token (and was clicked)').to.equal(2);
    expect(starts()[1]!.response, 'still in flight').to.equal(undefined);
    await m.el.updateComplete;
    const primary = m.part('primary-button')!;
    expect(primary.disabled, 'busy during the refresh').to.equal(true);
    expect(m.part('container')!.getAttribute('aria-busy')).to.equal('true');
    primary.click(); // a disabled button ignores it …
    m.activate('primary-button'); // … and its handler, reached anyway, refuses too
    expect(create.calls, 'no create() on the options being replaced').to.have.length(0);

    await waitFor(() => starts()[1]!.response !== undefined, 'the refresh to land', 8000);
    // The answer is in; the element reads its body and re-renders a task or two later (Firefox).
    await waitFor(() => m.part('primary-button')!.disabled === false, 'the offer usable again');
    m.click('primary-button');
    expect(create.calls).to.have.length(1);
    expect(usedChallenge(create, 0)).to.equal(challengeOf(starts()[1]!));
    expect((await m.event('corbado-append-complete', 8000)).status).to.equal('complete');
    expect(m.of('corbado-append-error')).to.deep.equal([]);
  });

  it('a ceremony that outlives the options is aborted at the deadline; fresh options, then a retry succeeds', async function () {
    this.timeout(15_000);
    const TTL = 6000;
    const pending = { automaticPresenceSimulation: false }; // create() stays pending
    const { m, create, starts } = await mount({ scenario: { ttlMs: TTL }, authenticator: pending, attrs: { lang: 'en' } });
    await m.state('ready');
    m.click('primary-button');
    await m.state('creating');
    const call = create.calls[0]!;
    // The offer's deadline: the finish's margin before the options die (and up to the Date
    // header's resolution plus the round trip more).
    const deadline = (starts()[0]!.response.expiresMs as number) - FINISH_MARGIN_MS;

    await waitFor(() => call.abortedWall !== undefined, 'the ceremony to be aborted', TTL);
    expect(call.abortedWall!, 'aborted by the deadline').to.be.at.most(deadline + 100);
    expect(call.abortedWall!, 'not long before it').to.be.above(deadline - 1500);
    const error = await m.event('corbado-append-error');
    expect(error).to.include({ code: 'expired', recoverable: true });
    await waitFor(() => starts().length === 2 && m.el.state === 'ready', 'fresh options after the abort');
    await m.el.updateComplete;
    expect(m.text('message')).to.equal(en.expired);
    expect(create.calls, 'no new ceremony on its own').to.have.length(1);
    expect(call.outcome).to.equal('rejected');

    await authn.setPresence(m.authenticatorId!, true);
    m.click('primary-button');
    const complete = await m.event('corbado-append-complete');
    expect(complete.completionType).to.equal('manual-retry');
    expect(usedChallenge(create, 1)).to.equal(challengeOf(starts()[1]!));
    expect(await getCredentials(m.projectId)).to.have.length(1);
  });

  it('static append-token: a ceremony that outlives the options ends in one final expired error', async function () {
    this.timeout(15_000);
    const TTL = 6000;
    const { m, create, starts } = await withStaticToken({ ttlMs: TTL, authenticator: { automaticPresenceSimulation: false } });
    await m.state('ready');
    m.click('primary-button');
    await m.state('creating');
    await m.state('error', TTL);
    expect(Date.now(), 'ended by the deadline').to.be.below((starts()[0]!.response.expiresMs as number) - FINISH_MARGIN_MS + 500);
    expect(m.of('corbado-append-error')).to.deep.equal([
      { code: 'expired', recoverable: false, message: m.of('corbado-append-error')[0].message },
    ]);
    await waitFor(() => create.calls[0]!.outcome === 'rejected', 'the ceremony aborted');
    expect(starts(), 'no refresh without a provider').to.have.length(1);
    expect(create.calls, 'no further ceremony').to.have.length(1);
    expect(m.text('message')).to.equal(en.expiredFinal);
    expect(m.part('primary-button'), 'nothing left to click').to.equal(null);
    expect(m.text('skip-button'), 'the user can move on').to.equal(en.continue);
  });

  describe('client clock skew (the response Date header decides)', () => {
    it('client clock an hour ahead: the options are not taken for expired', async () => {
      skewClock(3_600_000);
      const { m } = await mount(); // default ttl: 5 minutes
      await m.state('ready');
      expect(m.of('corbado-append-error')).to.deep.equal([]);
      m.click('primary-button');
      expect((await m.event('corbado-append-complete')).status).to.equal('complete');
    });
  });
});
