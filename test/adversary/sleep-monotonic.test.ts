/**
 * FINDING: a phone that sleeps lets create() run on dead options.
 *
 * Promise broken: 3 — "create() … never on options the element could know are void: past their
 * deadline". README "The offer's clock": "Deadlines run on the monotonic clock
 * (performance.now()) … so a late timer (a frozen tab, a sleeping device) never lets a ceremony
 * start on dead options."
 *
 * The environment: on Android (Chrome) and iOS (Safari, every iOS browser) `performance.now()`
 * does not advance while the device is asleep (HR-Time issue w3c/hr-time#115; MDN
 * "performance.now() › Ticking during sleep": only Chrome and Firefox on Windows keep ticking).
 * The model's world has exactly this (`sleep(ms, monoStops = true)`), but its checker excuses it
 * as something the element "could not know" — yet `Date.now()` jumped by the whole sleep, and
 * the element reads the wall clock anyway (finish bookkeeping, marks, receivedAtMs).
 *
 * Sequence (one tab, Web Locks, a Date header, options of 5 min, nothing else unusual):
 *   1. sign-in page loads: init, start → the offer is shown (options live 5 min);
 *   2. the user locks the phone for 10 minutes (performance.now() stands still; the server's
 *      options expire after 5);
 *   3. the user unlocks and taps "Create passkey" — the element's deadline (monotonic) has not
 *      come, the refresh timer has not fired, so create() runs on the expired options;
 *   4. the user confirms with Face ID: a passkey is made, the finish is refused
 *      (`process_expired`), the passkey is signalled away and the user reads "Your passkey
 *      wasn't saved" — after doing everything right.
 *
 * Likelihood: high on phones — unlocking after a while and tapping the offer that is still on
 * screen is an everyday path.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROJECT } from '../model/world.js';
import { MINUTE, SECOND, world } from './world-plus.js';

describe('a phone that sleeps (performance.now() stops while asleep)', () => {
  it('create() never runs on options whose expiresMs passed during the sleep', async () => {
    const w = world({ ttlMs: 5 * MINUTE, dateHeader: true });
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    assert.equal(el.controller.state.name, 'ready', 'the offer is shown');

    await w.sleep(10 * MINUTE, true); // the phone is locked for 10 minutes
    await w.advance(SECOND);
    w.click(el); // unlocked; the offer is still on screen; the user taps "Create passkey"

    const sheet = w.sheets.at(-1);
    const status = sheet && w.server.challengeStatus(PROJECT, sheet.options.challenge);
    // What happens next today: the user confirms, the finish is refused, the passkey is signalled away.
    if (sheet) {
      await w.advance(2 * SECOND);
      w.answer(sheet, 'complete');
      await w.advance(5 * SECOND);
    }
    const made = w.made.at(-1);
    const errors = el.fired.filter((e) => e.type === 'corbado-append-error').map((e) => JSON.stringify(e.detail));
    assert.ok(
      !sheet || status === 'live',
      `create() ran on options that were already ${status} on the server; ` +
        `the passkey ${made?.id} was ${made && w.signalled.has(made.id) ? 'signalled away' : 'made'} and the page heard ${errors.join(', ')}`,
    );
  });
});
