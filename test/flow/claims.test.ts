/**
 * Coordination between flows that share Corbado's kept process (`src/flow/claims.ts`): claims
 * over Web Locks (a stand-in lock manager with the API's `ifAvailable` semantics) or within the
 * page, let go in the back/forward cache; start marks in `localStorage`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  markDone,
  markStart,
  parseStarts,
  processClaims,
  readStarts,
  startedByAnother,
  startingByAnother,
  type LockManagerLike,
} from '../../src/flow/claims.js';
import { IN_FLIGHT_MS } from '../../src/times.js';

/** Web Locks of one origin, `ifAvailable` only. */
function lockManager() {
  const held = new Set<string>();
  const locks: LockManagerLike = {
    request(name, _options, callback) {
      if (held.has(name)) return Promise.resolve(callback(null));
      held.add(name);
      return Promise.resolve(callback({ name })).finally(() => held.delete(name));
    },
  };
  return { locks, held };
}

/** A page's lifecycle: `hide()` fires pagehide, `show()` pageshow (persisted). */
function lifecycle() {
  const hide: (() => void)[] = [];
  const show: (() => void)[] = [];
  return {
    onHide: (l: () => void) => void hide.push(l),
    onShow: (l: () => void) => void show.push(l),
    hide: () => hide.forEach((l) => l()),
    show: () => show.forEach((l) => l()),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('claims', () => {
  it('with Web Locks: one holder per process across pages; released, it is free again', async () => {
    const { locks, held } = lockManager();
    const tab1 = processClaims(locks);
    const tab2 = processClaims(locks);
    const claim = await tab1.claim('pro-1', 'cap-1');
    assert.ok(claim);
    assert.deepEqual([...held], ['corbado-append:process:pro-1:cap-1']);
    assert.equal(await tab2.claim('pro-1', 'cap-1'), undefined, 'held by another page');
    assert.ok(await tab2.claim('pro-1', 'cap-2'), 'another process is free');
    assert.ok(await tab2.claim('pro-2', 'cap-1'), 'another project is free');
    claim.release();
    claim.release(); // idempotent
    await tick();
    assert.ok(await tab2.claim('pro-1', 'cap-1'));
  });
  it('a lock this page let go of a moment ago (the browser releases it asynchronously) is waited for, not left to "another flow"', async () => {
    const { locks, held } = lockManager();
    const claims = processClaims(locks);
    const first = (await claims.claim('pro-1', 'cap-1'))!;
    first.release(); // an element removed…
    assert.equal(held.size, 1, 'still held by the browser for a moment');
    const again = await claims.claim('pro-1', 'cap-1'); // …and one added at once
    assert.ok(again, 'the same process: no needless init');
  });
  it('without Web Locks (Safari < 15.4, Firefox < 96), or where they throw (an opaque origin): within the page', async () => {
    const throwing: LockManagerLike = { request: () => Promise.reject(new DOMException('opaque origin', 'SecurityError')) };
    for (const locks of [undefined, throwing]) {
      const page = processClaims(locks);
      const claim = await page.claim('pro-1', 'cap-1');
      assert.ok(claim);
      assert.equal(await page.claim('pro-1', 'cap-1'), undefined);
      claim.release();
      assert.ok(await page.claim('pro-1', 'cap-1'));
      assert.ok(await processClaims(locks).claim('pro-1', 'cap-1'), 'another page cannot see it');
    }
  });
  it('let go on pagehide (a held lock keeps a page out of the back/forward cache), lost on pageshow', async () => {
    const { locks, held } = lockManager();
    const page = lifecycle();
    const claims = processClaims(locks, page);
    const claim = (await claims.claim('pro-1', 'cap-1'))!;
    let lost = 0;
    claim.onLost = () => void lost++;
    page.hide();
    await tick();
    assert.equal(held.size, 0, 'no lock held while hidden');
    const other = await processClaims(locks).claim('pro-1', 'cap-1');
    assert.ok(other, 'another page may take it meanwhile');
    page.show();
    await tick();
    assert.equal(lost, 1, 'so it counts as lost: its flow moves to a process of its own');
    claim.release(); // a no-op now
    assert.equal(held.size, 1, "the other page's lock stays");
  });
});

describe('finish holds', () => {
  it('a running finish is seen from its page at once and, with Web Locks, from other pages; kept through the back/forward cache', async () => {
    const { locks } = lockManager();
    const page = lifecycle();
    const tab1 = processClaims(locks, page);
    const tab2 = processClaims(locks);
    const hold = tab1.holdFinish('cred-1');
    assert.equal(await tab1.finishRunning('cred-1'), true, 'its page: synchronous');
    await tick();
    assert.equal(await tab2.finishRunning('cred-1'), true, 'another page: through the lock');
    page.hide();
    await tick();
    assert.equal(await tab2.finishRunning('cred-1'), true, 'a frozen finish still runs');
    hold.release();
    await tick();
    assert.equal(await tab2.finishRunning('cred-1'), false);
    assert.equal(await tab2.finishRunning('cred-1'), false, 'asking takes nothing');
  });
  it("without Web Locks only its own page can tell; another keeps to the record's flag", async () => {
    const tab1 = processClaims(undefined);
    tab1.holdFinish('cred-1');
    assert.equal(await tab1.finishRunning('cred-1'), true);
    assert.equal(await processClaims(undefined).finishRunning('cred-1'), false);
    assert.equal(await processClaims(undefined).finishRunning('cred-1', true), true);
  });
});

describe('start marks', () => {
  const storage = () => {
    const map = new Map<string, string>();
    return {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
      map,
    };
  };
  it('the last starter per process, at most 8 processes whose starts were answered, oldest dropped', () => {
    const store = storage();
    for (let i = 0; i < 10; i++) {
      markStart(store, 'pro-1', `cap-${i}`, `f${i}`, 1000 + i);
      markDone(store, 'pro-1', `cap-${i}`, `f${i}`);
    }
    const marks = readStarts(store, 'pro-1');
    assert.deepEqual(Object.keys(marks), ['cap-2', 'cap-3', 'cap-4', 'cap-5', 'cap-6', 'cap-7', 'cap-8', 'cap-9']);
    markStart(store, 'pro-1', 'cap-2', 'g', 2000);
    assert.deepEqual(readStarts(store, 'pro-1')['cap-2'], { flowId: 'g', at: 2000, done: false });
    assert.equal(startedByAnother(store, 'pro-1', 'cap-2', 'g'), false, 'its own');
    assert.equal(startedByAnother(store, 'pro-1', 'cap-2', 'f2'), true);
    assert.equal(startedByAnother(store, 'pro-1', 'cap-99', 'g'), false, 'unmarked');
  });
  it(`a start of another flow may still land: marked, not done, within ${IN_FLIGHT_MS} ms (or ahead: a clock set back)`, () => {
    const store = storage();
    markStart(store, 'pro-1', 'cap-1', 'other', 10_000);
    assert.equal(startingByAnother(store, 'pro-1', 'cap-1', 'me', 10_000 + IN_FLIGHT_MS - 1), true);
    assert.equal(startingByAnother(store, 'pro-1', 'cap-1', 'me', 10_000 + IN_FLIGHT_MS), false, 'long answered or given up');
    assert.equal(startingByAnother(store, 'pro-1', 'cap-1', 'me', 5000), true, 'a time ahead of the clock');
    assert.equal(startingByAnother(store, 'pro-1', 'cap-1', 'other', 10_001), false, 'its own');
    markDone(store, 'pro-1', 'cap-1', 'someone-else'); // not its mark: nothing
    assert.equal(startingByAnother(store, 'pro-1', 'cap-1', 'me', 10_001), true);
    markDone(store, 'pro-1', 'cap-1', 'other');
    assert.equal(startingByAnother(store, 'pro-1', 'cap-1', 'me', 10_001), false, 'answered: it cannot land later');
  });
  it("a finish's mark does not age: its process is not reused until the finish is done, however long its page slept", () => {
    const store = storage();
    markStart(store, 'pro-1', 'cap-1', 'other', 10_000, true);
    assert.deepEqual(readStarts(store, 'pro-1')['cap-1'], { flowId: 'other', at: 10_000, done: false, finishing: true });
    assert.match(store.map.get('corbado-append:starts:pro-1')!, /"r":1/);
    assert.equal(startingByAnother(store, 'pro-1', 'cap-1', 'me', 10_000 + 100 * IN_FLIGHT_MS), true);
    markStart(store, 'pro-1', 'cap-1', 'other', 20_000); // a start of the same flow after: ages again
    assert.equal(startingByAnother(store, 'pro-1', 'cap-1', 'me', 20_000 + IN_FLIGHT_MS), false);
    markStart(store, 'pro-1', 'cap-1', 'other', 30_000, true);
    markDone(store, 'pro-1', 'cap-1', 'other');
    assert.equal(startingByAnother(store, 'pro-1', 'cap-1', 'me', 30_001), false, 'done: nothing of it can land later');
  });
  it('a mark that may still land is never dropped to make room: answered and aged ones go first', () => {
    const store = storage();
    const now = 1_000_000_000;
    markStart(store, 'pro-1', 'cap-finishing', 'fin', now - IN_FLIGHT_MS * 100, true); // a page frozen mid-finish
    markStart(store, 'pro-1', 'cap-flying', 'fly', now - 1000);
    markStart(store, 'pro-1', 'cap-aged', 'old', now - IN_FLIGHT_MS - 1);
    // Twelve more pages start on processes of their own, their starts answered.
    for (let i = 0; i < 12; i++) {
      markStart(store, 'pro-1', `cap-${i}`, `f${i}`, now + i);
      markDone(store, 'pro-1', `cap-${i}`, `f${i}`);
    }
    const kept = Object.keys(readStarts(store, 'pro-1'));
    assert.ok(kept.includes('cap-finishing') && kept.includes('cap-flying'), kept.join());
    assert.equal(startingByAnother(store, 'pro-1', 'cap-finishing', 'me', now + 20), true, 'its process still kept off');
    assert.ok(!kept.includes('cap-aged') && !kept.includes('cap-0'), 'aged and old answered marks dropped');
    assert.equal(kept.length, 2 + 8, 'the live two, and eight others');
    // Days on (or a wall clock corrected by days): a finish's mark still counts — its process is given up, nothing lost.
    assert.equal(startingByAnother(store, 'pro-1', 'cap-finishing', 'me', now + 3 * 86_400_000), true);
  });
  it('unreadable marks fail open (none), blocked storage keeps none and throws nothing', () => {
    for (const text of [null, '', 'nope', '[]', '{"cap-1":"f"}', '{"cap-1":{"f":1,"t":"x"}}'])
      assert.deepEqual(parseStarts(text), {}, String(text));
    const blocked = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      removeItem: () => undefined,
    };
    markStart(blocked, 'pro-1', 'cap-1', 'f', 1);
    assert.equal(startedByAnother(blocked, 'pro-1', 'cap-1', 'g'), false);
    assert.equal(startedByAnother(undefined, 'pro-1', 'cap-1', 'g'), false);
  });
});
