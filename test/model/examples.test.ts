/**
 * Worked examples on the model's world (world.ts: the real flow, the emulator's server model, a
 * simulated network and device): the interleavings the guarantees are about, one by one, each
 * as a plain story. The property (property.ts, run.ts) tries thousands more at random.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadUndecided } from '../../src/flow/reconcile.js';
import { PROJECT, World, plainDevice, type Fault, type WorldOptions } from './world.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const world = (over: Partial<WorldOptions> = {}) => new World(plainDevice(over));

/** The process (X-Corbado-Process-ID) of each request of `endpoint`, in order. */
const processes = (w: World, endpoint: string) => w.log.filter((l) => l.includes(`→ ${endpoint} `)).map((l) => l.split(' ')[4]);

/** Click and complete the sheet; the credential made. */
async function createPasskey(w: World, el: ReturnType<World['addElement']>) {
  const sheet = w.openSheet(el);
  assert.ok(sheet, 'create() ran for the click');
  await w.advance(2 * SECOND);
  w.answer(sheet, 'complete');
  await w.advance(5 * SECOND);
  return w.made.at(-1)!;
}

describe('two tabs of one browser share the kept process', () => {
  it("with Web Locks: the second tab opens a process of its own; the first tab's passkey is stored", async () => {
    const w = world({ locks: true });
    const tab1 = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    const tab2 = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    assert.equal(tab2.controller.state.name, 'ready');
    const [first, second] = processes(w, 'start');
    assert.notEqual(second, first, 'the second tab started on another process');
    assert.deepEqual(processes(w, 'init'), ['-', '-'], 'its own init, without the held process ID');
    const made = await createPasskey(w, tab1);
    assert.ok(w.server.hasCredential(PROJECT, made.id));
    assert.equal(tab1.controller.state.name, 'success');
  });
  it('without Web Locks: the second tab starts on the same process; the first sees it (storage event) and moves to a process of its own before the click', async () => {
    const w = world({ locks: false });
    const tab1 = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    w.addElement(w.openTab(w.users[0]!));
    await w.advance(2 * SECOND);
    const starts = processes(w, 'start');
    assert.equal(starts[1], starts[0], "tab 2 started on the kept process: tab 1's challenge is void");
    assert.equal(starts.length, 3, 'tab 1 renewed');
    assert.notEqual(starts[2], starts[0], 'on a process of its own');
    const made = await createPasskey(w, tab1);
    assert.ok(w.server.hasCredential(PROJECT, made.id), 'stored: no "not saved" after a valid ceremony');
  });
  it("without Web Locks, a click right after the other tab's start: no create() on the void options, the click renews them", async () => {
    const w = world({ locks: false });
    const tab1 = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    w.addElement(w.openTab(w.users[0]!));
    await w.advance(150); // tab 2's start has gone out; its storage event has reached tab 1 — or not yet
    w.click(tab1);
    assert.equal(w.sheets.length, 0, 'the mark was read in the click: no create()');
    await w.advance(2 * SECOND);
    assert.equal(tab1.controller.state.name, 'ready');
    const made = await createPasskey(w, tab1);
    assert.ok(w.server.hasCredential(PROJECT, made.id));
  });
  it('a finish keeps its process: an element added again while it runs takes a process of its own at once', async () => {
    const w = world({ faults: { init: [], start: [], finish: ['slow'], events: [] } });
    const tab = w.openTab(w.users[0]!);
    const el = w.addElement(tab);
    await w.advance(SECOND);
    w.click(el);
    w.answer(w.sheets[0]!, 'complete');
    await w.advance(100);
    w.removeElement(el); // a route change while the finish waits for its (slow) answer
    const again = w.addElement(tab);
    await w.advance(SECOND);
    assert.equal(again.controller.state.name, 'ready');
    const [first, second] = processes(w, 'start');
    assert.notEqual(second, first);
    await w.advance(MINUTE);
    assert.ok(w.server.hasCredential(PROJECT, w.made[0]!.id), 'the finish went on and stored it');
  });
});

describe('an undecided finish is settled on the next offer', () => {
  for (const [fault, stored] of [
    ['lost-answer', true],
    ['drop', false],
  ] as [Fault, boolean][]) {
    it(`every attempt ${fault === 'drop' ? 'lost on the way (never stored)' : 'stored, every answer lost'}: undecided, then ${stored ? 'kept' : 'signalled away'} by the next offer`, async () => {
      const w = world({ ttlMs: 20 * SECOND, faults: { init: [], start: [], finish: Array<Fault>(20).fill(fault), events: [] } });
      const el = w.addElement(w.openTab(w.users[0]!));
      await w.advance(SECOND);
      const made = await createPasskey(w, el);
      await w.advance(MINUTE);
      const error = el.fired.filter((e) => e.type === 'corbado-append-error').at(-1)!.detail as { code: string; maybeStored?: boolean };
      assert.deepEqual([error.code, error.maybeStored], ['finish-failed', true]);
      assert.equal(w.signalled.size, 0, 'nothing signalled while undecided');
      assert.deepEqual(
        loadUndecided(w.tabs[0]!.storage, PROJECT).map((u) => u.id),
        [made.id],
      );
      assert.equal(w.server.hasCredential(PROJECT, made.id), stored);
      await w.advance(2 * MINUTE);
      w.quiet = true;
      w.addElement(w.openTab(w.users[0]!)); // the next sign-in
      await w.advance(2 * SECOND);
      assert.equal(w.signalled.has(made.id), !stored);
      assert.deepEqual(loadUndecided(w.tabs[0]!.storage, PROJECT), [], 'settled either way');
    });
  }
  it('a tab closed while its finish had no answer yet: remembered from the start, settled by the next offer', async () => {
    const w = world({ ttlMs: 20 * SECOND, faults: { init: [], start: [], finish: ['drop'], events: [] } });
    const tab = w.openTab(w.users[0]!);
    const el = w.addElement(tab);
    await w.advance(SECOND);
    w.click(el);
    w.answer(w.sheets[0]!, 'complete');
    await w.advance(10); // the first attempt is on its way
    w.closeTab(tab);
    await w.advance(5 * MINUTE);
    w.quiet = true;
    w.addElement(w.openTab(w.users[0]!));
    await w.advance(2 * SECOND);
    assert.equal(w.signalled.has(w.made[0]!.id), true, 'never stored: signalled away');
  });
  it("another person's next sign-in on a shared device settles nothing of the first person's", async () => {
    const w = world({ ttlMs: 20 * SECOND, faults: { init: [], start: [], finish: Array<Fault>(20).fill('drop'), events: [] } });
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(SECOND);
    await createPasskey(w, el);
    await w.advance(5 * MINUTE);
    w.quiet = true;
    w.addElement(w.openTab(w.users[1]!));
    await w.advance(2 * SECOND);
    assert.equal(w.signalled.size, 0);
    assert.equal(loadUndecided(w.tabs[0]!.storage, PROJECT).length, 1);
  });
});
