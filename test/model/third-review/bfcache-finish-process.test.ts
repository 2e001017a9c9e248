/**
 * Found by the third outside review of issue 19's fixes, and fixed: this story keeps it so.
 * (Line numbers as found.)
 *
 * Stated mechanism, README "Finish rules": "While a finish may still land, its process is marked in
 * use, so a page opened meanwhile … starts on a process of its own"; claims.ts: "A finish keeps its
 * claim until it ends, whatever happens to its element"; DESIGN "Tabs and elements sharing a kept
 * process never void each other's challenge".
 *
 * On `pagehide` every claim that is not pinned is let go (claims.ts 104-112), including the
 * *process* claim that the flow keeps for its running finish (controller.ts 276-279). Only the finish's
 * credential hold (`holdFinish`) is pinned. In the back/forward cache the page's timers stop, so the
 * finish's next attempt (and its re-mark, controller.ts 441-443) waits. The in-use mark is then
 * older than `IN_FLIGHT_MS` (30 s, claims.ts 238-241), so another tab's init finds the kept process
 * free (lock available, no recent mark) and reuses it (init.ts 330-349). Its start replaces the
 * challenge. Back from the cache, the finish's retry is refused (`validation_error`). After an
 * unknown first attempt that counts as "undecided", and the next offer signals the passkey away.
 *
 * Sequence (Web Locks, default readings): the user creates a passkey; finish attempt 1 gets a 500
 * (unknown, retry in 0.4 s). The user goes on to another page of the site (the page enters the
 * back/forward cache). 40 s later a second tab of the site shows the element and reuses the kept
 * process. The user comes back: the retry is refused, "may be stored", and the next sign-in signals
 * the passkey away.
 *
 * No numbered promise breaks (signalled, and "may be stored" was said), but a passkey the server
 * would have stored is lost, with Web Locks present. README "Limits" names lost click races
 * only *without* Web Locks.
 *
 * Likelihood: low to moderate. A finish that needs a retry, a back/forward navigation during it
 * (the user may go on after 4 s: "finish-pending"), and another tab that shows the offer
 * ≥ 30 s later.
 *
 * The fix: a finish's mark (`finishing`, stored `r: 1`) does not age until `markDone`, so no flow
 * reuses that process while the finish may still land (claims.ts `startingByAnother`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROJECT, SECOND, finishWaitingInBfcache, nextSignIn } from './helpers.js';

describe('a finish that waits in the back/forward cache', () => {
  it('keeps its process: another tab opened meanwhile does not void the challenge it still needs', async () => {
    const { w, checker, tab1, el } = await finishWaitingInBfcache();
    await w.advance(40 * SECOND);
    w.addElement(w.openTab(w.users[0]!)); // another tab shows the offer
    await w.advance(2 * SECOND);
    w.showTab(tab1); // back
    await w.advance(20 * SECOND);
    const passkey = w.made[0]!;
    assert.ok(w.server.hasCredential(PROJECT, passkey.id), `not stored (tab 1: ${el.controller.state.name})`);
    await nextSignIn(w);
    checker.end();
    assert.deepEqual(w.violations, []);
    assert.equal(w.signalled.has(passkey.id), false);
  });
});
