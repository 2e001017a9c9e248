/**
 * Helpers of the third outside review's stories: the model's world as it is (test/model/world.ts),
 * plus the second review's conveniences.
 */
import { SECOND } from '../second-review/helpers.js';
import type { Element, Tab, World } from '../world.js';

export { Checker, MINUTE, PROJECT, SECOND, nextSignIn, processes, world } from '../second-review/helpers.js';

/** A first tab of the first user whose element offers; the user clicks and, a second later, completes the sheet. */
export async function passkeyInFirstTab(w: World): Promise<{ tab1: Tab; el: Element }> {
  const tab1 = w.openTab(w.users[0]!);
  const el = w.addElement(tab1);
  await w.advance(SECOND);
  await w.clickAndComplete(el, SECOND);
  return { tab1, el };
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
