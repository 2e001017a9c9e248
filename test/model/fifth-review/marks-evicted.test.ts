/**
 * Found by the fifth outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * A finish's "finishing" mark on P is evicted from the start marks (MAX_MARKS = 8, claims.ts
 * markStart drops the oldest process) by eight other processes marked while the finishing page
 * sits in the back/forward cache (its claim let go on pagehide). Each page another tab opens
 * meanwhile sees P busy (the mark) and opens a process of its own — one more mark; the ninth
 * page finds P unmarked and free, reuses it, and its start voids the challenge the finish needs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROJECT, SECOND, finishWaitingInBfcache, nextSignIn, processes } from '../third-review/helpers.js';

describe('a finish in the back/forward cache while another tab shows nine pages', () => {
  it('keeps its process', async () => {
    const { w, checker, tab1, el } = await finishWaitingInBfcache();
    const P = processes(w, 'finish')[0];
    let tab2 = w.openTab(w.users[0]!);
    w.addElement(tab2);
    await w.advance(3 * SECOND);
    for (let i = 0; i < 8; i++) {
      w.closeTab(tab2);
      tab2 = w.openTab(w.users[0]!);
      w.addElement(tab2);
      await w.advance(3 * SECOND);
      checker.step();
    }
    assert.equal(processes(w, 'start').filter((p) => p === P).length, 1, 'no page of tab 2 started on the finishing process');
    w.showTab(tab1);
    await w.advance(20 * SECOND);
    checker.step();
    const passkey = w.made[0]!;
    const shown = el.controller.state;
    await nextSignIn(w);
    checker.end();
    assert.ok(w.server.hasCredential(PROJECT, passkey.id), `not stored (tab 1: ${shown.name})`);
    assert.equal(shown.name, 'success');
    assert.deepEqual(w.violations, []);
  });
});
