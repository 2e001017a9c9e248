/**
 * Found by the second outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * Promise 2 ("`complete-noop` only when a passkey of this device is on the server").
 *
 * transition.ts `refusedAtOnce`: on WebKit, a `NotAllowedError` within 500 ms of a click's
 * create() whose options exclude *any* credential is read as "a passkey of this device is already
 * on the server" (WebKit bug 219813) → `complete-noop`, "already registered". But
 * `excludeCredentials` lists every credential of the *user* — most often on other devices (that is
 * why a passkey is appended on this one: a phone passkey, a security key, an Android phone while
 * this is a Mac). Safari refuses at once for other reasons too — README "Engines" names one: a
 * cross-origin frame without `allow="publickey-credentials-create"`, which Safari cannot read. The
 * generators never produce a user whose stored passkey is not on this device's authenticator.
 *
 * Sequence: the user has a passkey on another device (stored on the server, not in this
 * authenticator); on Safari the start lists it in `excludeCredentials`; the user taps; Safari
 * refuses at once (frame policy, or any other instant refusal); the element fires
 * `complete-noop` and shows "already set up" — nothing of this device is on the server, the user
 * is never offered the passkey again on this visit, and the host records a passkey that does not exist.
 *
 * Likelihood: moderate on Safari for users with passkeys elsewhere whenever Safari refuses
 * instantly for a reason other than exclusion (cross-origin frames; Safari's activation rules).
 *
 * Fix: do not read an instant refusal as "excluded" on the first one; e.g. treat it as the other
 * refusals (cancel notice, a second one in a row ends), or ask the server/`excludeCredentials`
 * transports ("internal"/"hybrid") whether one of them can be on this device before saying so.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Checker, SECOND, events, world } from './helpers.js';

describe('Safari, a user whose passkey lives on another device', () => {
  it('an instant refusal is not reported as "a passkey of this device is on the server"', async () => {
    const w = world({ oldWebKit: false }); // Safari 16 on (InvalidStateError for an excluded credential)
    // The user's passkey from another device: made and stored, then gone from this authenticator.
    const phone = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    await w.clickAndComplete(phone, SECOND);
    await w.advance(5 * SECOND);
    assert.equal(phone.controller.state.name, 'success');
    w.authenticator.clear(); // it lives on the phone, not on this Mac
    w.removeElement(phone);

    const checker = new Checker(w);
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    assert.equal(el.controller.state.name, 'ready');
    const sheet = w.openSheet(el)!;
    assert.equal(sheet.options.excludeCredentials?.length, 1, "the phone's passkey is excluded");
    w.answer(sheet, 'refuse'); // Safari refuses at once (a cross-origin frame it cannot read the policy of, say)
    await w.advance(SECOND);
    const complete = events(el).find((e) => e.type === 'corbado-append-complete');
    checker.step();
    assert.deepEqual(w.violations, []);
    assert.equal(complete, undefined, `fired ${JSON.stringify(complete?.detail)}`);
  });
});
