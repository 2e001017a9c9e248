/**
 * `autoAppend` and `conditionalAppend` (docs/design.md, "Server decisions"): ceremonies the element
 * starts without a click, and how each falls back silently. Real Chromium, the same-origin
 * emulator, the CDP virtual authenticator; `navigator.credentials.create` is wrapped (pass-through)
 * to count calls and see their `mediation` and abort signal.
 *
 * (A background refresh aborting a pending conditional create before its start goes out — the
 * start may void the challenge — is proven on a fake clock by test/flow/transition-offer.test.ts,
 * "refresh due → refreshing (busy), conditional create aborted, a new offer loaded" (the abort
 * comes first among the effects); the real abort of a native conditional create is shown here by
 * the time-box and the click.)
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/strings.js';
import { getCredentials, getRequests, type ScenarioPatch } from '../helpers/emulator.js';
import { appendFixture, CONDITIONAL_TIMEBOX_MS, waitFor, type FixtureOptions } from '../helpers/fixture.js';
import { pause, spyCreate, stubProperty, type CreateSpyOptions } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';
import { needs } from '../helpers/engine.js';

/** Room for a retry loop to show itself. */
const LOOP_WINDOW_MS = 700;
/** Room for a create() that must not come (it would start in the task of the ready event). */
const START_WINDOW_MS = 100;
/** Room for a reaction to the time-box abort, of which there must be none. */
const REACTION_MS = 50;

/** Spies on create(), then mounts with `scenario`. */
async function mount(scenario: ScenarioPatch, opts: FixtureOptions = {}, spy: CreateSpyOptions = {}) {
  const create = spyCreate(spy);
  const m = await appendFixture({ ...opts, scenario });
  /** The completionType the emulator received in finish. */
  const finishType = async () =>
    ((await getRequests(m.projectId)).find((r) => r.path === '/v2/connect/append/finish')?.body as { completionType: string } | undefined)
      ?.completionType;
  /** completionType of the passkeys the emulator stored. */
  const stored = async () => (await getCredentials(m.projectId)).map((c) => c.completionType);
  return { m, create, finishType, stored };
}

describe('server decisions: autoAppend and conditionalAppend', () => {
  describe('autoAppend', () => {
    it('starts the ceremony with no click; finish says completionType auto', async () => {
      const { m, create, finishType, stored } = await mount({ autoAppend: true });
      const complete = await m.event('corbado-append-complete');
      expect(complete).to.include({ status: 'complete', completionType: 'auto' });
      expect(
        create.calls.map((c) => c.mediation),
        'one modal create()',
      ).to.deep.equal([undefined]);
      expect(await finishType()).to.equal('auto');
      expect(await stored()).to.deep.equal(['auto']);
      expect(m.states()).to.deep.equal(['loading', 'ready', 'creating', 'finishing', 'success']);
    });

    it('a cancel falls back to the button silently: no message, no error, no second create; a click then works', async () => {
      // UV required + an authenticator that refuses it: a real NotAllowedError.
      const { m, create, stored } = await mount(
        { autoAppend: true, userVerification: 'required' },
        { authenticator: { isUserVerified: false }, attrs: { lang: 'en' } },
      );
      await waitFor(() => create.calls.length === 1 && create.calls[0]!.settled, 'the auto ceremony to settle');
      expect(create.calls[0]!.error).to.equal('NotAllowedError');
      await m.state('ready');
      // Give a loop every chance to show itself.
      await pause(LOOP_WINDOW_MS);
      expect(m.el.state, 'no second attempt').to.equal('ready');
      expect(create.calls, 'no second create()').to.have.length(1);
      expect(m.of('corbado-append-error')).to.deep.equal([]);
      expect(m.of('corbado-append-complete')).to.deep.equal([]);
      expect(m.of('corbado-append-skip')).to.deep.equal([]);
      expect(m.text('message'), 'no message').to.equal('');
      expect(m.part('message')!.getAttribute('role')).not.to.equal('alert');
      expect(m.states()).to.deep.equal(['loading', 'ready', 'creating', 'ready']);
      const primary = m.part('primary-button')!;
      expect(primary.getAttribute('aria-disabled')).to.equal('false');
      expect(primary.textContent!.trim()).to.equal(en.create);

      await authn.setUserVerified(m.authenticatorId!, true);
      primary.click();
      // No message was shown, so this is a plain manual attempt, not a manual-retry.
      expect((await m.event('corbado-append-complete')).completionType).to.equal('manual');
      expect(create.calls).to.have.length(2);
      expect(await stored()).to.deep.equal(['manual']);
    });
  });

  describe('conditionalAppend', () => {
    it('is attempted (mediation conditional) where getClientCapabilities reports conditionalCreate', async function () {
      await needs(this, 'conditionalCreate');
      const { m, create } = await mount({ conditionalAppend: true });
      expect((await m.event('corbado-append-ready')).conditionalAppend).to.equal(true);
      await waitFor(() => create.calls.length > 0, 'a create() call');
      expect(create.calls.map((c) => c.mediation)).to.deep.equal(['conditional']);
      expect(m.el.state, 'the offer is shown meanwhile').to.equal('ready');
      expect(m.part('primary-button')!.getAttribute('aria-disabled')).to.equal('false');
    });

    for (const [what, value] of [
      ['reports conditionalCreate false', async () => ({ conditionalCreate: false, conditionalGet: true })],
      ['does not have getClientCapabilities', undefined],
    ] as const) {
      it(`is never attempted where PublicKeyCredential ${what}`, async () => {
        stubProperty(PublicKeyCredential, 'getClientCapabilities', value);
        const { m, create } = await mount({ conditionalAppend: true });
        await m.event('corbado-append-ready');
        await m.state('ready');
        await pause(START_WINDOW_MS);
        expect(create.calls, 'no create() at all').to.have.length(0);
        m.click('primary-button');
        expect((await m.event('corbado-append-complete')).completionType).to.equal('manual');
        expect(create.calls.map((c) => c.mediation)).to.deep.equal([undefined]);
      });
    }

    it(`is time-boxed (${CONDITIONAL_TIMEBOX_MS} ms), then falls back to the offer silently`, async function () {
      await needs(this, 'conditionalCreate');
      this.timeout(CONDITIONAL_TIMEBOX_MS + 10_000);
      // native conditional create: never settles in headless Chromium
      const { m, create } = await mount({ conditionalAppend: true }, { attrs: { lang: 'en' } });
      await m.event('corbado-append-ready');
      await waitFor(() => create.calls.length > 0, 'the conditional create()');
      const call = create.calls[0]!;
      expect(call.mediation).to.equal('conditional');
      await waitFor(() => call.settled, 'the time-box', CONDITIONAL_TIMEBOX_MS + 5000);
      expect(call.abortedAt, 'ended by our abort').to.be.a('number');
      const boxed = call.abortedAt! - call.at;
      expect(boxed).to.be.within(CONDITIONAL_TIMEBOX_MS - 50, CONDITIONAL_TIMEBOX_MS + 2500);
      await pause(REACTION_MS);
      expect(m.el.state).to.equal('ready');
      expect(m.of('corbado-append-error')).to.deep.equal([]);
      expect(m.of('corbado-append-complete')).to.deep.equal([]);
      expect(m.text('message'), 'no message').to.equal('');
      expect(m.states()).to.deep.equal(['loading', 'ready']);
      expect(create.calls, 'no modal create() without autoAppend').to.have.length(1);

      m.click('primary-button');
      expect((await m.event('corbado-append-complete')).completionType).to.equal('manual');
    });

    it('a click during it aborts it first; the modal ceremony creates the passkey (manual)', async function () {
      await needs(this, 'conditionalCreate');
      const { m, create, finishType, stored } = await mount({ conditionalAppend: true });
      await m.event('corbado-append-ready');
      await waitFor(() => create.calls.length > 0, 'the conditional create()');
      const conditional = create.calls[0]!;
      expect(conditional.mediation).to.equal('conditional');
      await pause(START_WINDOW_MS); // it stays pending by itself
      expect(conditional.abortedAt, 'still pending before the click').to.equal(undefined);

      m.click('primary-button');
      expect(
        create.calls.map((c) => c.mediation),
        'modal create() in the click task',
      ).to.deep.equal(['conditional', undefined]);
      expect(conditional.abortedAt, 'conditional aborted').to.be.a('number');
      expect(conditional.abortedAt!).to.be.at.most(create.calls[1]!.at);

      const complete = await m.event('corbado-append-complete');
      expect(complete).to.include({ status: 'complete', completionType: 'manual' });
      expect(await finishType()).to.equal('manual');
      expect(await stored()).to.deep.equal(['manual']);
      expect(await authn.getCredentials(m.authenticatorId!)).to.have.length(1);
      expect(m.of('corbado-append-error')).to.deep.equal([]);
      expect(conditional.outcome).to.equal('rejected');
    });

    it('success finishes with completionType conditional (conditional create stubbed by a real modal one)', async function () {
      await needs(this, 'conditionalCreate');
      // STUB: headless Chromium never settles a conditional create (TOOLCHAIN.md), so its success
      // cannot happen here for real. The spy answers the conditional call with a real modal create()
      // made with the very same options on the virtual authenticator: a genuine attestation over the
      // server's challenge, which the emulator verifies and stores.
      const { m, create, finishType } = await mount({ conditionalAppend: true, autoAppend: true }, {}, { conditional: 'modal-stand-in' });
      const complete = await m.event('corbado-append-complete');
      expect(complete).to.include({ status: 'complete', completionType: 'conditional' });
      expect(
        create.calls.map((c) => c.mediation),
        'one conditional create, no modal one',
      ).to.deep.equal(['conditional']);
      expect(await finishType()).to.equal('conditional');
      const stored = await getCredentials(m.projectId);
      expect(stored.map((c) => c.completionType)).to.deep.equal(['conditional']);
      expect((await authn.getCredentials(m.authenticatorId!)).map((c) => c.credentialId)).to.deep.equal([stored[0]!.id]);
      expect(m.states()).to.deep.equal(['loading', 'ready', 'finishing', 'success']);
    });
  });
});
