/**
 * Shared helpers of the second adversarial review's stories (test/adversary2/*.test.ts): the model's
 * world (test/model/world.ts) as it is, plus a few conveniences.
 */
import { Checker } from '../property.js';
import { PROJECT, World, plainDevice, type Element, type WorldOptions } from '../world.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export { Checker, PROJECT, World, plainDevice };
export type { Element, WorldOptions };

export const world = (over: Partial<WorldOptions> = {}) => new World(plainDevice(over));

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
