/**
 * Safari's rules (test/helpers/safari-model.ts, a STUB layer over the real engine: Safari cannot
 * run here): no `create()` without user activation, `NotAllowedError` at once for a passkey
 * already on this device, conditional create from Safari 18. The element must fall back quietly,
 * tell a refusal from a cancel by how fast it came (README "Engines"), and never offer a
 * "try again" that repeats. Real clicks (the engine's input), real credentials, the emulator.
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/strings.js';
import { REFUSED_AT_ONCE_MS } from '../../src/times.js';
import { getCredentials, getEvents, getRequests, uniqueProjectId } from '../helpers/emulator.js';
import { appendFixture, registerPasskey, testAuthenticator, waitFor, type AppendFixture } from '../helpers/fixture.js';
import { realClick, safariModel } from '../helpers/safari-model.js';
import { HUMAN_CANCEL_MS, pause, spyCreate } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

/** Room for a retry loop or a late event to show itself. */
const QUIET_MS = 600;

/** completionType of the finish the emulator got, and the passkeys it stored. */
async function server(projectId: string) {
  const finish = (await getRequests(projectId)).filter((r) => r.path === '/v2/connect/append/finish');
  return { finishTypes: finish.map((r) => (r.body as { completionType: string }).completionType), stored: await getCredentials(projectId) };
}

/** The offer, quietly: no message, no error, no outcome. */
function expectQuietOffer(m: AppendFixture) {
  expect(m.el.state).to.equal('ready');
  expect(m.text('message'), 'no message').to.equal('');
  expect(m.of('corbado-append-error'), 'no error').to.deep.equal([]);
  expect(m.of('corbado-append-complete')).to.deep.equal([]);
  expect(m.part('primary-button')!.getAttribute('aria-disabled')).to.equal('false');
}

describe('Safari model (STUB over the real engine)', () => {
  it('autoAppend without user activation: refused at once, the button silently; a real click creates the passkey', async () => {
    const safari = safariModel();
    const create = spyCreate();
    const m = await appendFixture({ scenario: { autoAppend: true }, attrs: { lang: 'en' } });
    await waitFor(() => create.calls[0]?.settled, 'the auto ceremony refused');
    expect(safari.calls.map((c) => c.outcome)).to.deep.equal(['refused-no-activation']);
    await m.state('ready');
    await pause(QUIET_MS);
    expectQuietOffer(m);
    expect(create.calls, 'no second attempt on its own').to.have.length(1);
    expect(m.states()).to.deep.equal(['loading', 'ready', 'creating', 'ready']);

    await realClick(m.part('primary-button')!);
    const complete = await m.event('corbado-append-complete');
    expect(complete).to.include({ status: 'complete', completionType: 'manual' });
    expect(safari.calls.map((c) => [c.activated, c.outcome])).to.deep.equal([
      [false, 'refused-no-activation'],
      [true, 'created'],
    ]);
    const { finishTypes, stored } = await server(m.projectId);
    expect(finishTypes).to.deep.equal(['manual']);
    expect((await authn.getCredentials(m.authenticatorId!)).map((c) => c.credentialId)).to.deep.equal(stored.map((c) => c.id));
    const tracked = (await getEvents(m.projectId)).map((e) => [e.eventType, e.message]);
    expect(tracked, 'named as a refusal, not a cancel').to.deep.include(['append-error', 'refused-at-once']);
  });

  it('Safari before 16, a passkey already on this device: NotAllowedError at once for the excluded credential → complete-noop, no "try again"', async () => {
    const projectId = uniqueProjectId();
    await registerPasskey(projectId); // an earlier visit, without the model: a real passkey here and on the server
    const safari = safariModel({ version: 15 });
    const create = spyCreate();
    const m = await appendFixture({ projectId, scenario: { autoAppend: true } });
    await waitFor(() => create.calls[0]?.settled, 'the auto ceremony refused');
    await m.state('ready');
    expectQuietOffer(m);

    await realClick(m.part('primary-button')!);
    const complete = await m.event('corbado-append-complete');
    expect(complete).to.deep.include({ status: 'complete-noop', completionType: 'manual' });
    expect(safari.calls.map((c) => [c.excludeCredentials > 0, c.outcome])).to.deep.equal([
      [true, 'refused-no-activation'],
      [true, 'refused-excluded'],
    ]);
    const refusal = create.calls[1]!;
    expect(refusal.error).to.equal('NotAllowedError');
    await m.state('success');
    await pause(QUIET_MS);
    expect(m.of('corbado-append-error'), 'never a cancel or an error').to.deep.equal([]);
    expect(m.part('primary-button'), 'no "try again"').to.equal(null);
    expect(create.calls, 'no further ceremony').to.have.length(2);
    expect((await server(projectId)).stored, 'the one passkey, kept').to.have.length(1);
    expect(await authn.getCredentials(m.authenticatorId!)).to.have.length(1);
  });

  it('a cancel as slow as a person, with a passkey to exclude (on another device), stays a cancel: "try again" works', async () => {
    const projectId = uniqueProjectId();
    await registerPasskey(projectId);
    const authenticatorId = await testAuthenticator();
    await authn.clearCredentials(authenticatorId); // the server knows a passkey this device does not have
    await authn.setUserVerified(authenticatorId, false);
    const userVerification = 'required';
    safariModel();
    const create = spyCreate({ settleAfterMs: HUMAN_CANCEL_MS }); // the person takes this long to cancel
    const m = await appendFixture({ projectId, scenario: { userVerification }, attrs: { lang: 'en' } });
    await m.state('ready');
    await realClick(m.part('primary-button')!);
    const err = await m.event('corbado-append-error');
    expect([err.code, err.recoverable]).to.deep.equal(['ceremony-cancelled', true]);
    expect(create.calls[0]!.options.publicKey!.excludeCredentials, 'a passkey to exclude').to.have.length(1);
    await m.state('ready');
    expect(m.text('message')).to.equal(en.cancelled);

    await authn.setUserVerified(authenticatorId, true);
    await realClick(m.part('primary-button')!);
    expect((await m.event('corbado-append-complete')).completionType).to.equal('manual-retry');
    expect((await server(projectId)).stored, 'the old passkey and the new one').to.have.length(2);
  });

  it('clicks without activation (a script clicking), nothing to exclude: the first refusal reads as a cancel, the second ends it', async () => {
    safariModel();
    const create = spyCreate();
    const m = await appendFixture({ attrs: { lang: 'en' } });
    await m.state('ready');
    m.click('primary-button'); // programmatic: no user activation
    const first = await m.event('corbado-append-error');
    expect([first.code, first.recoverable]).to.deep.equal(['ceremony-cancelled', true]);
    await m.state('ready');
    m.click('primary-button');
    await m.state('error');
    expect(m.of('corbado-append-error').map((e) => [e.code, e.recoverable])).to.deep.equal([
      ['ceremony-cancelled', true],
      ['unsupported', false],
    ]);
    expect(m.text('message')).to.equal(en.unsupportedFinal);
    expect(m.part('primary-button'), 'no endless "try again"').to.equal(null);
    const took = create.calls.map((c) => c.settledAt! - c.at);
    expect(Math.max(...took), 'each refused at once').to.be.below(REFUSED_AT_ONCE_MS);
  });

  describe('conditional create', () => {
    it('Safari 18, just signed in with a saved password: the passkey is created silently (completionType conditional)', async () => {
      const safari = safariModel({ version: 18, conditional: 'upgrade' });
      const m = await appendFixture({ scenario: { conditionalAppend: true } });
      const complete = await m.event('corbado-append-complete');
      expect(complete).to.include({ status: 'complete', completionType: 'conditional' });
      expect(safari.calls.map((c) => [c.mediation, c.activated, c.outcome])).to.deep.equal([['conditional', false, 'created']]);
      const { finishTypes, stored } = await server(m.projectId);
      expect(finishTypes).to.deep.equal(['conditional']);
      expect(stored.map((c) => c.completionType)).to.deep.equal(['conditional']);
    });

    it('Safari 18 without a recent password sign-in: refused, the offer quietly; a real click works', async () => {
      const safari = safariModel({ version: 18, conditional: 'refuse' });
      const m = await appendFixture({ scenario: { conditionalAppend: true }, attrs: { lang: 'en' } });
      await waitFor(() => safari.calls.length === 1 && safari.calls[0]!.outcome, 'the conditional create refused');
      await pause(QUIET_MS);
      expectQuietOffer(m);
      await realClick(m.part('primary-button')!);
      expect((await m.event('corbado-append-complete')).completionType).to.equal('manual');
      expect(safari.calls.map((c) => c.mediation)).to.deep.equal(['conditional', undefined]);
    });

    it('Safari 17 (no conditional create reported): never attempted', async () => {
      const safari = safariModel({ version: 17 });
      const m = await appendFixture({ scenario: { conditionalAppend: true } });
      await m.state('ready');
      await pause(QUIET_MS);
      expect(safari.calls, 'no create() at all').to.deep.equal([]);
      expectQuietOffer(m);
    });
  });
});
