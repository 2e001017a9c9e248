/**
 * Found by the sixth outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * A user who does nothing: the phone is locked on the offer for longer than the options live
 * (its timers do not run while it sleeps). On wake the element renews the options in the
 * background; that first request fails (the network is not back yet). It ended in the final error
 * card ("No passkey this time"), though the user never clicked and one more try would work. Now
 * the offer stays, its options never used; the next timer (or click) renews them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MINUTE, PROJECT, SECOND, world } from '../third-review/helpers.js';
import { events } from '../second-review/helpers.js';

describe('phone locked on the offer, network not yet back on wake', () => {
  it('no error for the user who did nothing; fresh options come, and the click makes the passkey', async () => {
    const w = world({ faults: { init: [], start: ['ok', 'drop'], finish: [], events: [] } });
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(2 * SECOND);
    const first = el.offer;
    assert.equal(el.controller.state.name, 'ready');
    await w.sleep(10 * MINUTE, false); // locked; the offer's deadline passes meanwhile
    await w.advance(6 * MINUTE); // woke; nothing clicked: the renewal went out, was dropped, and went out again
    assert.deepEqual(
      events(el).filter((e) => e.type === 'corbado-append-error'),
      [],
      'nothing reported to a user who did nothing',
    );
    assert.equal(el.controller.state.name, 'ready');
    assert.notEqual(el.offer, first, 'fresh options');
    w.answer(w.openSheet(el)!, 'complete');
    await w.advance(5 * SECOND);
    assert.equal(el.controller.state.name, 'success');
    assert.ok(w.server.hasCredential(PROJECT, w.made[0]!.id));
  });
});
