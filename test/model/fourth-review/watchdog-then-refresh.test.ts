/**
 * Found by the fourth outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * A modal ceremony stopped by the watchdog shortly before the offer's refresh falls
 * due. backToOffer() only renews on a process of its own when the refresh was *already* due; the
 * refresh that falls due a moment later goes to the same process (ready + refresh-due with
 * conditional:false, stale undefined → loadOffer(false)) and replaces the challenge the late
 * passkey (the browser lost the race with the watchdog's abort) still needs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Checker, SECOND, assertLatePasskeyKept, world } from '../third-review/helpers.js';

describe('watchdog abort, then the refresh on the same process', () => {
  it('a passkey that arrives after the watchdog abort is stored, not signalled away', async () => {
    const w = world({ ttlMs: 5 * 60 * SECOND, processTtlMs: 60 * 60 * SECOND });
    const checker = new Checker(w);
    const tab = w.openTab(w.users[0]!);
    const el = w.addElement(tab);
    await w.advance(SECOND);
    const { refreshAtMs, watchdogMs } = el.offer!;
    // Open the sheet so that its watchdog fires 0.5 s before the refresh falls due.
    await w.advanceTo(tab, refreshAtMs - watchdogMs - 500);
    const sheet = w.openSheet(el)!;
    assert.equal(el.controller.state.name, 'creating');
    await w.advance(watchdogMs - 100);
    w.commit(sheet, 1500); // completed 0.1 s before the watchdog; the passkey reaches the page 1.4 s after it
    await w.advance(15 * SECOND);
    assert.ok(w.made[0], 'the passkey was made');
    assertLatePasskeyKept(w, checker, 'the passkey the user just made was signalled away');
  });
});
