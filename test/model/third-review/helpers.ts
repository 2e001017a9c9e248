/**
 * Helpers of the third outside review's stories: the model's world as it is (test/model/world.ts),
 * plus the second review's conveniences.
 */
import assert from 'node:assert/strict';
import { Checker, PROJECT, SECOND, world } from '../second-review/helpers.js';
import type { Element, Tab, World } from '../world.js';

export {
  Checker,
  MINUTE,
  PROJECT,
  SECOND,
  assertStoredNeverSignalled,
  conditionalOnOffer,
  nextSignIn,
  openSheetBeforeRefresh,
  passkeyAtTheDeadline,
  processes,
  world,
} from '../second-review/helpers.js';

/** A first tab of the first user whose element offers; the user clicks and, a second later, completes the sheet. */
export async function passkeyInFirstTab(w: World): Promise<{ tab1: Tab; el: Element }> {
  const tab1 = w.openTab(w.users[0]!);
  const el = w.addElement(tab1);
  await w.advance(SECOND);
  await w.clickAndComplete(el, SECOND);
  return { tab1, el };
}

/**
 * With Web Locks: a passkey made in a first tab whose finish's first attempt gets a 500 (unknown;
 * the retry waits 0.4 s), and the user goes on to another page of the site — tab 1 in the
 * back/forward cache, its finish waiting there.
 */
export async function finishWaitingInBfcache(): Promise<{ w: World; checker: Checker; tab1: Tab; el: Element }> {
  const w = world({ locks: true, faults: { init: [], start: [], finish: ['http-500'], events: [] } });
  const checker = new Checker(w);
  const { tab1, el } = await passkeyInFirstTab(w);
  await w.advance(250); // attempt 1: 500 (unknown); the retry waits 0.4 s
  w.hideTab(tab1); // the user goes on to another page of the site: back/forward cache
  return { w, checker, tab1, el };
}

/**
 * The end of a story whose passkey reached the page after its ceremony was aborted, the checker's
 * step first: the device's first passkey was not signalled away (`signalledAway`: what the failure
 * says), is on the server, and no invariant broke.
 */
export function assertLatePasskeyKept(w: World, checker: Checker, signalledAway: string): void {
  checker.step();
  const passkey = w.made[0]!;
  assert.equal(w.signalled.has(passkey.id), false, signalledAway);
  assert.ok(w.server.hasCredential(PROJECT, passkey.id), 'stored');
  assert.deepEqual(w.violations, []);
}

/** Advance in small steps until the finish `el` shows has ended undecided (`finish-failed`, `maybeStored`). */
export async function untilUndecidedEnd(w: World, el: Element): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const s = el.controller.state;
    if (s.name === 'error') {
      if (s.error.code === 'finish-failed' && s.maybeStored) return;
      throw new Error(`the finish ended ${s.error.code}`);
    }
    await w.advance(50);
  }
  throw new Error('the finish never ended');
}
