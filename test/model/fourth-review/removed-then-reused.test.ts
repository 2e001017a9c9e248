/**
 * Found by the fourth outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * The element is removed while its passkey sheet is open (a route change), just as
 * the user completes it; the next route's element (same tab) reuses the kept process at once. The
 * removal's `stop` released the claim on P; the new flow sees P free, its last mark a done start,
 * and starts on it — replacing the challenge that the late passkey (the browser lost the race with
 * the abort) is finished aside on.
 */
import { describe, it } from 'node:test';
import { Checker, SECOND, assertLatePasskeyKept, world } from '../third-review/helpers.js';

describe('removal during the sheet, a new element at once', () => {
  it('the late passkey of the removed element is stored, not signalled away', async () => {
    const w = world();
    const checker = new Checker(w);
    const tab = w.openTab(w.users[0]!);
    const el = w.addElement(tab);
    await w.advance(SECOND);
    const sheet = w.openSheet(el)!;
    await w.advance(5 * SECOND);
    w.commit(sheet, 1500); // the user completes the sheet; the passkey reaches the page 1.5 s later
    await w.advance(100);
    w.removeElement(el); // the route changes: its ceremony is aborted (too late)
    await w.advance(50);
    w.addElement(tab); // the next route shows the element again
    await w.advance(15 * SECOND);
    assertLatePasskeyKept(w, checker, 'the passkey the user just made was signalled away');
  });
});
