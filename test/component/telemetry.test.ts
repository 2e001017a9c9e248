/**
 * Telemetry to `POST /v2/connect/events` (the append subset of Corbado's passkey event types):
 * what the element reports, checked in the emulator's event log, and that a slow or failing events
 * endpoint never holds back the UI, the element's events or the page's callbacks.
 * Real Chromium, the same-origin emulator, the CDP virtual authenticator.
 */
import { expect } from '@open-wc/testing';
import { en } from '../../src/strings.js';
import { getEvents, uniqueProjectId, type EmulatorEvent } from '../helpers/emulator.js';
import { appendFixture, registerPasskey, waitFor, type FixtureOptions } from '../helpers/fixture.js';
import { HUMAN_CANCEL_MS, spyCreate, spyFetch } from '../helpers/spies.js';
import * as authn from '../helpers/webauthn.js';

const EVENTS = '/v2/connect/events';

/** Waits until the emulator's event log of the project shows `eventType`; returns the log. */
async function eventLogged(projectId: string, eventType: string): Promise<EmulatorEvent[]> {
  let events: EmulatorEvent[] = [];
  await waitFor(async () => (events = await getEvents(projectId)).some((e) => e.eventType === eventType), `${eventType} in the event log`);
  return events;
}

/** Mounts, waits for ready, clicks `part`; returns the event log once it shows `eventType`. */
async function reported(part: string, eventType: string, opts: FixtureOptions = {}) {
  const m = await appendFixture(opts);
  await m.state('ready');
  m.click(part);
  return { m, events: await eventLogged(m.projectId, eventType) };
}

describe('telemetry (/v2/connect/events)', () => {
  describe('what is reported', () => {
    it('skip click → append-explicit-abort (with the process)', async () => {
      const { events } = await reported('skip-button', 'append-explicit-abort');
      expect(events.map((e) => e.eventType)).to.deep.equal(['append-explicit-abort']);
      expect(events[0]!.processId).to.be.a('string').and.not.equal('');
    });

    it('learn more → append-learn-more', async () => {
      const { events } = await reported('learn-more-button', 'append-learn-more');
      expect(events.map((e) => e.eventType)).to.deep.equal(['append-learn-more']);
    });

    it('passkey already on this authenticator → append-credential-exists', async () => {
      const projectId = uniqueProjectId();
      await registerPasskey(projectId);
      expect(await getEvents(projectId), 'a plain success reports nothing').to.deep.equal([]);
      const { m, events } = await reported('primary-button', 'append-credential-exists', { projectId });
      expect((await m.event('corbado-append-complete')).status).to.equal('complete-noop');
      expect(events.map((e) => e.eventType)).to.deep.equal(['append-credential-exists']);
    });

    it('cancel (user verification refused) → append-error', async () => {
      // UV required + an authenticator that refuses it: a real NotAllowedError.
      const create = spyCreate();
      const scenario = { userVerification: 'required' } as const;
      const { events } = await reported('primary-button', 'append-error', { scenario, authenticator: { isUserVerified: false } });
      expect(events.map((e) => e.eventType)).to.deep.equal(['append-error']);
      expect(create.calls[0]!.error).to.equal('NotAllowedError');
    });
  });

  for (const fault of ['timeout', 'http-500'] as const) {
    describe(`events endpoint ${fault === 'timeout' ? 'never answering (timeout fault)' : 'failing (http-500)'}`, () => {
      /** Mounts with the events endpoint broken and a spy on fetch; returns the callbacks' log. */
      async function mountBroken(opts: FixtureOptions = {}) {
        const net = spyFetch();
        const callbacks: string[] = [];
        const m = await appendFixture({
          ...opts,
          scenario: { faults: { events: fault }, userVerification: 'required' },
          attrs: { lang: 'en' },
          props: {
            onSkip: (status) => callbacks.push(`skip:${status}`),
            onComplete: (status) => callbacks.push(`complete:${status}`),
            onError: (code) => callbacks.push(`error:${code}`),
          },
        });
        await m.state('ready');
        const eventsSent = () => net.api(EVENTS);
        return { m, callbacks, eventsSent };
      }

      it('skip: the skip event and onSkip come in the click itself', async () => {
        const { m, callbacks, eventsSent } = await mountBroken();
        m.click('skip-button');
        expect(m.of('corbado-append-skip')).to.deep.equal([{ status: 'skip-explicit', reason: 'user-skipped' }]);
        expect(callbacks).to.deep.equal(['skip:skip-explicit']);
        expect(m.el.state).to.equal('skipped');
        expect(
          eventsSent().map((c) => c.body.eventType),
          'the report was attempted',
        ).to.deep.equal(['append-explicit-abort']);
        expect(m.of('corbado-append-error')).to.deep.equal([]);
      });

      it('learn more: the explanation shows at once', async () => {
        const { m, eventsSent } = await mountBroken();
        m.click('learn-more-button');
        await m.el.updateComplete;
        expect(m.text('title')).to.equal(en.learnMoreTitle);
        expect(eventsSent().map((c) => c.body.eventType)).to.deep.equal(['append-learn-more']);
        if (fault === 'timeout') expect(eventsSent()[0]!.response, 'still unanswered').to.equal(undefined);
        expect(m.of('corbado-append-error')).to.deep.equal([]);
      });

      it('already registered: complete-noop and onComplete without waiting for the report', async () => {
        const projectId = uniqueProjectId();
        await registerPasskey(projectId);
        const { m, callbacks, eventsSent } = await mountBroken({ projectId });
        const t0 = performance.now();
        m.click('primary-button');
        await m.event('corbado-append-complete');
        // The client's own request timeout is 10 s: waiting for the report would show here.
        expect(performance.now() - t0).to.be.below(3000);
        expect(callbacks).to.deep.equal(['complete:complete-noop']);
        expect(eventsSent().map((c) => c.body.eventType)).to.deep.equal(['append-credential-exists']);
        await m.state('success');
        expect(m.of('corbado-append-error')).to.deep.equal([]);
      });

      it('cancel: back to the offer with its message without waiting for the report', async () => {
        spyCreate({ settleAfterMs: HUMAN_CANCEL_MS }); // refused user verification, as slow as a person's cancel
        const { m, callbacks, eventsSent } = await mountBroken({ authenticator: { isUserVerified: false } });
        const t0 = performance.now();
        m.click('primary-button');
        await waitFor(() => m.text('message') === en.cancelled, 'the cancel message');
        expect(performance.now() - t0).to.be.below(3000);
        expect(m.el.state).to.equal('ready');
        expect(eventsSent().map((c) => c.body.eventType)).to.deep.equal(['append-error']);
        expect(eventsSent()[0]!.body.message, 'named: a user cancel').to.equal('user-cancel');
        expect(callbacks, 'onError hears of the cancel at once').to.deep.equal(['error:ceremony-cancelled']);

        // … and the retry still completes, while the report of the cancel is still pending/failed.
        await authn.setUserVerified(m.authenticatorId!, true);
        m.click('primary-button');
        expect((await m.event('corbado-append-complete')).completionType).to.equal('manual-retry');
        expect(callbacks).to.deep.equal(['error:ceremony-cancelled', 'complete:complete']);
      });
    });
  }
});
