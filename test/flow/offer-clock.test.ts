/**
 * The offer clock (`src/flow/offer-clock.ts`): what `expiresMs` means on a wrong local clock,
 * without a readable `Date` header, or when it is not unix ms at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_OPTIONS_TTL_MS,
  MAX_OPTIONS_TTL_MS,
  UNCHECKED_OPTIONS_TTL_MS,
  offerTimes,
  optionsLifetimeMs,
} from '../../src/flow/offer-clock.js';

const now = 1_800_000_000_000;
const HOUR = 3_600_000;

describe('optionsLifetimeMs', () => {
  it('with a Date header the server clock decides, whatever the local clock says', () => {
    for (const local of [now - HOUR, now, now + HOUR, now + 24 * HOUR]) {
      assert.equal(optionsLifetimeMs(now + 60_000, now, local), 59_000, `local clock ${(local - now) / HOUR} h off`);
    }
  });
  it('without a Date header a plausible local reading is used', () => {
    assert.equal(optionsLifetimeMs(now + 60_000, undefined, now), 60_000);
  });
  it('without a Date header a local clock ahead never voids the options: the unchecked lifetime', () => {
    assert.equal(optionsLifetimeMs(now + 300_000, undefined, now + 10 * 60_000), UNCHECKED_OPTIONS_TTL_MS);
    assert.equal(optionsLifetimeMs(now + 300_000, undefined, now + 24 * HOUR), UNCHECKED_OPTIONS_TTL_MS);
  });
  it('without a Date header a local clock far behind is not believed either', () => {
    assert.equal(optionsLifetimeMs(now + 300_000, undefined, now - HOUR), UNCHECKED_OPTIONS_TTL_MS);
  });
  it('an expiresMs that cannot be unix ms is a relative duration', () => {
    assert.equal(optionsLifetimeMs(300_000, now, now), 300_000);
    assert.equal(optionsLifetimeMs(300_000, undefined, now + HOUR), 300_000, 'no clock involved');
    assert.equal(optionsLifetimeMs(90 * 60_000, now, now), MAX_OPTIONS_TTL_MS);
  });
  it('an expiresMs in unix seconds near now is read as such', () => {
    assert.equal(optionsLifetimeMs(now / 1000 + 300, now, now), 299_000);
    assert.equal(optionsLifetimeMs(now / 1000 + 300, undefined, now), 300_000);
  });
  it('clamps to [0, 1 h]; a missing expiresMs gives the default', () => {
    assert.equal(optionsLifetimeMs(now - 5000, now, now), 0, 'the server says expired: believed');
    assert.equal(optionsLifetimeMs(now + 10 * 24 * HOUR, now, now), MAX_OPTIONS_TTL_MS);
    assert.equal(optionsLifetimeMs(undefined, now, now), DEFAULT_OPTIONS_TTL_MS);
  });
});

describe('offerTimes', () => {
  it('deadline and refresh on the local time line (a quarter early, at most 30 s)', () => {
    assert.deepEqual(offerTimes(now + 301_000, now, now), { deadlineMs: now + 300_000, refreshAtMs: now + 270_000 });
    assert.deepEqual(offerTimes(now + 9000, now, now), { deadlineMs: now + 8000, refreshAtMs: now + 6000 });
  });
  it('options the server dates as (nearly) dead are refused', () => {
    assert.equal(offerTimes(now + 1500, now, now), undefined);
  });
});
