/**
 * Found by the third outside review of issue 19's fixes, and fixed: this story keeps it so.
 * (Line numbers as found.)
 *
 * Promise 1 ("A passkey the server stores is never signalled away, before or after it stores it").
 *
 * README "Reconciliation": "Never while a finish of it may run … never within a minute of its last
 * attempt", and the assumption "A request the client gave up on reaches the server within a minute
 * or never (`SETTLE_MS`)". The page that ran the finish keeps to that assumption itself: it holds the
 * credential (`holdFinish`) for `SETTLE_MS` after an undecided end (controller.ts 455-460). But the
 * only thing *another* page sees without Web Locks is the record in `localStorage`, and at the end
 * of the finish it is rewritten **without** `running` and with `after = end + SETTLE_MS` on the local
 * wall clock (controller.ts 456). So, although the finishing page is still open and knows its
 * last request may still land, one wall-clock jump forward (NTP, a manual fix, auto-time) makes
 * another tab's next start answer settle the credential at once. That answer does not list it
 * yet, so it is signalled away (reconcile.ts 225-234). A moment later the request the client gave up on
 * lands, and the server stores the passkey the device has just forgotten.
 *
 * The second review fixed the same race *while the finish runs* (settle-clock-jump.test.ts: the
 * `running` flag). README "Limits" names a clock set forward "in the minute after a tab was closed
 * with its finish unanswered"; here no tab is closed. The finishing page is open and still holds the
 * credential for that minute.
 *
 * Sequence (no Web Locks; default readings, `Date` header): tab 1 and tab 2 share the kept process;
 * tab 1 sees tab 2's start mark and moves to a process of its own (examples.test.ts, the no-lock
 * case). The user creates a passkey in tab 1. Its finish attempts are lost (3 × network error), and the
 * 4th is slow to reach the server. The client gives up on it after 10 s, and that is the finish's
 * end (undecided, "may be stored"). The device's clock is set 5 min forward. The user reloads tab 2,
 * which starts on the kept process for the same user. Its answer settles tab 1's passkey
 * (`after` looks 4 minutes past, no `running` flag, no lock to ask) and signals it away. Two seconds later
 * tab 1's 4th attempt reaches the server, which stores it.
 *
 * Second case: the same on one kept process, under the reading "a start *adds* a challenge".
 *
 * Likelihood: low. It needs a browser without Web Locks (Safari < 15.4, Firefox < 96), a forward
 * clock jump of more than a minute, and a same-user offer in another tab in the seconds between the
 * finish giving up and its last request landing. The cost is the worst kind: a passkey
 * stored on the server that no device has.
 *
 * The fix: the finishing page keeps `running: true` in the record until its own `SETTLE_MS`
 * timer fires, then rewrites it without (controller.ts `#finish`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_READINGS } from '../../../emulator/model.js';
import type { Fault } from '../world.js';
import { Checker, MINUTE, SECOND, assertStoredNeverSignalled, passkeyInFirstTab, processes, untilUndecidedEnd, world } from './helpers.js';

/** Three attempts lost on the way, the fourth reaches the server 12 s later (after the client's 10 s timeout). */
const finish: Fault[] = ['drop', 'drop', 'drop', 'late'];

describe('without Web Locks, a clock set forward in the minute after a finish ended undecided (its page still open)', () => {
  it("another tab's offer never signals away the passkey that the finish's last request then stores", async () => {
    const w = world({ locks: false, ttlMs: 22 * SECOND, faults: { init: [], start: [], finish, events: [] } });
    const checker = new Checker(w);
    const tab1 = w.openTab(w.users[0]!);
    const el = w.addElement(tab1);
    await w.advance(SECOND);
    const tab2 = w.openTab(w.users[0]!);
    w.addElement(tab2); // starts on the kept process: tab 1 moves to a process of its own
    await w.advance(3 * SECOND);
    const [kept, , own] = processes(w, 'start');
    assert.notEqual(own, kept, 'tab 1 renewed on a process of its own');
    await w.clickAndComplete(el, SECOND);
    await untilUndecidedEnd(w, el); // "may be stored"; the 4th attempt is still on its way
    w.jumpClock(5 * MINUTE); // the device's clock is set forward
    w.closeTab(tab2);
    w.addElement(w.openTab(w.users[0]!)); // tab 2 reloaded: a start on the kept process, same user
    await w.advance(20 * SECOND);
    assertStoredNeverSignalled(w, checker, "the finish's last request stored it");
  });

  it('the same on one kept process, where a start adds a challenge (scenario.readings)', async () => {
    const w = world({
      readings: { ...DEFAULT_READINGS, startChallenge: 'add' },
      locks: false,
      ttlMs: 20 * SECOND,
      faults: { init: [], start: [], finish, events: [] },
    });
    const checker = new Checker(w);
    const { el } = await passkeyInFirstTab(w);
    await untilUndecidedEnd(w, el);
    w.jumpClock(5 * MINUTE);
    w.addElement(w.openTab(w.users[0]!)); // a second tab of the same user
    await w.advance(20 * SECOND);
    assertStoredNeverSignalled(w, checker, "the finish's last request stored it");
  });
});
