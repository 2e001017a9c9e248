/**
 * Found by the seventh outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * The sixth review's story (phone locked on the offer, network not back on wake), but the renewal
 * fails at its first step: the site's appendTokenProvider (a fetch to the site's own backend) finds
 * no network either. `unreachable` knew only `api-unavailable`: the user who did nothing got the
 * final error card.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MINUTE, SECOND, world } from '../third-review/helpers.js';
import { events } from '../second-review/helpers.js';

describe('phone locked on the offer; on wake the token provider has no network yet', () => {
  it('no error for the user who did nothing', async () => {
    const w = world();
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(2 * SECOND);
    assert.equal(el.controller.state.name, 'ready');
    const provider = el.config.appendTokenProvider as () => Promise<string>;
    let offline = true;
    const calls: string[] = [];
    el.config.appendTokenProvider = () => (
      calls.push(`${w.trueNow - 1_800_000_000_000} ${offline} ${el.controller.state.name}`),
      offline ? ((offline = false), Promise.reject(new TypeError('Failed to fetch'))) : provider()
    );
    await w.sleep(10 * MINUTE, false);
    // woke; the tab's timers run on: the renewal asks the provider once while the network is not back (the next call finds it)
    await w.advance(6 * MINUTE);
    const errors = events(el).filter((e) => e.type === 'corbado-append-error');
    assert.deepEqual(errors, [], 'nothing reported to a user who did nothing');
    assert.equal(el.controller.state.name, 'ready');
    assert.ok(calls.length >= 1, 'the provider was asked while offline');
  });
});
