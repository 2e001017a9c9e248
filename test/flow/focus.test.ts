/**
 * Where keyboard focus goes (README "Continue and focus"), as the flow decides it: the table's `focus` effects,
 * and the controller's rule for `after` — only when focus was in the element as the move began,
 * and only when the page did not prevent the cancelable event's default. Where the element then
 * puts it in a real browser is the browser suite's (test/component/a11y.test.ts).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { transition } from '../../src/flow/transition.js';
import type { FlowState } from '../../src/flow/types.js';
import { creating, failure, offer, ready, response } from './fixtures.js';
import { Harness } from './harness.js';
import { emitted, kinds } from './moves.js';

describe('the table says where focus goes', () => {
  it('success: the heading; Continue on the card → hidden, corbado-append-continue, then on past the element (once)', () => {
    const done = transition(
      { name: 'finishing', offer: offer(), response: response(), completionType: 'manual', slow: false },
      {
        type: 'finish-done',
        outcome: {
          kind: 'confirmed',
          passkeyOperation: { operationType: 'append', identifierValue: 'u', identifierType: 'email', ceremonyType: 'local' },
        },
      },
    );
    assert.deepEqual(kinds(done.effects).at(-1), 'focus:title');
    for (const alreadyRegistered of [false, true]) {
      const success: FlowState = { name: 'success', alreadyRegistered };
      const { state, effects } = transition(success, { type: 'continue' });
      assert.deepEqual(state, { ...success, dismissed: true });
      assert.deepEqual(kinds(effects), ['emit:corbado-append-continue', 'focus:after']);
      assert.deepEqual(emitted(effects, 'corbado-append-continue')!.detail, { status: alreadyRegistered ? 'complete-noop' : 'complete' });
      assert.deepEqual(transition(state, { type: 'continue' }), { state, effects: [] }, 'a second Continue does nothing');
    }
  });
  it('a final error: the skip button (the primary button is gone)', () => {
    const { state, effects } = transition(creating(), failure('security-error', false));
    assert.equal(state.name, 'error');
    assert.deepEqual(
      kinds(effects).filter((k) => k.startsWith('focus')),
      ['focus:skip-button'],
    );
  });
  it('back at the offer after a ceremony — directly or through renewed options — the button; a renewal the user clicked keeps focus where it is', () => {
    const expired = transition(creating(), { type: 'expired' });
    assert.equal(expired.state.name === 'renewing' && expired.state.afterCeremony, true);
    assert.ok(!kinds(expired.effects).some((k) => k.startsWith('focus')), 'nothing to focus while it renews');
    const renewed = transition(expired.state, { type: 'offer', offer: offer(), conditionalCreate: false });
    assert.deepEqual(kinds(renewed.effects).at(-1), 'focus:primary-button');

    const clickedLate = transition(ready(), { type: 'click', now: Number.MAX_SAFE_INTEGER });
    assert.equal(clickedLate.state.name === 'renewing' && clickedLate.state.afterCeremony, undefined);
    const fresh = transition(clickedLate.state, { type: 'offer', offer: offer(), conditionalCreate: false });
    assert.ok(!kinds(fresh.effects).some((k) => k.startsWith('focus')));
  });
  it('every skip asks to move focus on past the element, after its event', () => {
    for (const move of [transition(ready(), { type: 'skip' }), transition({ name: 'loading' }, { type: 'no-offer' })]) {
      assert.deepEqual(kinds(move.effects).slice(-2), ['emit:corbado-append-skip', 'focus:after']);
    }
  });
});

describe('the controller moves focus after the element only when it held it and the page let it', () => {
  let h: Harness;
  beforeEach(() => (h = new Harness()));
  afterEach(() => h.restore());

  const cases: [name: string, focused: boolean, prevent: boolean, moved: boolean][] = [
    ['focus in the element, nothing prevented → on past it', true, false, true],
    ['focus elsewhere on the page → left there', false, false, false],
    ['the page prevents the default → left to the page', true, true, false],
  ];
  for (const [name, focused, prevent, moved] of cases) {
    it(`"Not now": ${name}`, async () => {
      await h.mount();
      h.focused = focused;
      if (prevent) h.prevent.add('corbado-append-skip');
      h.controller.skip();
      assert.equal(h.state, 'skipped');
      assert.deepEqual(h.focusMoves, moved ? ['after'] : []);
    });
    it(`Continue on the success card: ${name}`, async () => {
      await h.mount();
      h.controller.click();
      h.ceremony().settle.resolve(response('c1'));
      await h.settle();
      assert.equal(h.state, 'success');
      assert.deepEqual(h.focusMoves, ['title']);
      h.focused = focused;
      if (prevent) h.prevent.add('corbado-append-continue');
      h.controller.dismiss();
      assert.equal(h.controller.state.name === 'success' && h.controller.state.dismissed, true);
      assert.equal(h.of('corbado-append-continue').length, 1);
      assert.deepEqual(h.focusMoves, moved ? ['title', 'after'] : ['title']);
    });
  }
});
