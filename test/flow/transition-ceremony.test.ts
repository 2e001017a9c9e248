/**
 * The table of legal moves (`src/flow/transition.ts`) from the ceremony on: creating,
 * finishing and the final states — under Node, pure data in, pure data out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FinishOutcome } from '../../src/flow/finish.js';
import { transition } from '../../src/flow/transition.js';
import { FINISH_PATIENCE_MS } from '../../src/times.js';
import type { Effect, FlowEvent, FlowEventType, FlowState } from '../../src/flow/types.js';
import { completed, kinds, emitted, reported, tracked } from './moves.js';
import { T0, creating, error, failure, finishing, offer, ready, response } from './fixtures.js';

describe('creating', () => {
  it('customData of the start response is echoed in finish', () => {
    const s = creating({ offer: offer({ start: { customData: { plan: 'pro' } } }) });
    const { effects } = transition(s, { type: 'created', response: response() });
    assert.deepEqual((effects[0] as Extract<Effect, { type: 'finish' }>).request.customData, { plan: 'pro' });
  });
  it('a credential → finishing, the same attestation sent once now', () => {
    const s = creating({ completionType: 'manual-retry' });
    const { state, effects } = transition(s, { type: 'created', response: response('c9') });
    assert.deepEqual(state, finishing({ offer: s.offer, response: response('c9'), completionType: 'manual-retry' }));
    assert.deepEqual(kinds(effects), ['finish', 'later:patience', 'cancel:watchdog']);
  });
  it('InvalidStateError (already on this authenticator) → success-like complete-noop', () => {
    const { state, effects } = transition(creating(), { type: 'create-failed', failure: { kind: 'already-registered' } });
    assert.deepEqual(state, { name: 'success', alreadyRegistered: true });
    assert.deepEqual(tracked(effects), ['append-credential-exists']);
    assert.deepEqual(completed(effects), { status: 'complete-noop', completionType: 'manual' });
  });
  it('a user cancel → ready with the cancel notice, reported as ceremony-cancelled (recoverable)', () => {
    const { state, effects } = transition(creating(), failure('ceremony-cancelled', true));
    assert.deepEqual(state, ready({ notice: 'ceremony-cancelled', retry: true }));
    assert.deepEqual(
      reported(effects).map((e) => [e.code, e.recoverable]),
      [['ceremony-cancelled', true]],
    );
    assert.deepEqual(effects[0], { type: 'track', eventType: 'append-error', message: 'user-cancel' });
  });
  it('a cancel of the auto ceremony → the button, silently: no notice, no error, no loop', () => {
    const { state, effects } = transition(creating({ completionType: 'auto' }), failure('ceremony-cancelled', true));
    assert.deepEqual(state, ready());
    assert.deepEqual(kinds(effects), ['track', 'focus:primary-button', 'cancel:watchdog']);
  });
  it('an unknown failure → ready with the error notice, ceremony-failed reported, append-error-unexpected', () => {
    const { state, effects } = transition(creating(), failure('ceremony-failed', true));
    assert.deepEqual(state, ready({ notice: 'ceremony-failed', retry: true }));
    assert.deepEqual(tracked(effects), ['append-error-unexpected']);
    assert.deepEqual(
      reported(effects).map((e) => e.code),
      ['ceremony-failed'],
    );
  });
  it('a failure that would repeat (security-error) → the final error, no retry', () => {
    const { state, effects } = transition(creating(), failure('security-error', false));
    assert.equal(state.name === 'error' && state.error.code, 'security-error');
    assert.deepEqual(kinds(effects), ['stop', 'track', 'report', 'focus:skip-button', 'cancel:watchdog']);
  });
  it('the watchdog → ready with the timeout notice, ceremony-timeout reported (recoverable)', () => {
    const { state, effects } = transition(creating(), { type: 'watchdog' });
    assert.deepEqual(state, ready({ notice: 'ceremony-timeout', retry: true }));
    assert.deepEqual(
      reported(effects).map((e) => [e.code, e.recoverable]),
      [['ceremony-timeout', true]],
    );
  });
  it('the options expire mid-ceremony → aborted, expired reported (recoverable), fresh options announced', () => {
    const { state, effects } = transition(creating(), { type: 'expired' });
    assert.equal(state.name === 'renewing' && state.announce, true);
    assert.deepEqual(kinds(effects), ['abort:modal', 'cancel:watchdog', 'report', 'load-offer']);
    assert.deepEqual(
      reported(effects).map((e) => [e.code, e.recoverable]),
      [['expired', true]],
    );
  });
  it('… without a token provider → one final expired error', () => {
    const { state, effects } = transition(creating({ offer: offer({ renewable: false }) }), { type: 'expired' });
    assert.equal(state.name === 'error' && state.error.code, 'expired');
    assert.deepEqual(
      reported(effects).map((e) => [e.code, e.recoverable]),
      [['expired', false]],
    );
  });
  it('skip → skipped, the ceremony stopped; a click → nothing', () => {
    assert.deepEqual(kinds(transition(creating(), { type: 'skip' }).effects), [
      'stop',
      'track',
      'snooze',
      'emit:corbado-append-skip',
      'focus:after',
    ]);
    const s = creating();
    for (const event of [{ type: 'click', now: T0 }, { type: 'auto' }] as FlowEvent[]) {
      assert.deepEqual(transition(s, event), { state: s, effects: [] });
    }
  });
  it('a refresh due while the sheet is open waits for it (a start now would void its challenge), then runs at once', () => {
    const due = transition(creating(), { type: 'refresh-due' });
    assert.deepEqual(due, { state: creating({ refreshDue: true }), effects: [] });
    const cancelled = transition(due.state, failure('ceremony-cancelled', true));
    assert.equal(cancelled.state.name === 'ready' && cancelled.state.refreshing, true, 'fresh options on their way, no ceremony meanwhile');
    assert.deepEqual(kinds(cancelled.effects), ['track', 'report', 'load-offer', 'focus:primary-button', 'cancel:watchdog']);
    const timedOut = transition(due.state, { type: 'watchdog' });
    assert.deepEqual(kinds(timedOut.effects), ['abort:modal', 'cancel:watchdog', 'report', 'load-offer', 'focus:primary-button']);
    // Without a token provider there is nothing to fetch: the offer as it was.
    const fixed = transition(creating({ refreshDue: true, offer: offer({ renewable: false }) }), failure('ceremony-cancelled', true));
    assert.equal(fixed.state.name === 'ready' && fixed.state.refreshing, false);
  });
  it('another flow started on its process → the ceremony stopped, fresh options on a process of our own', () => {
    const { state, effects } = transition(creating(), { type: 'voided' });
    assert.equal(state.name, 'renewing');
    assert.deepEqual(effects.slice(0, 3), [
      { type: 'abort', ceremony: 'modal' },
      { type: 'cancel', slot: 'watchdog' },
      { type: 'report', error: (effects[2] as { error: unknown }).error },
    ]);
    assert.deepEqual(effects.at(-1), { type: 'load-offer', fresh: true });
    const fixed = transition(creating({ offer: offer({ renewable: false }) }), { type: 'voided' });
    assert.equal(fixed.state.name === 'error' && fixed.state.error.code, 'expired');
  });
});

describe('finishing', () => {
  const op = { operationType: 'append', identifierValue: 'u@x', identifierType: 'email', ceremonyType: 'local' };
  const done = (outcome: FinishOutcome): FlowEvent => ({ type: 'finish-done', outcome });
  it('the finish rules run for this credential until the deadline; the user gets a way on after a while', () => {
    const s = creating();
    const { state, effects } = transition(s, { type: 'created', response: response('c7') });
    assert.equal(state.name === 'finishing' && state.slow, false);
    assert.deepEqual(kinds(effects), ['finish', 'later:patience', 'cancel:watchdog']);
    const finish = effects[0] as Extract<Effect, { type: 'finish' }>;
    assert.deepEqual([finish.deadlineMs, finish.rpId, finish.credentialId], [s.offer.deadlineMs, 'localhost', 'c7']);
    assert.deepEqual(effects[1], { type: 'later', slot: 'patience', ms: FINISH_PATIENCE_MS, event: { type: 'finish-slow' } });
  });
  it('slow → "Continue" leaves (skip-explicit, finish-pending) while the finish goes on', () => {
    const s = finishing();
    assert.deepEqual(transition(s, { type: 'skip' }), { state: s, effects: [] }, 'no way out before it is slow');
    const slow = transition(s, { type: 'finish-slow' }).state;
    assert.deepEqual(slow, finishing({ slow: true }));
    const { state, effects } = transition(slow, { type: 'skip' });
    assert.deepEqual(state, { name: 'skipped', reason: 'finish-pending' });
    assert.deepEqual(emitted(effects, 'corbado-append-skip')!.detail, { status: 'skip-explicit', reason: 'finish-pending' });
  });
  it('confirmed → success, complete with passkeyOperation', () => {
    const { state, effects } = transition(finishing({ completionType: 'auto' }), done({ kind: 'confirmed', passkeyOperation: op }));
    assert.deepEqual(state, { name: 'success', passkeyOperation: op, alreadyRegistered: false });
    assert.deepEqual(completed(effects), {
      status: 'complete',
      completionType: 'auto',
      passkeyOperation: op,
    });
  });
  it('unconfirmed (refused after an unanswered attempt) → success-like: complete, marked unconfirmed', () => {
    const { state, effects } = transition(finishing(), done({ kind: 'unconfirmed', error: error('api-rejected') }));
    assert.deepEqual(state, { name: 'success', alreadyRegistered: false, unconfirmed: true });
    assert.deepEqual(completed(effects), {
      status: 'complete',
      completionType: 'manual',
      unconfirmed: true,
    });
    assert.deepEqual(reported(effects), []);
  });
  it('rejected → finish-failed with requestId and error type; "not saved"', () => {
    const { state, effects } = transition(
      finishing(),
      done({ kind: 'rejected', error: error('api-rejected', { status: 400, requestId: 'req-1', errorType: 'validation_error' }) }),
    );
    assert.deepEqual(state.name === 'error' && [state.error.code, state.maybeStored], ['finish-failed', undefined]);
    const [e] = reported(effects);
    assert.deepEqual([e!.code, e!.requestId, e!.errorType, e!.recoverable], ['finish-failed', 'req-1', 'validation_error', false]);
  });
  it('undecided (no definitive answer by the deadline) → finish-failed that may still be stored', () => {
    const { state } = transition(finishing(), done({ kind: 'undecided', error: error('api-unavailable') }));
    assert.deepEqual(state.name === 'error' && [state.error.code, state.maybeStored], ['finish-failed', true]);
  });
  it('no click, refresh or expiry while the passkey is being saved', () => {
    const s = finishing();
    for (const event of [{ type: 'click', now: T0 }, { type: 'refresh-due' }, { type: 'expired' }] as FlowEvent[]) {
      assert.deepEqual(transition(s, event), { state: s, effects: [] });
    }
  });
});

describe('final states', () => {
  const op = { operationType: 'append', identifierValue: 'u@x', identifierType: 'email', ceremonyType: 'local' };
  const stored: FinishOutcome = { kind: 'confirmed', passkeyOperation: op };
  /** One event of every type (the compiler sees to it that none is missing). */
  const every: { [K in FlowEventType]: Extract<FlowEvent, { type: K }> } = {
    start: { type: 'start' },
    'init-done': { type: 'init-done', appendAllowed: true },
    offer: { type: 'offer', offer: offer(), conditionalCreate: true },
    'no-offer': { type: 'no-offer' },
    'load-failed': { type: 'load-failed', error: error('api-unavailable'), now: T0 },
    click: { type: 'click', now: T0 },
    voided: { type: 'voided' },
    auto: { type: 'auto' },
    skip: { type: 'skip' },
    continue: { type: 'continue' },
    'learn-more': { type: 'learn-more' },
    'refresh-due': { type: 'refresh-due' },
    expired: { type: 'expired' },
    created: { type: 'created', response: response() },
    'create-failed': { type: 'create-failed', failure: { kind: 'already-registered' } },
    watchdog: { type: 'watchdog' },
    'conditional-created': { type: 'conditional-created', response: response() },
    'conditional-failed': { type: 'conditional-failed' },
    'finish-slow': { type: 'finish-slow' },
    'finish-done': { type: 'finish-done', outcome: { kind: 'undecided', error: error('api-unavailable') } },
    'late-created': { type: 'late-created', response: response(), completionType: 'manual' },
    'finished-aside': { type: 'finished-aside', outcome: stored, completionType: 'manual' },
  };
  const moves: Partial<Record<FlowState['name'], FlowEventType[]>> = { error: ['skip', 'finished-aside'], success: ['continue'] };
  for (const s of [
    { name: 'success', alreadyRegistered: false },
    { name: 'skipped', reason: 'user-skipped' },
    { name: 'error', error: error('finish-failed') },
  ] as FlowState[]) {
    const but = moves[s.name] ?? [];
    it(`${s.name} is the end: nothing moves it${but.length ? ` but ${but.join(', ')}` : ''}`, () => {
      for (const event of Object.values(every)) {
        if (but.includes(event.type)) continue;
        assert.deepEqual(transition(s, event), { state: s, effects: [] }, event.type);
      }
    });
  }
  it('error: a passkey finished aside and stored → success, complete (the error shown is outdone)', () => {
    const { state, effects } = transition({ name: 'error', error: error('expired') }, every['finished-aside']);
    assert.equal(state.name, 'success');
    assert.deepEqual(completed(effects), {
      status: 'complete',
      completionType: 'manual',
      passkeyOperation: op,
    });
  });
  it('error: a passkey finished aside and refused or undecided → the error stays', () => {
    for (const outcome of [{ kind: 'rejected' }, { kind: 'undecided' }] as const) {
      const s: FlowState = { name: 'error', error: error('expired') };
      const e = { ...every['finished-aside'], outcome: { ...outcome, error: error('api-rejected') } };
      assert.deepEqual(transition(s, e), { state: s, effects: [] }, outcome.kind);
    }
  });
  it('error: Continue → skipped (skip-explicit)', () => {
    const { state, effects } = transition({ name: 'error', error: error('finish-failed') }, { type: 'skip' });
    assert.deepEqual(state, { name: 'skipped', reason: 'user-skipped' });
    assert.deepEqual(emitted(effects, 'corbado-append-skip')!.detail, { status: 'skip-explicit', reason: 'user-skipped' });
  });
});
