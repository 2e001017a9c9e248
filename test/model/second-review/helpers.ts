/**
 * Shared helpers of the second adversarial review's stories (test/adversary2/*.test.ts): the model's
 * world (test/model/world.ts) as it is, plus a few conveniences.
 */
import assert from 'node:assert/strict';
import { Checker } from '../property.js';
import { PROJECT, World, plainDevice, type Element, type SheetRecord, type WorldOptions } from '../world.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export { Checker, PROJECT, World, plainDevice };
export type { Element, WorldOptions };

export const world = (over: Partial<WorldOptions> = {}) => new World(plainDevice(over));

/**
 * A device whose browser reports conditional create, on a project with `conditionalAppend` (`over`
 * changes more): the checker watching, one element that offers, and the conditional create that
 * runs on its offer half a second in.
 */
export async function conditionalOnOffer(over: Partial<WorldOptions> = {}) {
  const w = world({ conditionalAppend: true, conditionalCreate: true, ...over });
  const checker = new Checker(w);
  const el = w.addElement(w.openTab(w.users[0]!));
  await w.advance(500);
  return { w, checker, el, conditional: w.sheets.find((s) => s.conditional)! };
}

/**
 * The user opens the passkey sheet late in the offer's life: 5 s before its refresh falls due (on
 * the element's tab's monotonic clock). The sheet that click opened.
 */
export async function openSheetBeforeRefresh(w: World, el: Element): Promise<SheetRecord> {
  await w.advanceTo(el.tab, el.offer!.refreshAtMs - 5 * SECOND);
  return w.openSheet(el)!;
}

/**
 * A passkey made at the offer's deadline, the expiry's abort too late: the user opens the sheet
 * ({@link openSheetBeforeRefresh}), completes it 0.1 s before the deadline, and the passkey reaches
 * the page 0.2 s after it; then 10 s pass.
 */
export async function passkeyAtTheDeadline(w: World, el: Element): Promise<void> {
  const sheet = await openSheetBeforeRefresh(w, el);
  assert.equal(el.controller.state.name, 'creating');
  await w.advanceTo(el.tab, el.offer!.deadlineMs - 100);
  w.commit(sheet, 300);
  await w.advance(10 * SECOND);
}

/**
 * Promise 1 at a story's end, the checker's step first: the device's first passkey is on the server
 * (`storedBy`: which request of its finish stored it), no tab signalled it away, and no invariant broke.
 */
export function assertStoredNeverSignalled(w: World, checker: Checker, storedBy: string): void {
  checker.step();
  const passkey = w.made[0]!;
  assert.ok(w.server.hasCredential(PROJECT, passkey.id), storedBy);
  assert.equal(w.signalled.has(passkey.id), false, 'a stored passkey was signalled away (deleted from the device)');
  assert.deepEqual(w.violations, []);
}

/** The user goes on, later signs in again on a quiet network: what stayed undecided is settled. */
export async function nextSignIn(w: World, user = 0) {
  for (const e of w.elements) if (e.isConnected) w.removeElement(e);
  await w.advance(10 * MINUTE);
  w.quiet = true;
  w.addElement(w.openTab(w.users[user]!));
  await w.advance(30 * SECOND);
}

/** The process (X-Corbado-Process-ID) of each request of `endpoint`, in order. */
export const processes = (w: World, endpoint: string) => w.log.filter((l) => l.includes(`→ ${endpoint} `)).map((l) => l.split(' ')[4]);

/** Every event an element fired but the reflected state. */
export const events = (el: Element) => el.fired.filter((e) => e.type !== 'corbado-append-state');
