/**
 * Found by a 100,000-run model search once its clock jumps reached a day (seed 20261207, run
 * 7,260), and fixed: this story keeps it so.
 *
 * The device's clock is set back 26 hours; the offer's refresh then brings options of 20 s on a
 * process of 45 s, with a `Date` header — further than a day from the local clock, so not
 * believed, and the local reading ("more than 5 minutes read as 2") gave them two minutes. A click
 * after 70 s ran `create()` on options long void: `process_expired`, "not saved", the passkey
 * signalled away. A `Date` too far off to be believed still cuts a lifetime short now.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_READINGS } from '../../../emulator/model.js';
import { runOnce } from '../property.js';
import { lateFinishWorld } from './helpers.js';
import { PROJECT, type World } from '../world.js';

describe('a device clock set back 26 h, then a click 70 s on', () => {
  it("the offer keeps to the options' 20 s (refreshed in time): the click makes a passkey the server stores", async () => {
    let world: World | undefined;
    const violations = await runOnce(
      {
        ...lateFinishWorld(true),
        readings: { ...DEFAULT_READINGS, optionsOutliveProcess: true },
        locks: false,
        autoAppend: false,
        faults: { init: [], start: [], finish: [], events: [] },
      },
      [
        { t: 'jump', ms: -26 * 3_600_000 },
        { t: 'wait', ms: 70_000 },
        { t: 'click', el: 0, then: 'complete', after: 0 },
      ],
      (w) => (world = w),
    );
    assert.deepEqual(violations, []);
    const [passkey] = world!.made;
    assert.ok(passkey && world!.server.hasCredential(PROJECT, passkey.id), 'stored');
    assert.equal(world!.signalled.size, 0, 'nothing signalled away');
  });
});
