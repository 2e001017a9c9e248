/**
 * Found by the seventh outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * A device clock more than a day off: the start answers' `Date` was disbelieved (the one-day rule
 * of the offer's lifetime), so a record with `afterServer` was settled on the device clock, and a
 * finish's mark written on a clock two days behind aged at once when NTP set it right — a start
 * then voided the challenge the finish's late attempt needed. Now the server's clock is read from
 * any `Date` for reconciliation, and a finish's mark never ages.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clockThenReload, lateFinishWorld } from '../long-run/helpers.js';
import { runOnce } from '../property.js';
import { PROJECT, type World } from '../world.js';

const options = lateFinishWorld;
// (Two hours: test/model/long-run/clock-forward-closed-tab.test.ts.)
describe('clock set forward 25 h, tab reloaded while its finish is on its way (Date header readable)', () => {
  it('the passkey the late attempt stores is not signalled away', async () => {
    let world: World | undefined;
    const violations = await runOnce(options(true), clockThenReload(25 * 60 * 60_000), (w) => (world = w));
    const passkey = world!.made[0]!;
    assert.ok(world!.server.hasCredential(PROJECT, passkey.id), 'the late attempt stored it');
    assert.equal(world!.signalled.has(passkey.id), false, 'signalled away');
    assert.deepEqual(violations, []);
  });
});

describe('device clock two days behind (Date readable, not believed), NTP sets it right, tab reloaded while its finish is on its way', () => {
  it('the passkey the late attempt stores is not signalled away', async () => {
    let world: World | undefined;
    const steps = clockThenReload(2 * 86_400_000);
    const violations = await runOnce({ ...options(true), deviceOffsetMs: -2 * 86_400_000 }, steps, (w) => (world = w));
    const passkey = world!.made[0]!;
    assert.ok(world!.server.hasCredential(PROJECT, passkey.id), 'the late attempt stored it');
    assert.equal(world!.signalled.has(passkey.id), false, 'signalled away');
    assert.deepEqual(violations, [], 'no start voided the challenge the late attempt needs');
  });
});
