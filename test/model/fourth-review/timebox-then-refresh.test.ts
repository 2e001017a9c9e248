/**
 * Found by the fourth outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * Same root as watchdog-then-refresh: the conditional create's 3 s time-box aborts
 * it (too late: the password manager is saving the passkey); `conditionalOver` leaves `ready` with
 * conditional:false, so the refresh that falls due a moment later starts on the same process.
 * (Short options lifetime, so the refresh falls within the passkey's late arrival.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SECOND, assertLatePasskeyKept, conditionalOnOffer } from '../third-review/helpers.js';

describe('conditional time-box, then the refresh on the same process', () => {
  it('the late conditional passkey is stored, not signalled away', async () => {
    const { w, checker, conditional } = await conditionalOnOffer({ ttlMs: 8 * SECOND });
    assert.ok(conditional);
    await w.advance(2300);
    w.commit(conditional, 2500); // the password manager saves it just before the time-box; it arrives 2.5 s later
    await w.advance(15 * SECOND);
    assertLatePasskeyKept(w, checker, 'the passkey was signalled away');
  });
});
