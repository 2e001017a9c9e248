/**
 * `autoAppend` and `conditionalAppend` (DESIGN.md, "Server decisions"): ceremonies the element
 * starts without a click, and how each falls back silently. Real Chromium, the same-origin
 * emulator, the CDP virtual authenticator; `navigator.credentials.create` is wrapped (pass-through)
 * to count calls and see their `mediation` and abort signal.
 */
import { expect } from '@open-wc/testing';
import { CONDITIONAL_TIMEBOX_MS } from '../../src/flow/controller.js';
import { en } from '../../src/components/messages.js';
import { getCredentials, getRequests, setScenario, uniqueProjectId } from '../helpers/emulator.js';
import { mountAppend, until, type Mounted } from '../helpers/element.js';
import { pause, spyCreate, stubPublicKeyCredential, type CreateSpy } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

describe('server decisions: autoAppend and conditionalAppend', () => {
  let authenticatorId: string;
  let m: Mounted | undefined;
  let create: CreateSpy | undefined;
  let stub: { restore(): void } | undefined;

  beforeEach(async () => {
    authenticatorId = await authn.addAuthenticator();
  });
  afterEach(async () => {
    m?.remove();
    create?.restore();
    stub?.restore();
    m = create = stub = undefined;
    await authn.clearAuthenticators();
  });

  const finishBody = async (projectId: string) =>
    (await getRequests(projectId)).find(r => r.path === '/v2/connect/append/finish')?.body as
      | { completionType: string }
      | undefined;

  describe('autoAppend', () => {
    it('starts the ceremony with no click; finish says completionType auto', async () => {
      const projectId = uniqueProjectId();
      await setScenario(projectId, { autoAppend: true });
      create = spyCreate();
      m = mountAppend(projectId);
      const complete = await m.next('corbado-append-complete');
      expect(complete).to.include({ status: 'complete', completionType: 'auto' });
      expect(create.calls.map(c => c.mediation), 'one modal create()').to.deep.equal([undefined]);
      expect((await finishBody(projectId))!.completionType).to.equal('auto');
      expect((await getCredentials(projectId)).map(c => c.completionType)).to.deep.equal(['auto']);
      expect(m.of('corbado-append-state').map(s => s.state)).to.deep.equal(['loading', 'ready', 'creating', 'finishing', 'success']);
    });

    it('a cancel falls back to the button silently: no message, no error, no second create; a click then works', async () => {
      const projectId = uniqueProjectId();
      // UV required + an authenticator that refuses it: a real NotAllowedError.
      await setScenario(projectId, { autoAppend: true, userVerification: 'required' });
      await authn.setUserVerified(authenticatorId, false);
      create = spyCreate();
      m = mountAppend(projectId, { attrs: { lang: 'en' } });
      await until(() => create!.calls.length === 1 && create!.calls[0]!.outcome !== undefined, 'the auto ceremony to settle');
      expect(create.calls[0]!.error).to.equal('NotAllowedError');
      await m.state('ready');
      // Give a loop every chance to show itself.
      await until(() => m!.el.state !== 'ready', 'a second attempt', 700).then(
        () => expect.fail(`state went to ${m!.el.state}`),
        () => undefined,
      );
      expect(create.calls, 'no second create()').to.have.length(1);
      expect(m.of('corbado-append-error')).to.deep.equal([]);
      expect(m.of('corbado-append-complete')).to.deep.equal([]);
      expect(m.of('corbado-append-skip')).to.deep.equal([]);
      expect(m.part('message')!.textContent!.trim(), 'no message').to.equal('');
      expect(m.part('message')!.getAttribute('role')).not.to.equal('alert');
      expect(m.of('corbado-append-state').map(s => s.state)).to.deep.equal(['loading', 'ready', 'creating', 'ready']);
      const primary = m.part<HTMLButtonElement>('primary-button')!;
      expect(primary.disabled).to.equal(false);
      expect(primary.textContent!.trim()).to.equal(en.create);

      await authn.setUserVerified(authenticatorId, true);
      primary.click();
      // No message was shown, so this is a plain manual attempt, not a manual-retry.
      expect((await m.next('corbado-append-complete')).completionType).to.equal('manual');
      expect(create.calls).to.have.length(2);
      expect((await getCredentials(projectId)).map(c => c.completionType)).to.deep.equal(['manual']);
    });
  });

  describe('conditionalAppend', () => {
    it('is attempted (mediation conditional) where getClientCapabilities reports conditionalCreate', async () => {
      const caps = await (PublicKeyCredential as unknown as { getClientCapabilities(): Promise<Record<string, boolean>> }).getClientCapabilities();
      expect(caps.conditionalCreate, 'this Chromium reports conditionalCreate').to.equal(true);
      const projectId = uniqueProjectId();
      await setScenario(projectId, { conditionalAppend: true });
      create = spyCreate();
      m = mountAppend(projectId);
      expect((await m.next('corbado-append-ready')).conditionalAppend).to.equal(true);
      await until(() => create!.calls.length > 0, 'a create() call');
      expect(create.calls.map(c => c.mediation)).to.deep.equal(['conditional']);
      expect(m.el.state, 'the offer is shown meanwhile').to.equal('ready');
      expect(m.part<HTMLButtonElement>('primary-button')!.disabled).to.equal(false);
    });

    for (const [what, value] of [
      ['reports conditionalCreate false', async () => ({ conditionalCreate: false, conditionalGet: true })],
      ['does not have getClientCapabilities', undefined],
    ] as const) {
      it(`is never attempted where PublicKeyCredential ${what}`, async () => {
        stub = stubPublicKeyCredential('getClientCapabilities', value);
        const projectId = uniqueProjectId();
        await setScenario(projectId, { conditionalAppend: true });
        create = spyCreate();
        m = mountAppend(projectId);
        await m.next('corbado-append-ready');
        await m.state('ready');
        await pause(100);
        expect(create.calls, 'no create() at all').to.have.length(0);
        m.part<HTMLButtonElement>('primary-button')!.click();
        expect((await m.next('corbado-append-complete')).completionType).to.equal('manual');
        expect(create.calls.map(c => c.mediation)).to.deep.equal([undefined]);
      });
    }

    it(`is time-boxed (${CONDITIONAL_TIMEBOX_MS} ms), then falls back to the offer silently`, async function () {
      this.timeout(CONDITIONAL_TIMEBOX_MS + 10_000);
      const projectId = uniqueProjectId();
      await setScenario(projectId, { conditionalAppend: true });
      create = spyCreate(); // native conditional create: never settles in headless Chromium
      m = mountAppend(projectId, { attrs: { lang: 'en' } });
      await m.next('corbado-append-ready');
      await until(() => create!.calls.length > 0, 'the conditional create()');
      const call = create.calls[0]!;
      expect(call.mediation).to.equal('conditional');
      await until(() => call.outcome !== undefined, 'the time-box', CONDITIONAL_TIMEBOX_MS + 5000);
      expect(call.abortedAt, 'ended by our abort').to.be.a('number');
      const boxed = call.abortedAt! - call.at;
      expect(boxed).to.be.within(CONDITIONAL_TIMEBOX_MS - 50, CONDITIONAL_TIMEBOX_MS + 2500);
      await pause(50);
      expect(m.el.state).to.equal('ready');
      expect(m.of('corbado-append-error')).to.deep.equal([]);
      expect(m.of('corbado-append-complete')).to.deep.equal([]);
      expect(m.part('message')!.textContent!.trim(), 'no message').to.equal('');
      expect(m.of('corbado-append-state').map(s => s.state)).to.deep.equal(['loading', 'ready']);
      expect(create.calls, 'no modal create() without autoAppend').to.have.length(1);

      m.part<HTMLButtonElement>('primary-button')!.click();
      expect((await m.next('corbado-append-complete')).completionType).to.equal('manual');
    });

    it('a click during it aborts it first; the modal ceremony creates the passkey (manual)', async () => {
      const projectId = uniqueProjectId();
      await setScenario(projectId, { conditionalAppend: true });
      create = spyCreate();
      m = mountAppend(projectId);
      await m.next('corbado-append-ready');
      await until(() => create!.calls.length > 0, 'the conditional create()');
      const conditional = create.calls[0]!;
      expect(conditional.mediation).to.equal('conditional');
      await pause(100);
      expect(conditional.abortedAt, 'still pending before the click').to.equal(undefined);

      m.part<HTMLButtonElement>('primary-button')!.click();
      expect(create.calls.map(c => c.mediation), 'modal create() in the click task').to.deep.equal(['conditional', undefined]);
      expect(conditional.abortedAt, 'conditional aborted').to.be.a('number');
      expect(conditional.abortedAt!).to.be.at.most(create.calls[1]!.at);

      const complete = await m.next('corbado-append-complete');
      expect(complete).to.include({ status: 'complete', completionType: 'manual' });
      expect((await finishBody(projectId))!.completionType).to.equal('manual');
      expect((await getCredentials(projectId)).map(c => c.completionType)).to.deep.equal(['manual']);
      expect((await authn.getCredentials(authenticatorId))).to.have.length(1);
      expect(m.of('corbado-append-error')).to.deep.equal([]);
      expect(conditional.outcome).to.equal('rejected');
    });

    it('success finishes with completionType conditional (conditional create stubbed by a real modal one)', async () => {
      // STUB: headless Chromium never settles a conditional create (TOOLCHAIN.md), so its success
      // cannot happen here for real. The spy answers the conditional call with a real modal create()
      // made with the very same options on the virtual authenticator: a genuine attestation over the
      // server's challenge, which the emulator verifies and stores.
      const projectId = uniqueProjectId();
      await setScenario(projectId, { conditionalAppend: true, autoAppend: true });
      create = spyCreate({ conditional: 'modal-stand-in' });
      m = mountAppend(projectId);
      const complete = await m.next('corbado-append-complete');
      expect(complete).to.include({ status: 'complete', completionType: 'conditional' });
      expect(create.calls.map(c => c.mediation), 'one conditional create, no modal one').to.deep.equal(['conditional']);
      expect((await finishBody(projectId))!.completionType).to.equal('conditional');
      const stored = await getCredentials(projectId);
      expect(stored.map(c => c.completionType)).to.deep.equal(['conditional']);
      expect((await authn.getCredentials(authenticatorId)).map(c => c.credentialId)).to.deep.equal([stored[0]!.id]);
      expect(m.of('corbado-append-state').map(s => s.state)).to.deep.equal(['loading', 'ready', 'finishing', 'success']);
    });

    it('a background refresh aborts a pending conditional create before its start voids the challenge', async () => {
      // Options living ~3 s are refreshed after ~2 s, inside the conditional time-box.
      const projectId = uniqueProjectId();
      await setScenario(projectId, { conditionalAppend: true, ttlMs: 3500 });
      create = spyCreate(); // native conditional create: pending until aborted
      m = mountAppend(projectId);
      await until(() => create!.calls.length > 0, 'the conditional create()');
      const starts = async () => (await getRequests(projectId)).filter(r => r.path === '/v2/connect/append/start');
      const deadline = Date.now() + CONDITIONAL_TIMEBOX_MS;
      while ((await starts()).length < 2) {
        expect(Date.now(), 'a refresh before the time-box ends').to.be.below(deadline);
        await pause(20);
      }
      const refreshAt = (await starts())[1]!.at;
      const conditional = create.calls[0]!;
      expect(conditional.abortedWall, 'conditional create aborted by the refresh').to.be.a('number');
      expect(conditional.abortedWall!).to.be.at.most(refreshAt);
      expect(m.of('corbado-append-error')).to.have.length(0);
    });
  });
});
