/**
 * The table of legal moves (`src/flow/transition.ts`) before and around the offer: idle,
 * loading, ready, renewing — under Node, pure data in, pure data out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transition } from '../../src/flow/transition.js';
import type { FlowEvent, FlowState } from '../../src/flow/types.js';
import { assertSkippedAtStart, kinds, emitted, reported, tracked } from './moves.js';
import { T0, creating, error, finishing, offer, ready, response } from './fixtures.js';

describe('idle', () => {
  it('start → loading, init', () => {
    const { state, effects } = transition({ name: 'idle' }, { type: 'start' });
    assert.equal(state.name, 'loading');
    assert.deepEqual(kinds(effects), ['init']);
  });
  it('start with WebAuthn unsupported → skipped (skip-implicit, unsupported), no request, no error', () => {
    assertSkippedAtStart('unsupported');
  });
  it('start with a bad config → reported, then skipped (error)', () => {
    const { state, effects } = transition({ name: 'idle' }, { type: 'start', problem: error('config-invalid') });
    assert.deepEqual(state, { name: 'skipped', reason: 'error' });
    assert.deepEqual(
      reported(effects).map((e) => e.code),
      ['config-invalid'],
    );
    assert.deepEqual(kinds(effects), ['stop', 'report', 'emit:corbado-append-skip', 'focus:after']);
  });
});

describe('loading', () => {
  const loading: FlowState = { name: 'loading' };
  it('init allows append → load the offer', () => {
    const { state, effects } = transition(loading, { type: 'init-done', appendAllowed: true });
    assert.equal(state, loading);
    assert.deepEqual(kinds(effects), ['load-offer']);
  });
  it('init refuses → skipped append-not-allowed', () => {
    const { state, effects } = transition(loading, { type: 'init-done', appendAllowed: false });
    assert.deepEqual(state, { name: 'skipped', reason: 'append-not-allowed' });
    assert.deepEqual(emitted(effects, 'corbado-append-skip')!.detail, { status: 'skip-implicit', reason: 'append-not-allowed' });
  });
  it('no options ("") → skipped passkey-intel-denied', () => {
    assert.deepEqual(transition(loading, { type: 'no-offer' }).state, { name: 'skipped', reason: 'passkey-intel-denied' });
  });
  it('a failure before the offer → reported (final: not recoverable, though a retry might have helped) and skipped quietly', () => {
    const { state, effects } = transition(loading, {
      type: 'load-failed',
      error: error('api-unavailable', { recoverable: true, requestId: 'r1' }),
      now: T0,
    });
    assert.deepEqual(state, { name: 'skipped', reason: 'error' });
    assert.deepEqual(
      reported(effects).map((e) => [e.code, e.recoverable, e.requestId]),
      [['api-unavailable', false, 'r1']],
    );
  });
  it('a kept process refused (4xx) → once afresh: init that forgets it; anything else on it → reported and skipped', () => {
    const kept = transition(loading, { type: 'init-done', appendAllowed: true, kept: true }).state;
    assert.deepEqual(kept, { name: 'loading', kept: true });
    assert.deepEqual(transition(kept, { type: 'load-failed', error: error('api-rejected'), now: T0 }), {
      state: { name: 'loading' },
      effects: [{ type: 'init', fresh: true }],
    });
    for (const code of ['api-unavailable', 'token-unavailable', 'options-invalid'] as const) {
      assert.deepEqual(
        transition(kept, { type: 'load-failed', error: error(code), now: T0 }).state,
        { name: 'skipped', reason: 'error' },
        code,
      );
    }
    const fresh = transition(loading, { type: 'load-failed', error: error('api-rejected'), now: T0 });
    assert.deepEqual(fresh.state, { name: 'skipped', reason: 'error' }, 'not kept: no second init');
  });
  it('an offer → ready, clock armed, ready event with the server decisions', () => {
    const o = offer({ start: { variant: 'after-hybrid', customData: { a: '1' } } });
    const { state, effects } = transition(loading, { type: 'offer', offer: o, conditionalCreate: false });
    assert.deepEqual(state, ready({ offer: o }));
    assert.deepEqual(kinds(effects), ['later:refresh', 'later:expiry', 'emit:corbado-append-ready']);
    assert.deepEqual(effects.slice(0, 2), [
      { type: 'later', slot: 'refresh', atMs: o.refreshAtMs, event: { type: 'refresh-due' } },
      { type: 'later', slot: 'expiry', atMs: o.deadlineMs, event: { type: 'expired' } },
    ]);
    assert.deepEqual(emitted(effects, 'corbado-append-ready')!.detail, {
      variant: 'after-hybrid',
      autoAppend: false,
      conditionalAppend: false,
      isRestrictedBrowser: false,
      customData: { a: '1' },
    });
  });
  it('customData absent → {} on the ready event', () => {
    const { effects } = transition(loading, { type: 'offer', offer: offer(), conditionalCreate: false });
    assert.deepEqual((emitted(effects, 'corbado-append-ready')!.detail as { customData: object }).customData, {});
  });
  it('autoAppend → the auto event next (ready is observable first)', () => {
    const o = offer({ start: { autoAppend: true } });
    const { state, effects } = transition(loading, { type: 'offer', offer: o, conditionalCreate: true });
    assert.equal(state.name, 'ready');
    assert.deepEqual(effects.at(-1), { type: 'then', event: { type: 'auto' } });
  });
  it('conditionalAppend where the browser can → conditional create, silently', () => {
    const o = offer({ start: { conditionalAppend: true, autoAppend: true } });
    const { state, effects } = transition(loading, { type: 'offer', offer: o, conditionalCreate: true });
    assert.deepEqual(state, ready({ offer: o, conditional: true }));
    assert.deepEqual(kinds(effects), ['later:refresh', 'later:expiry', 'emit:corbado-append-ready', 'create-conditional', 'later:timebox']);
  });
  it('conditionalAppend where the browser cannot → no conditional create (autoAppend still applies)', () => {
    const o = offer({ start: { conditionalAppend: true, autoAppend: true } });
    const { effects } = transition(loading, { type: 'offer', offer: o, conditionalCreate: false });
    assert.ok(!kinds(effects).includes('create-conditional'));
    assert.deepEqual(effects.at(-1), { type: 'then', event: { type: 'auto' } });
  });
  it('a restricted browser → neither auto nor conditional create', () => {
    const o = offer({ start: { conditionalAppend: true, autoAppend: true, isRestrictedBrowser: true } });
    const { state, effects } = transition(loading, { type: 'offer', offer: o, conditionalCreate: true });
    assert.deepEqual(state, ready({ offer: o }));
    assert.deepEqual(kinds(effects), ['later:refresh', 'later:expiry', 'emit:corbado-append-ready']);
  });
  it('a click or skip while nothing is shown changes nothing', () => {
    for (const event of [{ type: 'click', now: T0 }, { type: 'skip' }] as FlowEvent[]) {
      assert.deepEqual(transition(loading, event), { state: loading, effects: [] });
    }
  });
});

describe('ready', () => {
  it('click → creating (manual), create() now', () => {
    const s = ready();
    const { state, effects } = transition(s, { type: 'click', now: T0 });
    assert.deepEqual(state, creating({ offer: s.offer }));
    assert.deepEqual(kinds(effects), ['create', 'later:watchdog']);
  });
  it('click after a notice → manual-retry', () => {
    const { state } = transition(ready({ retry: true, notice: 'ceremony-cancelled' }), { type: 'click', now: T0 });
    assert.equal(state.name === 'creating' && state.completionType, 'manual-retry');
    assert.equal(state.name === 'creating' && state.notice, undefined, 'the notice goes with the new attempt');
  });
  it('click during conditional create → it is aborted first, then the modal create()', () => {
    const { effects } = transition(ready({ conditional: true }), { type: 'click', now: T0 });
    assert.deepEqual(kinds(effects), ['abort:conditional', 'cancel:timebox', 'create', 'later:watchdog']);
  });
  it('click while fresh options are on their way → nothing (their start voids this challenge)', () => {
    const s = ready({ refreshing: true });
    assert.deepEqual(transition(s, { type: 'click', now: T0 }), { state: s, effects: [] });
  });
  it('click after the deadline (timers late, device slept) → never create(): renew, and say so', () => {
    const s = ready();
    const { state, effects } = transition(s, { type: 'click', now: s.offer.deadlineMs });
    assert.equal(state.name, 'renewing');
    assert.equal(state.name === 'renewing' && state.announce, true);
    assert.deepEqual(kinds(effects), ['load-offer']);
  });
  it('click after the deadline without a token provider → the final expired error', () => {
    const s = ready({ offer: offer({ renewable: false }) });
    const { state, effects } = transition(s, { type: 'click', now: s.offer.deadlineMs + 1 });
    assert.equal(state.name === 'error' && state.error.code, 'expired');
    assert.ok(!kinds(effects).includes('create'));
  });
  it('auto → creating (auto)', () => {
    const { state, effects } = transition(ready(), { type: 'auto' });
    assert.equal(state.name === 'creating' && state.completionType, 'auto');
    assert.deepEqual(kinds(effects), ['create', 'later:watchdog']);
  });
  it('skip → skipped (skip-explicit, user-skipped), reported to Corbado, everything stopped', () => {
    const { state, effects } = transition(ready({ conditional: true }), { type: 'skip' });
    assert.deepEqual(state, { name: 'skipped', reason: 'user-skipped' });
    assert.deepEqual(kinds(effects), ['stop', 'track', 'snooze', 'emit:corbado-append-skip', 'focus:after']);
    assert.deepEqual(tracked(effects), ['append-explicit-abort']);
    assert.deepEqual(emitted(effects, 'corbado-append-skip')!.detail, { status: 'skip-explicit', reason: 'user-skipped' });
  });
  it('learn more → telemetry only', () => {
    const s = ready();
    const { state, effects } = transition(s, { type: 'learn-more' });
    assert.equal(state, s);
    assert.deepEqual(tracked(effects), ['append-learn-more']);
  });
  it('refresh due → refreshing (busy), conditional create aborted, a new offer loaded', () => {
    const { state, effects } = transition(ready({ conditional: true }), { type: 'refresh-due' });
    assert.deepEqual(state, ready({ refreshing: true, conditional: false }));
    assert.deepEqual(kinds(effects), ['abort:conditional', 'cancel:timebox', 'load-offer']);
  });
  it('refresh due without a token provider, or already refreshing → nothing', () => {
    for (const s of [ready({ offer: offer({ renewable: false }) }), ready({ refreshing: true })]) {
      assert.deepEqual(transition(s, { type: 'refresh-due' }), { state: s, effects: [] });
    }
  });
  it('expired → renewing (shown as loading), quietly', () => {
    const { state, effects } = transition(ready({ notice: 'ceremony-cancelled', retry: true }), { type: 'expired' });
    assert.equal(state.name, 'renewing');
    assert.equal(state.name === 'renewing' && state.announce, false);
    assert.equal(state.name === 'renewing' && state.notice, 'ceremony-cancelled', 'the notice stays');
    assert.deepEqual(kinds(effects), ['load-offer']);
  });
  it('expired without a token provider → final expired error', () => {
    const { state, effects } = transition(ready({ offer: offer({ renewable: false }), conditional: true }), { type: 'expired' });
    assert.equal(state.name === 'error' && state.error.code, 'expired');
    assert.deepEqual(kinds(effects), ['stop', 'abort:conditional', 'cancel:timebox', 'report', 'focus:skip-button']);
  });
  it('expired while refreshing → wait for the refresh (its outcome decides)', () => {
    const s = ready({ refreshing: true });
    assert.deepEqual(transition(s, { type: 'expired' }), { state: s, effects: [] });
  });
  it('the refreshed offer replaces the old one, the notice stays, the clock is re-armed', () => {
    const fresh = offer({ deadlineMs: T0 + 600_000 });
    const { state, effects } = transition(ready({ refreshing: true, notice: 'ceremony-cancelled', retry: true }), {
      type: 'offer',
      offer: fresh,
      conditionalCreate: true,
    });
    assert.deepEqual(state, ready({ offer: fresh, notice: 'ceremony-cancelled', retry: true }));
    assert.deepEqual(kinds(effects), ['later:refresh', 'later:expiry']);
  });
  it('an offer nobody asked for (not refreshing) changes nothing', () => {
    const s = ready();
    assert.deepEqual(transition(s, { type: 'offer', offer: offer(), conditionalCreate: false }), { state: s, effects: [] });
  });
  it('the refresh finds no options → skipped passkey-intel-denied', () => {
    assert.deepEqual(transition(ready({ refreshing: true }), { type: 'no-offer' }).state, {
      name: 'skipped',
      reason: 'passkey-intel-denied',
    });
  });
  it('a failed early refresh keeps the still-valid offer', () => {
    const { state, effects } = transition(ready({ refreshing: true }), { type: 'load-failed', error: error('api-unavailable'), now: T0 });
    assert.deepEqual(state, ready());
    assert.deepEqual(effects, []);
  });
  it('a failed refresh past the deadline → the final error; for want of a network, the offer stays (a click renews)', () => {
    const s = ready({ refreshing: true });
    const { state } = transition(s, { type: 'load-failed', error: error('api-rejected'), now: s.offer.deadlineMs });
    assert.equal(state.name === 'error' && state.error.code, 'api-rejected');
    for (const code of ['api-unavailable', 'token-unavailable'] as const) {
      const offline = transition(s, { type: 'load-failed', error: error(code), now: s.offer.deadlineMs });
      assert.deepEqual(offline, { state: ready({ stale: true }), effects: [] }, code);
    }
  });
  it('conditional create succeeds → finishing (conditional), first attempt at once', () => {
    const s = ready({ conditional: true });
    const { state, effects } = transition(s, { type: 'conditional-created', response: response() });
    assert.deepEqual(state, finishing({ offer: s.offer, completionType: 'conditional' }));
    assert.deepEqual(effects[0], {
      type: 'finish',
      request: { attestationResponse: JSON.stringify(response()), completionType: 'conditional' },
      deadlineMs: s.offer.deadlineMs,
      rpId: 'localhost',
      credentialId: 'cred-1',
      userId: s.offer.options.user.id,
    });
  });
  it('conditional create over without a credential → the offer, silently; autoAppend then starts', () => {
    // Stopped first: a failure has ended it already, its time-box has not.
    assert.deepEqual(transition(ready({ conditional: true }), { type: 'conditional-failed' }), {
      state: ready(),
      effects: [
        { type: 'abort', ceremony: 'conditional' },
        { type: 'cancel', slot: 'timebox' },
      ],
    });
    const auto = ready({ conditional: true, offer: offer({ start: { autoAppend: true } }) });
    const { state, effects } = transition(auto, { type: 'conditional-failed' });
    assert.equal(state.name === 'creating' && state.completionType, 'auto');
    assert.deepEqual(kinds(effects), ['abort:conditional', 'cancel:timebox', 'create', 'later:watchdog']);
  });
  it('conditional outcomes when none runs change nothing', () => {
    const s = ready();
    for (const event of [{ type: 'conditional-failed' }, { type: 'conditional-created', response: response() }] as FlowEvent[]) {
      assert.deepEqual(transition(s, event), { state: s, effects: [] });
    }
  });
});

describe('renewing', () => {
  const renewing = (announce: boolean): FlowState => ({ name: 'renewing', offer: offer(), announce, retry: false });
  it('fresh options → ready; after a void click with the expired notice (next click is a retry)', () => {
    const fresh = offer({ deadlineMs: T0 + 900_000 });
    const { state, effects } = transition(renewing(true), { type: 'offer', offer: fresh, conditionalCreate: false });
    assert.deepEqual(state, ready({ offer: fresh, notice: 'expired', retry: true }));
    assert.deepEqual(kinds(effects), ['later:refresh', 'later:expiry']);
    assert.deepEqual(transition(renewing(false), { type: 'offer', offer: fresh, conditionalCreate: false }).state, ready({ offer: fresh }));
  });
  it('no options → skipped; a failure → the final error', () => {
    assert.equal(transition(renewing(false), { type: 'no-offer' }).state.name, 'skipped');
    const { state, effects } = transition(renewing(false), { type: 'load-failed', error: error('api-rejected'), now: T0 });
    assert.equal(state.name === 'error' && state.error.code, 'api-rejected');
    assert.deepEqual(
      reported(effects).map((e) => e.code),
      ['api-rejected'],
    );
  });
  it('a quiet renewal (nobody clicked) that found no network → the offer stays, its options never used: a click renews', () => {
    const token = transition(renewing(false), { type: 'load-failed', error: error('token-unavailable'), now: T0 });
    assert.deepEqual(token, { state: ready({ stale: true }), effects: [] }, "the site's backend for the token, unreachable too");
    const dead = transition(renewing(false), { type: 'load-failed', error: error('expired'), now: T0 });
    assert.deepEqual(dead, { state: ready({ stale: true }), effects: [] }, 'dead on arrival (a device clock set days forward)');
    const { state, effects } = transition(renewing(false), { type: 'load-failed', error: error('api-unavailable'), now: T0 });
    assert.deepEqual(state, ready({ stale: true }));
    assert.deepEqual(effects, [], 'no error for a user who did nothing');
    assert.equal(transition(state, { type: 'click', now: T0 }).state.name, 'renewing', 'the click renews');
    const asked = transition(renewing(true), { type: 'load-failed', error: error('api-unavailable'), now: T0 });
    assert.equal(asked.state.name === 'error' && asked.state.error.code, 'api-unavailable', 'after a click: the end, said');
  });
  it('skip works; a click waits (busy)', () => {
    assert.equal(transition(renewing(false), { type: 'skip' }).state.name, 'skipped');
    const s = renewing(false);
    assert.deepEqual(transition(s, { type: 'click', now: T0 }), { state: s, effects: [] });
  });
});
