/**
 * `expiresMs` (docs/design.md, "Server decisions") in the browser: the options are refreshed before they
 * die and a ceremony that outlives them is aborted — one end-to-end case each, on real timers, real
 * requests (the deadlines are the server's) and a real `create()`; and the `Date` header decides,
 * whatever the client clock says. Real Chromium, the same-origin emulator (short `ttlMs`), the
 * engine's virtual authenticator.
 *
 * The offer's deadline comes `FINISH_MARGIN_MS` (2 s) before the options die, and up to another
 * second (the `Date` header's resolution) plus the round trip earlier: options of 5–6 s leave the
 * offer 2–4 s; below ~4 s they arrive dead.
 *
 * Everything else about the offer clock is proven on a fake clock under Node, once:
 * - when the refresh goes out, with a new token, and that the old options' deadline goes with
 *   them: test/flow/controller.test.ts "with a token provider: fresh options (new token, new
 *   start) before the deadline";
 * - a click while the refresh is on its way does nothing: test/flow/transition-offer.test.ts
 *   "click while fresh options are on their way → nothing (their start voids this challenge)";
 * - without a token provider, one final expired error at the deadline (and the ceremony aborted):
 *   test/flow/controller.test.ts "without a token provider: at the deadline one final expired
 *   error, no refresh", test/flow/transition-ceremony.test.ts "… without a token provider → one
 *   final expired error"; its card's texts: test/unit/messages.test.ts "finalText";
 * - a click after the deadline whose timer is late, as after a device sleep, never calls create():
 *   test/flow/controller.test.ts "a click after the deadline whose timer is late (device slept)
 *   never calls create()", test/flow/transition-offer.test.ts "click after the deadline (timers
 *   late, device slept) → never create(): renew, and say so" and "… without a token provider → the
 *   final expired error";
 * - `optionsLifetimeMs`, `offerTimes`, `refreshAfterMs` (the `Date` header against any local
 *   clock): test/flow/offer-clock.test.ts.
 * The emulator's own refusal of a finish after `expiresMs`: test/emulator/finish.test.js. Focus
 * back on the button once options that died during the prompt are renewed: test/component/
 * a11y.test.ts.
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/strings.js';
import { FINISH_MARGIN_MS } from '../../src/times.js';
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

describe('server decisions: expiresMs', () => {
  it('with a token provider: fresh options before the deadline, busy while on their way (no create() on the options they replace); a click then uses them and succeeds', async function () {
    this.timeout(20_000);
    const TTL = 6000;
    const projectId = uniqueProjectId();
    const tokens: string[] = [];
    // The refresh asks the provider for a new token: a click at that very moment reaches the
    // click handler (the button is not re-rendered as busy yet).
    const provider = async () => {
      if (tokens.length === 1) m.activate('primary-button');
      tokens.push(await mintToken(projectId));
      return tokens[tokens.length - 1]!;
    };
    // Slow answers widen the window in which the refresh's start is on its way.
    const { m, create, starts } = await mount({ projectId, scenario: { ttlMs: TTL, latencyMs: 500 }, provider });
    await m.state('ready', 8000);
    await waitFor(() => starts()[0]?.response !== undefined, 'the first start response');
    const first = starts()[0]!;
    const deadline = first.response.expiresMs as number;
    expect(deadline - first.wall).to.be.within(TTL - 1000, TTL + 1000);

    await waitFor(() => starts().length === 2, 'the refresh to go out', TTL + 3000);
    const second = starts()[1]!;
    expect(second.wall, 'refreshed before the deadline').to.be.below(deadline);
    expect(tokens, 'a new token for the refresh (and the click at that moment)').to.have.length(2);
    expect(second.response, 'still in flight').to.equal(undefined);
    await m.el.updateComplete;
    const primary = m.part('primary-button')!;
    expect(primary.getAttribute('aria-disabled'), 'busy during the refresh').to.equal('true');
    expect(m.part('container')!.getAttribute('aria-busy')).to.equal('true');
    primary.click(); // the flow ignores a click while the options are replaced …
    m.activate('primary-button'); // … and its handler, reached anyway, refuses too
    expect(create.calls, 'no create() on the options being replaced').to.have.length(0);

    await waitFor(() => starts()[1]!.response !== undefined, 'the refresh to land', 8000);
    expect(tokens[1]).not.to.equal(tokens[0]);
    expect(second.body.appendTokenValue).to.equal(tokens[1]);
    expect(challengeOf(second)).not.to.equal(challengeOf(first));
    // The answer is in; the element reads its body and re-renders a task or two later (Firefox).
    // (That the old options' deadline is gone with them: on a fake clock, see above.)
    await waitFor(() => m.part('primary-button')!.getAttribute('aria-disabled') === 'false', 'the offer usable again');
    expect(create.calls, 'nothing created so far').to.have.length(0);
    m.click('primary-button');
    expect(create.calls).to.have.length(1);
    expect(usedChallenge(create, 0), 'the live options').to.equal(challengeOf(starts()[starts().length - 1]!));
    const complete = await m.event('corbado-append-complete', 8000);
    expect(complete).to.include({ status: 'complete', completionType: 'manual' });
    expect(await getCredentials(projectId)).to.have.length(1);
    expect(m.of('corbado-append-error')).to.deep.equal([]);
    expect(m.states(), 'the refreshes are invisible').to.deep.equal(['loading', 'ready', 'creating', 'finishing', 'success']);
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
