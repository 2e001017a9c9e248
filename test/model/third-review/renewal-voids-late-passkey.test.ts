/**
 * Found by the third outside review of issue 19's fixes, and fixed: this story keeps it so.
 * (Line numbers as found.)
 *
 * A passkey the user just made is lost because of the element's own renewal. This is the
 * mechanism the README states in "Finish rules" ("A credential that arrives after its ceremony was
 * aborted (the browser lost the race with the abort) is finished all the same") and in offer-clock.ts
 * `FINISH_MARGIN_MS` ("the deadline comes 2 s early so a passkey made right before it still
 * reaches the server in time"). It is the case of second-review/finish-wrong-process.test.ts, but
 * with a process that is *not* dying: that story (process 4 min) renews on a process of the flow's
 * own, so the old challenge survives. Here the process lives on (an hour, the plain case), so the
 * renewal's start goes to the **same** process and, under the emulator's default reading (a start
 * *replaces* the challenge), voids the challenge that the late passkey's finish still needs.
 *
 * transition.ts 384-389 (`creating` + `expired`): abort the sheet, `renew(s, true, false, …)`, so
 * `loadOffer(fresh = false)`. controller.ts 381-389 (`#loadOffer`): the held process is not dying,
 * so there is no process of its own and the start goes to P. controller.ts 501-512: the passkey arrives
 * 0.2 s later and the state is `renewing`, so it is finished aside on P (to the right process, since the
 * second review). By then the renewal's start has replaced P's challenge, so the finish's first attempt is
 * refused (`validation_error`: challenge not of this process). That is first-hand, so finish.ts
 * 118-123 signals the credential away (`signalUnknownCredential`). The user, who has just confirmed
 * the sheet, sees "expired", and the passkey is gone from the device.
 *
 * No numbered promise breaks: the refusal is real, the credential is signalled away, not orphaned.
 * The stated mechanism does break, and the server would have stored the passkey: the finish reached it
 * about 1.7 s before the challenge's own `expiresMs`.
 *
 * Likelihood: low. The user completes the sheet in the last fraction of a second before the
 * offer's deadline, and the engine delivers the credential after our abort. The same applies to
 * `ready` + `expired`/a late click (`dropConditional`) while a conditional create is committing,
 * and to `watchdog` → `backToOffer` with `refreshDue` (a refresh on P right after the abort).
 *
 * The fix: every move that aborts a ceremony whose credential may still arrive (`creating` +
 * `expired`, the watchdog with a refresh due, a conditional create dropped by a refresh, an
 * expiry or a late click) renews on a process of the flow's own (transition.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Checker, MINUTE, PROJECT, SECOND, passkeyAtTheDeadline, world } from './helpers.js';

describe('a passkey completed at the deadline, the expiry abort too late (process not dying)', () => {
  it('is finished on a challenge its own renewal did not void, and stored', async () => {
    const w = world({ ttlMs: 5 * MINUTE, processTtlMs: 60 * MINUTE });
    const checker = new Checker(w);
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    await passkeyAtTheDeadline(w, el);
    checker.step();
    const passkey = w.made[0]!;
    assert.ok(passkey, 'the passkey was made');
    assert.deepEqual(w.violations, []);
    assert.equal(w.signalled.has(passkey.id), false, 'the passkey the user just made was signalled away');
    assert.ok(w.server.hasCredential(PROJECT, passkey.id), 'stored');
  });
});
