/**
 * Found by the second outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * Promise 3 ("create() … never on options the element could know are void: past their deadline")
 * and the stated mechanism (README "The offer's clock": "The deadline is the earlier of the
 * options' (expiresMs) and the process's (expiresAt), 2 s early, read against the answer's `Date`
 * header"; "kept on both the monotonic clock and the wall clock … a phone's monotonic clock may
 * stand still while it sleeps"; "Time and environment": "a wrong local clock does not matter").
 *
 * Only the options' `expiresMs` is read against the start answer's `Date`. The process's end is
 * turned into a monotonic deadline once — at init's arrival (`HeldProcess.deadlineMs`), or, for a
 * kept process, from its stored `expiresAt` against the *local* wall clock — and every later offer
 * on that process takes min(options, that deadline), its wall deadline derived from it. So:
 *
 * 1. **A device clock that is behind**, with a readable `Date` (kept process, a repeat visit): the process looks alive for
 *    as long as the clock is off. Device 3 min behind; P lives 4 min; the next page 2 min later
 *    reuses P; its start answer is dated by the server (P has 2 min left) but the deadline says
 *    5 min; a tap 2.5 min later runs create() on void options: "not saved", signalled away.
 * 2. **A phone whose monotonic clock stood still while it slept** (with or without `Date`): the process's deadline never
 *    sees the sleep (no wall-clock copy). P lives 8 min; 30 s in, the phone sleeps 5 min; the
 *    first tap renews (the options' wall deadline passed, as designed), on P — its mono deadline
 *    still says 7.5 min left, its true life 2.5 min; the new offer's deadline (mono and wall) is
 *    5 min away; a tap 2.5 min later runs create() on options whose process died: "not saved".
 *
 * Likelihood: low to moderate — (1) a device clock minutes behind (a few percent of devices) and a
 * tap in the last <skew> of a kept process's life; (2) a sleeping phone (the README's own case) and
 * a tap in the window between the process's real end and the offer's refresh. The user loses the
 * passkey they just made.
 *
 * Fix: keep the process's end on the wall clock too (like `Offer.wallDeadlineMs`), and where the
 * start answer has a readable `Date`, measure the process's `expiresAt` against it (like
 * `expiresMs`) instead of a monotonic deadline taken once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MINUTE, PROJECT, SECOND, world, type World, type Element } from './helpers.js';

/** Tap and complete; the challenge's status on the server when create() ran (undefined: no create()). */
async function tapAndComplete(w: World, el: Element) {
  const sheet = w.openSheet(el);
  if (!sheet) return undefined;
  const status = w.server.challengeStatus(PROJECT, sheet.options.challenge);
  w.answer(sheet, 'complete');
  await w.advance(5 * SECOND);
  const saved = w.server.hasCredential(PROJECT, w.made.at(-1)!.id);
  return `${status} (passkey ${saved ? 'saved' : 'refused: "not saved", signalled away'})`;
}

describe("the process's end is read against the server's clock, like the options'", () => {
  it('a kept process on a device whose clock is 3 min behind: no create() after the process died', async () => {
    const w = world({ deviceOffsetMs: -3 * MINUTE, processTtlMs: 4 * MINUTE, ttlMs: 5 * MINUTE });
    const first = w.openTab(w.users[0]!);
    w.addElement(first);
    await w.advance(2 * MINUTE);
    w.closeTab(first); // to the next page (or a reload): the kept process is reused
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    assert.equal(el.controller.state.name, 'ready');
    await w.advance(2.5 * MINUTE);
    const status = await tapAndComplete(w, el);
    assert.ok(status === undefined || status.startsWith('live'), `create() ran on options that were ${status}`);
  });

  it('a phone that slept with its monotonic clock stopped: no create() after the process died', async () => {
    const w = world({ processTtlMs: 8 * MINUTE, ttlMs: 5 * MINUTE, dateHeader: false });
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(30 * SECOND);
    await w.sleep(5 * MINUTE, true); // locked for 5 minutes; performance.now() did not count them
    w.click(el); // the first tap renews: the options' wall deadline passed (as designed)
    assert.equal(w.sheets.length, 0);
    await w.advance(3 * SECOND);
    assert.equal(el.controller.state.name, 'ready', 'fresh options, on the same process');
    await w.advance(2.5 * MINUTE);
    assert.equal(el.controller.state.name, 'ready');
    const status = await tapAndComplete(w, el);
    assert.ok(status === undefined || status.startsWith('live'), `create() ran on options that were ${status}`);
  });
});
