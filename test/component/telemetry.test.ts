/**
 * Telemetry to `POST /v2/connect/events` (the append subset of Corbado's passkey event types):
 * what the element reports, checked in the emulator's event log, and that a slow or failing events
 * endpoint never holds back the UI, the element's events or the page's callbacks.
 * Real Chromium, the same-origin emulator, the CDP virtual authenticator.
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/components/messages.js';
import { getEvents, setScenario, uniqueProjectId, type EmulatorEvent } from '../helpers/emulator.js';
import { mountAppend, until, type Mounted } from '../helpers/element.js';
import { spyCreate, spyFetch, type CreateSpy, type FetchSpy } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

const EVENTS = '/v2/connect/events';

/** Polls the emulator's event log until `eventType` shows up. */
async function eventLogged(projectId: string, eventType: string, timeoutMs = 5000): Promise<EmulatorEvent[]> {
  const t0 = performance.now();
  for (;;) {
    const events = await getEvents(projectId);
    if (events.some(e => e.eventType === eventType)) return events;
    if (performance.now() - t0 > timeoutMs) {
      throw new Error(`no ${eventType} in the event log: ${JSON.stringify(events.map(e => e.eventType))}`);
    }
    await new Promise(r => setTimeout(r, 25));
  }
}

describe('telemetry (/v2/connect/events)', () => {
  let authenticatorId: string;
  let m: Mounted | undefined;
  let create: CreateSpy | undefined;
  let fetchSpy: FetchSpy | undefined;

  beforeEach(async () => {
    authenticatorId = await authn.addAuthenticator();
  });
  afterEach(async () => {
    m?.remove();
    create?.restore();
    fetchSpy?.restore();
    m = create = fetchSpy = undefined;
    await authn.clearAuthenticators();
  });

  /** Creates a passkey for the project's demo user on this authenticator (a first visit). */
  async function registerOnce(projectId: string) {
    const first = mountAppend(projectId);
    await first.state('ready');
    first.part<HTMLButtonElement>('primary-button')!.click();
    expect((await first.next('corbado-append-complete')).status).to.equal('complete');
    first.remove();
  }

  describe('what is reported', () => {
    it('skip click → append-explicit-abort (with the process)', async () => {
      const projectId = uniqueProjectId();
      m = mountAppend(projectId);
      await m.state('ready');
      m.part<HTMLButtonElement>('skip-button')!.click();
      const events = await eventLogged(projectId, 'append-explicit-abort');
      expect(events.map(e => e.eventType)).to.deep.equal(['append-explicit-abort']);
      expect(events[0]!.processId).to.be.a('string').and.not.equal('');
    });

    it('learn more → append-learn-more', async () => {
      const projectId = uniqueProjectId();
      m = mountAppend(projectId);
      await m.state('ready');
      m.part<HTMLButtonElement>('learn-more-button')!.click();
      const events = await eventLogged(projectId, 'append-learn-more');
      expect(events.map(e => e.eventType)).to.deep.equal(['append-learn-more']);
    });

    it('passkey already on this authenticator → append-credential-exists', async () => {
      const projectId = uniqueProjectId();
      await registerOnce(projectId);
      expect(await getEvents(projectId), 'a plain success reports nothing').to.deep.equal([]);
      m = mountAppend(projectId);
      await m.state('ready');
      m.part<HTMLButtonElement>('primary-button')!.click();
      expect((await m.next('corbado-append-complete')).status).to.equal('complete-noop');
      const events = await eventLogged(projectId, 'append-credential-exists');
      expect(events.map(e => e.eventType)).to.deep.equal(['append-credential-exists']);
    });

    it('cancel (user verification refused) → append-error', async () => {
      const projectId = uniqueProjectId();
      // UV required + an authenticator that refuses it: a real NotAllowedError.
      await setScenario(projectId, { userVerification: 'required' });
      await authn.setUserVerified(authenticatorId, false);
      create = spyCreate();
      m = mountAppend(projectId);
      await m.state('ready');
      m.part<HTMLButtonElement>('primary-button')!.click();
      const events = await eventLogged(projectId, 'append-error');
      expect(events.map(e => e.eventType)).to.deep.equal(['append-error']);
      expect(create.calls[0]!.error).to.equal('NotAllowedError');
    });
  });

  for (const fault of ['timeout', 'http-500'] as const) {
    describe(`events endpoint ${fault === 'timeout' ? 'never answering (timeout fault)' : 'failing (http-500)'}`, () => {
      /** Mounts with the events endpoint broken and a spy on fetch; returns the callbacks' log. */
      async function mountBroken(projectId: string) {
        await setScenario(projectId, { faults: { events: fault }, userVerification: 'required' });
        fetchSpy = spyFetch();
        const callbacks: string[] = [];
        m = mountAppend(projectId, {
          attrs: { lang: 'en' },
          props: {
            onSkip: status => callbacks.push(`skip:${status}`),
            onComplete: status => callbacks.push(`complete:${status}`),
            onError: code => callbacks.push(`error:${code}`),
          },
        });
        await m.state('ready');
        return callbacks;
      }
      const eventsSent = () => fetchSpy!.of(EVENTS);

      it('skip: the skip event and onSkip come in the click itself', async () => {
        const callbacks = await mountBroken(uniqueProjectId());
        m!.part<HTMLButtonElement>('skip-button')!.click();
        expect(m!.of('corbado-append-skip')).to.deep.equal([{ status: 'skip-explicit', reason: 'user-skipped' }]);
        expect(callbacks).to.deep.equal(['skip:skip-explicit']);
        expect(m!.el.state).to.equal('skipped');
        expect(eventsSent().map(c => c.body.eventType), 'the report was attempted').to.deep.equal(['append-explicit-abort']);
        expect(m!.of('corbado-append-error')).to.deep.equal([]);
      });

      it('learn more: the explanation shows at once', async () => {
        await mountBroken(uniqueProjectId());
        m!.part<HTMLButtonElement>('learn-more-button')!.click();
        await m!.el.updateComplete;
        expect(m!.part('title')!.textContent!.trim()).to.equal(en.learnMoreTitle);
        expect(eventsSent().map(c => c.body.eventType)).to.deep.equal(['append-learn-more']);
        if (fault === 'timeout') expect(eventsSent()[0]!.response, 'still unanswered').to.equal(undefined);
        expect(m!.of('corbado-append-error')).to.deep.equal([]);
      });

      it('already registered: complete-noop and onComplete without waiting for the report', async () => {
        const projectId = uniqueProjectId();
        await registerOnce(projectId);
        const callbacks = await mountBroken(projectId);
        const t0 = performance.now();
        m!.part<HTMLButtonElement>('primary-button')!.click();
        await m!.next('corbado-append-complete');
        // The client's own request timeout is 10 s: waiting for the report would show here.
        expect(performance.now() - t0).to.be.below(3000);
        expect(callbacks).to.deep.equal(['complete:complete-noop']);
        expect(eventsSent().map(c => c.body.eventType)).to.deep.equal(['append-credential-exists']);
        await m!.state('success');
        expect(m!.of('corbado-append-error')).to.deep.equal([]);
      });

      it('cancel: back to the offer with its message without waiting for the report', async () => {
        await authn.setUserVerified(authenticatorId, false);
        create = spyCreate();
        const callbacks = await mountBroken(uniqueProjectId());
        const t0 = performance.now();
        m!.part<HTMLButtonElement>('primary-button')!.click();
        await until(() => m!.part('message')!.textContent!.trim() === en.cancelled, 'the cancel message', 5000);
        expect(performance.now() - t0).to.be.below(3000);
        expect(m!.el.state).to.equal('ready');
        expect(eventsSent().map(c => c.body.eventType)).to.deep.equal(['append-error']);
        expect(callbacks, 'onError hears of the cancel at once').to.deep.equal(['error:ceremony-cancelled']);

        // … and the retry still completes, while the report of the cancel is still pending/failed.
        await authn.setUserVerified(authenticatorId, true);
        m!.part<HTMLButtonElement>('primary-button')!.click();
        expect((await m!.next('corbado-append-complete')).completionType).to.equal('manual-retry');
        expect(callbacks).to.deep.equal(['error:ceremony-cancelled', 'complete:complete']);
      });
    });
  }
});
