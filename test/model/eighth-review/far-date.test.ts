/**
 * Found by the eighth outside review of issue 19's fixes, and fixed: this story keeps it so.
 *
 * A `Date` more than a day from the local clock is not believed for an offer's lifetime, yet
 * still cuts it short (a device clock days behind: test/model/long-run/clock-day-behind-offer).
 * A proxy that rewrites `Date` to a day ahead of a right clock then killed live options: the
 * offer was never shown, or an idle user saw a burst of renewals and the final error. Such a
 * `Date`, at or after the answer's own fresh expiry, is no server's clock: ignored. And a device
 * clock set a day forward makes fresh options dead on arrival: a renewal nobody asked for leaves
 * the offer then too (a click renews, and says so if it fails).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optionsLifetimeMs, processLifetimeMs } from '../../../src/flow/offer-clock.js';
import type { World } from '../world.js';
import { MINUTE, SECOND, world } from '../third-review/helpers.js';

const NOW = 1_800_000_000_000;
const AHEAD = 25 * 60 * MINUTE;

/** Every answer of `w` carries a `Date` `skew()` off true time from now on (a proxy rewriting it). */
function proxied(w: World, skew: () => number): World {
  const target = w as unknown as { json(status: number, body: unknown, extra?: Record<string, string>): Response };
  const json = target.json.bind(w);
  target.json = (status, body, extra = {}) => {
    const headers = new Headers(json(status, body, extra).headers);
    headers.set('date', new Date(w.trueNow + skew()).toUTCString());
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers });
  };
  return w;
}

describe('a Date a day ahead of a right local clock (a proxy)', () => {
  it('says nothing of the lifetimes: 5 min options, a 60 min process', () => {
    assert.equal(optionsLifetimeMs(NOW + 5 * MINUTE, NOW + AHEAD, NOW, 50), 5 * MINUTE);
    assert.equal(processLifetimeMs((NOW + 60 * MINUTE) / 1000, NOW + AHEAD, NOW, 50), 60 * MINUTE);
  });
  it('there from the first load: the offer is shown', async () => {
    const w = proxied(world(), () => AHEAD);
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(5 * SECOND);
    assert.equal(el.controller.state.name, 'ready');
  });
  it('appearing while the offer is shown, the user idle: no error, no burst of requests', async () => {
    let skew = 0;
    const w = proxied(world(), () => skew);
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(2 * SECOND);
    assert.equal(el.controller.state.name, 'ready');
    skew = AHEAD;
    await w.advance(6 * MINUTE);
    assert.equal(el.controller.state.name, 'ready');
    assert.ok(w.log.filter((l) => l.includes('→ start')).length <= 3, 'a burst of starts');
  });
});

describe('a device clock set a day forward while the offer is shown, the user idle', () => {
  it('fresh options read dead on arrival; no error for the user who did nothing', async () => {
    assert.equal(optionsLifetimeMs(NOW + 5 * MINUTE, NOW, NOW + AHEAD, 50), 0, 'dead by the local clock: dead');
    const w = world();
    const el = w.addElement(w.openTab(w.users[0]!));
    await w.advance(2 * SECOND);
    w.jumpClock(AHEAD);
    await w.advance(6 * MINUTE);
    assert.equal(el.controller.state.name, 'ready');
  });
});
