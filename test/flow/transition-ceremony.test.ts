/**
 * The table of legal moves (`src/flow/transition.ts`) from the ceremony on: creating,
 * finishing and the final states — under Node, pure data in, pure data out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FINISH_RETRY_DELAYS_MS, transition } from '../../src/flow/transition.js';
import type { Effect, FlowEvent, FlowEventType, FlowState } from '../../src/flow/types.js';
import { kinds, emitted, reported, tracked } from './moves.js';
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
    assert.deepEqual(kinds(effects), ['finish']);
  });
  it('InvalidStateError (already on this authenticator) → success-like complete-noop', () => {
    const { state, effects } = transition(creating(), { type: 'create-failed', failure: { kind: 'already-registered' } });
    assert.deepEqual(state, { name: 'success', alreadyRegistered: true });
    assert.deepEqual(tracked(effects), ['append-credential-exists']);
    assert.deepEqual(emitted(effects, 'corbado-append-complete')!.detail, { status: 'complete-noop', completionType: 'manual' });
  });
  it('a user cancel → ready with the cancel notice, reported as ceremony-cancelled (recoverable)', () => {
    const { state, effects } = transition(creating(), failure('ceremony-cancelled', true));
    assert.deepEqual(state, ready({ notice: 'ceremony-cancelled', retry: true }));
    assert.deepEqual(reported(effects).map(e => [e.code, e.recoverable]), [['ceremony-cancelled', true]]);
    assert.deepEqual(effects[0], { type: 'track', eventType: 'append-error', message: 'cancelled' });
  });
  it('a cancel of the auto ceremony → the button, silently: no notice, no error, no loop', () => {
    const { state, effects } = transition(creating({ completionType: 'auto' }), failure('ceremony-cancelled', true));
    assert.deepEqual(state, ready());
    assert.deepEqual(kinds(effects), ['track']);
  });
  it('an unknown failure → ready with the error notice, ceremony-failed reported, append-error-unexpected', () => {
    const { state, effects } = transition(creating(), failure('ceremony-failed', true));
    assert.deepEqual(state, ready({ notice: 'ceremony-failed', retry: true }));
    assert.deepEqual(tracked(effects), ['append-error-unexpected']);
    assert.deepEqual(reported(effects).map(e => e.code), ['ceremony-failed']);
  });
  it('a failure that would repeat (security-error) → the final error, no retry', () => {
    const { state, effects } = transition(creating(), failure('security-error', false));
    assert.equal(state.name === 'error' && state.error.code, 'security-error');
    assert.deepEqual(kinds(effects), ['stop', 'track', 'report']);
  });
  it('the watchdog → ready with the timeout notice, ceremony-timeout reported (recoverable)', () => {
    const { state, effects } = transition(creating(), { type: 'watchdog' });
    assert.deepEqual(state, ready({ notice: 'ceremony-timeout', retry: true }));
    assert.deepEqual(reported(effects).map(e => [e.code, e.recoverable]), [['ceremony-timeout', true]]);
  });
  it('the options expire mid-ceremony → aborted, expired reported (recoverable), fresh options announced', () => {
    const { state, effects } = transition(creating(), { type: 'expired' });
    assert.equal(state.name === 'renewing' && state.announce, true);
    assert.deepEqual(kinds(effects), ['abort:modal', 'report', 'load-offer']);
    assert.deepEqual(reported(effects).map(e => [e.code, e.recoverable]), [['expired', true]]);
  });
  it('… without a token provider → one final expired error', () => {
    const { state, effects } = transition(creating({ offer: offer({ renewable: false }) }), { type: 'expired' });
    assert.equal(state.name === 'error' && state.error.code, 'expired');
    assert.deepEqual(reported(effects).map(e => [e.code, e.recoverable]), [['expired', false]]);
  });
  it('skip → skipped, the ceremony stopped; a click or a due refresh → nothing', () => {
    assert.deepEqual(kinds(transition(creating(), { type: 'skip' }).effects), ['stop', 'track', 'emit:corbado-append-skip']);
    const s = creating();
    for (const event of [{ type: 'click', now: T0 }, { type: 'refresh-due' }, { type: 'auto' }] as FlowEvent[]) {
      assert.deepEqual(transition(s, event), { state: s, effects: [] });
    }
  });
});

describe('finishing', () => {
  const op = { operationType: 'append', identifierValue: 'u@x', identifierType: 'email', ceremonyType: 'local' };
  it('confirmed → success, complete with passkeyOperation', () => {
    const { state, effects } = transition(finishing({ completionType: 'auto' }), { type: 'finished', passkeyOperation: op });
    assert.deepEqual(state, { name: 'success', passkeyOperation: op, alreadyRegistered: false });
    assert.deepEqual(emitted(effects, 'corbado-append-complete')!.detail, { status: 'complete', completionType: 'auto', passkeyOperation: op });
  });
  it('a transient failure → the same attestation again after the backoff; never create() again', () => {
    let s: FlowState = finishing();
    for (const [i, delayMs] of FINISH_RETRY_DELAYS_MS.entries()) {
      const move = transition(s, { type: 'finish-failed', error: error('api-unavailable', { status: 500 }) });
      assert.equal(move.state.name === 'finishing' && move.state.attempt, i + 2);
      assert.deepEqual(kinds(move.effects), ['finish']);
      assert.equal((move.effects[0] as Extract<Effect, { type: 'finish' }>).delayMs, delayMs);
      assert.deepEqual(JSON.parse((move.effects[0] as Extract<Effect, { type: 'finish' }>).request.attestationResponse), response());
      s = move.state;
    }
    const last = transition(s, { type: 'finish-failed', error: error('api-unavailable', { status: 500 }) });
    assert.equal(last.state.name === 'error' && last.state.error.code, 'finish-failed');
    assert.ok(!kinds(last.effects).includes('finish'));
  });
  it('gave up after HTTP answers only → the orphan is signalled to the passkey provider', () => {
    const { effects } = transition(finishing({ attempt: 3 }), { type: 'finish-failed', error: error('api-unavailable', { status: 502 }) });
    assert.deepEqual(effects.find(e => e.type === 'signal-unknown'), { type: 'signal-unknown', rpId: 'localhost', credentialId: 'cred-1' });
  });
  it('an attempt without an answer may have been stored → never signalled away', () => {
    const timedOut = transition(finishing({ attempt: 2 }), { type: 'finish-failed', error: error('api-unavailable') });
    assert.equal(timedOut.state.name === 'finishing' && timedOut.state.maybeStored, true);
    const refused = transition(timedOut.state, { type: 'finish-failed', error: error('api-rejected', { status: 400 }) });
    assert.equal(refused.state.name, 'error');
    assert.ok(!kinds(refused.effects).includes('signal-unknown'));
  });
  it('a 4xx rejection → no retry, finish-failed keeps requestId and error type', () => {
    const { state, effects } = transition(finishing(), {
      type: 'finish-failed',
      error: error('api-rejected', { status: 400, requestId: 'req-1', errorType: 'validation_error' }),
    });
    assert.equal(state.name, 'error');
    const [reportedError] = reported(effects);
    assert.deepEqual([reportedError!.code, reportedError!.requestId, reportedError!.errorType], ['finish-failed', 'req-1', 'validation_error']);
    assert.ok(kinds(effects).includes('signal-unknown'));
  });
  it('no skip, click, refresh or expiry while the passkey is being saved', () => {
    const s = finishing();
    for (const event of [{ type: 'skip' }, { type: 'click', now: T0 }, { type: 'refresh-due' }, { type: 'expired' }] as FlowEvent[]) {
      assert.deepEqual(transition(s, event), { state: s, effects: [] });
    }
  });
});

describe('final states', () => {
  const all: FlowEvent[] = [
    { type: 'start' },
    { type: 'init-done', appendAllowed: true },
    { type: 'offer', offer: offer(), conditionalCreate: true },
    { type: 'no-offer' },
    { type: 'load-failed', error: error('api-unavailable'), now: T0 },
    { type: 'click', now: T0 },
    { type: 'auto' },
    { type: 'learn-more' },
    { type: 'refresh-due' },
    { type: 'expired' },
    { type: 'created', response: response() },
    { type: 'create-failed', failure: { kind: 'already-registered' } },
    { type: 'watchdog' },
    { type: 'conditional-created', response: response() },
    { type: 'conditional-failed' },
    { type: 'finished', passkeyOperation: { operationType: 'append', identifierValue: '', identifierType: '', ceremonyType: '' } },
    { type: 'finish-failed', error: error('api-unavailable') },
  ];
  it('covers every event type but skip', () => {
    const types = new Set<FlowEventType>(all.map(e => e.type));
    assert.equal(types.size, all.length);
    assert.ok(!types.has('skip'));
  });
  for (const s of [
    { name: 'success', alreadyRegistered: false },
    { name: 'skipped', reason: 'user-skipped' },
    { name: 'error', error: error('finish-failed') },
  ] as FlowState[]) {
    it(`${s.name} is the end: nothing moves it`, () => {
      for (const event of all) assert.deepEqual(transition(s, event), { state: s, effects: [] }, event.type);
    });
  }
  it('error: Continue → skipped (skip-explicit)', () => {
    const { state, effects } = transition({ name: 'error', error: error('finish-failed') }, { type: 'skip' });
    assert.deepEqual(state, { name: 'skipped', reason: 'user-skipped' });
    assert.deepEqual(emitted(effects, 'corbado-append-skip')!.detail, { status: 'skip-explicit', reason: 'user-skipped' });
  });
});
