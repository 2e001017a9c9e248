/**
 * Reconciliation of undecided finishes (`src/flow/reconcile.ts`): which remembered credentials a
 * start answer settles, and how.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forgetUndecided, loadUndecided, postponeUndecided, rememberUndecided, settleUndecided } from '../../src/flow/reconcile.js';
import { SETTLE_MS } from '../../src/times.js';

const T = 1_800_000_000_000;
function store() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}
const options = (userId: string, held: string[], rpId?: string) => ({
  rp: rpId ? { id: rpId } : {},
  user: { id: userId },
  excludeCredentials: held.map((id) => ({ id })),
});

describe('postponeUndecided', () => {
  it('moves a remembered record later, never earlier, and brings back nothing forgotten', () => {
    const s = store();
    const u = { id: 'a', rpId: 'shop.example', userId: 'u1', running: true as const };
    rememberUndecided(s, 'pro-1', { ...u, after: T, afterServer: T + 5 });
    postponeUndecided(s, 'pro-1', { ...u, after: T - 1, afterServer: T + 9 });
    assert.deepEqual(loadUndecided(s, 'pro-1'), [{ ...u, after: T, afterServer: T + 9 }]);
    postponeUndecided(s, 'pro-1', { ...u, after: T + 7 });
    assert.deepEqual(loadUndecided(s, 'pro-1'), [{ ...u, after: T + 7, afterServer: T + 9 }]);
    forgetUndecided(s, 'pro-1', 'a');
    postponeUndecided(s, 'pro-1', { ...u, after: T + 100 });
    assert.deepEqual(loadUndecided(s, 'pro-1'), []);
  });
});

describe('settleUndecided', () => {
  it('the server does not list it for its user: signalled away and forgotten; it lists it: forgotten (stored)', async () => {
    const s = store();
    rememberUndecided(s, 'pro-1', { id: 'lost', rpId: 'shop.example', userId: 'u1', after: T });
    rememberUndecided(s, 'pro-1', { id: 'kept', rpId: 'shop.example', userId: 'u1', after: T });
    const signalled: [string, string][] = [];
    const out = await settleUndecided(
      s,
      'pro-1',
      options('u1', ['kept', 'other']),
      'shop.example',
      T,
      (rpId, id) => void signalled.push([rpId, id]),
    );
    assert.deepEqual(out, ['lost']);
    assert.deepEqual(signalled, [['shop.example', 'lost']]);
    assert.deepEqual(loadUndecided(s, 'pro-1'), []);
  });
  it('another user (a shared device), another rp.id, before its time, or its finish still running (somewhere): untouched', async () => {
    const s = store();
    rememberUndecided(s, 'pro-1', { id: 'a', rpId: 'shop.example', userId: 'u1', after: T });
    rememberUndecided(s, 'pro-1', { id: 'b', rpId: 'other.example', userId: 'u1', after: T });
    rememberUndecided(s, 'pro-1', { id: 'c', rpId: 'shop.example', userId: 'u1', after: T + 1 });
    const signal = () => assert.fail('nothing to signal');
    assert.deepEqual(await settleUndecided(s, 'pro-1', options('u2', []), 'shop.example', T, signal), []);
    assert.deepEqual(await settleUndecided(s, 'pro-1', options('u1', []), 'shop.example', T - 1, signal), []);
    assert.deepEqual(await settleUndecided(s, 'pro-1', options('u1', []), 'shop.example', T, signal, () => Promise.resolve(true)), []);
    // Flagged running by its page: without a way to see that page, the flag decides (a clock set forward changes nothing).
    const flagged = store();
    rememberUndecided(flagged, 'pro-1', { id: 'd', rpId: 'shop.example', userId: 'u1', after: T - 1, running: true });
    assert.deepEqual(await settleUndecided(flagged, 'pro-1', options('u1', []), 'shop.example', T, signal), []);
    assert.equal(loadUndecided(flagged, 'pro-1').length, 1);
    assert.deepEqual(
      loadUndecided(s, 'pro-1').map((u) => u.id),
      ['a', 'b', 'c'],
    );
    // rp.id absent in the options: this host's.
    assert.deepEqual(await settleUndecided(s, 'pro-1', options('u1', ['a']), 'shop.example', T, signal), []);
    assert.deepEqual(
      loadUndecided(s, 'pro-1').map((u) => u.id),
      ['b', 'c'],
    );
  });
  it("a record with the server's time is due by the answer's Date: a device clock set forward settles nothing early", async () => {
    const S = T - 7_200_000; // the server's clock: the device's is two hours ahead (set forward)
    const s = store();
    rememberUndecided(s, 'pro-1', { id: 'a', rpId: 'shop.example', userId: 'u1', after: T - 60_000, afterServer: S + 60_000 });
    const signalled: string[] = [];
    const signal = (_: string, id: string) => void signalled.push(id);
    assert.deepEqual(
      await settleUndecided(s, 'pro-1', options('u1', []), 'shop.example', T, signal, undefined, S),
      [],
      'not yet, by the server',
    );
    assert.deepEqual(await settleUndecided(s, 'pro-1', options('u1', []), 'shop.example', T, signal, undefined, S + 60_000), ['a']);
    assert.deepEqual(signalled, ['a']);
    const local = store();
    rememberUndecided(local, 'pro-1', { id: 'b', rpId: 'shop.example', userId: 'u1', after: T - 60_000, afterServer: S + 60_000 });
    assert.deepEqual(
      await settleUndecided(local, 'pro-1', options('u1', []), 'shop.example', T, signal),
      ['b'],
      'no Date: by the wall clock',
    );
  });
  it('a finish that decided is forgotten; a signal that throws changes nothing; unreadable storage fails open', async () => {
    const s = store();
    rememberUndecided(s, 'pro-1', { id: 'a', rpId: 'shop.example', userId: 'u1', after: T });
    forgetUndecided(s, 'pro-1', 'a');
    assert.deepEqual(loadUndecided(s, 'pro-1'), []);
    rememberUndecided(s, 'pro-1', { id: 'b', rpId: 'shop.example', userId: 'u1', after: T });
    const out = await settleUndecided(s, 'pro-1', options('u1', []), 'shop.example', T + SETTLE_MS, () => {
      throw new TypeError('polyfill');
    });
    assert.deepEqual(out, ['b']);
    assert.deepEqual(loadUndecided(s, 'pro-1'), []);
    s.setItem('corbado-append:undecided:pro-1', '{"not":"a list"}');
    assert.deepEqual(loadUndecided(s, 'pro-1'), []);
    assert.deepEqual(loadUndecided(undefined, 'pro-1'), []);
  });
});
