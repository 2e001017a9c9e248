/**
 * "Not now", remembered (`snooze-days`, src/flow/snooze.ts): the stored time, read under Node
 * with a stand-in `localStorage`; the table's moves; and the controller skipping at once — no
 * request — while a snooze holds, a success forgetting it, corrupt values failing open.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DAY_MS, isSnoozed, readSnooze, snoozeDays, writeSnooze } from '../../src/flow/snooze.js';
import { transition } from '../../src/flow/transition.js';
import { T0, error, finishing, ready, response } from './fixtures.js';
import { Harness } from './harness.js';
import { assertSkippedAtStart, kinds } from './moves.js';

const KEY = 'corbado-append:snooze:pro-1';
const storage = (raw: string | null) => ({ getItem: () => raw });

describe('snooze values', () => {
  it('snooze-days: positive days (fractions too), capped at 365; anything else is off', () => {
    assert.equal(snoozeDays(7), 7);
    assert.equal(snoozeDays('0.5'), 0.5);
    assert.equal(snoozeDays(10_000), 365);
    for (const off of [undefined, null, 0, -3, 'x', NaN, Infinity, '']) assert.equal(snoozeDays(off), 0, String(off));
  });

  it('holds from the "Not now" for the given days, not before it (beyond 5 min of clock skew), not when off', () => {
    assert.equal(isSnoozed(T0, T0, 7), true);
    assert.equal(isSnoozed(T0, T0 + 7 * DAY_MS - 1, 7), true);
    assert.equal(isSnoozed(T0, T0 + 7 * DAY_MS, 7), false);
    assert.equal(isSnoozed(T0 + 60_000, T0, 7), true, 'a minute ahead: a clock adjustment');
    assert.equal(isSnoozed(T0 + DAY_MS, T0, 7), false, 'a day ahead: not a time we wrote');
    assert.equal(isSnoozed(T0, T0, 0), false);
    assert.equal(isSnoozed(undefined, T0, 7), false);
  });

  it('corrupt or unreadable stored values fail open (no snooze)', () => {
    assert.equal(readSnooze(storage(String(T0)), 'pro-1'), T0);
    for (const raw of [null, '', 'abc', '-5', '1e12', '12.5', ' 1', '{"at":1}', '0', '99999999999999999']) {
      assert.equal(readSnooze(storage(raw), 'pro-1'), undefined, String(raw));
    }
    const throwing = {
      getItem: (): string => {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    assert.equal(readSnooze(throwing, 'pro-1'), undefined);
    assert.equal(readSnooze(undefined, 'pro-1'), undefined);
    assert.doesNotThrow(() =>
      writeSnooze(
        {
          setItem: () => {
            throw new DOMException('full', 'QuotaExceededError');
          },
          removeItem: () => undefined,
        },
        'pro-1',
        T0,
      ),
    );
  });
});

describe('the table', () => {
  it('start while snoozed → skipped (skip-implicit, snoozed): no init, no report', () => {
    assertSkippedAtStart('snoozed');
  });

  it('"Not now" asks to remember it; "Continue" after a final error does not; a success forgets it', () => {
    assert.deepEqual(
      transition(ready(), { type: 'skip' }).effects.filter((e) => e.type === 'snooze'),
      [{ type: 'snooze', on: true }],
    );
    const afterError = transition({ name: 'error', error: error('finish-failed') }, { type: 'skip' });
    assert.equal(afterError.state.name, 'skipped');
    assert.deepEqual(kinds(afterError.effects).includes('snooze'), false);
    const done = transition(finishing(), {
      type: 'finish-done',
      outcome: {
        kind: 'confirmed',
        passkeyOperation: { operationType: 'append', identifierValue: 'u', identifierType: 'email', ceremonyType: 'local' },
      },
    });
    assert.equal(done.state.name, 'success');
    assert.deepEqual(
      done.effects.filter((e) => e.type === 'snooze'),
      [{ type: 'snooze', on: false }],
    );
  });
});

describe('the controller', () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.config = { ...h.config, snoozeDays: 7 };
  });
  afterEach(() => h.restore());

  /** Remove the element and add it again: a new flow on the same device. */
  async function remount(): Promise<void> {
    h.disconnect();
    await h.settle();
    h.fired.length = 0;
    h.requests.length = 0;
    await h.mount();
  }

  it('"Not now" is kept; the next visit skips at once with no request; after the days it offers again', async () => {
    await h.mount();
    h.controller.skip();
    assert.equal(h.stored.get(KEY), String(T0));

    await h.tick(DAY_MS);
    await remount();
    assert.equal(h.state, 'skipped');
    assert.equal(h.requests.length, 0, 'no request while snoozed');
    assert.deepEqual(h.of('corbado-append-skip'), [{ status: 'skip-implicit', reason: 'snoozed' }]);

    await h.tick(6 * DAY_MS);
    await remount();
    assert.equal(h.state, 'ready');
    assert.deepEqual(
      h.requests.map((r) => r.endpoint),
      ['init', 'start'],
    );
  });

  it('a success forgets the "Not now"', async () => {
    h.stored.set(KEY, String(T0 - 8 * DAY_MS)); // an old one, already over
    await h.mount();
    h.controller.click();
    h.ceremony().settle.resolve(response('c1'));
    await h.settle();
    assert.equal(h.state, 'success');
    assert.equal(h.stored.has(KEY), false);
  });

  it('without snooze-days nothing is kept and a stored "Not now" is not honoured', async () => {
    h.config = { ...h.config, snoozeDays: undefined };
    h.stored.set(KEY, String(T0));
    await h.mount();
    assert.equal(h.state, 'ready');
    h.controller.skip();
    assert.equal(h.stored.has(KEY), false, '"Not now" without snooze-days forgets, never keeps');
  });

  it('a corrupt stored value fails open: the offer is loaded', async () => {
    h.stored.set(KEY, 'garbage');
    await h.mount();
    assert.equal(h.state, 'ready');
    assert.equal(h.of('corbado-append-skip').length, 0);
  });
});
