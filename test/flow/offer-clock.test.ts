/**
 * The offer clock (`src/flow/offer-clock.ts`): what `expiresMs` means on a wrong local clock,
 * without a readable `Date` header, or when it is not unix ms at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offerTimes, optionsLifetimeMs, processLifetimeMs, refreshAfterMs } from '../../src/flow/offer-clock.js';
import {
  DEFAULT_OPTIONS_TTL_MS,
  FINISH_MARGIN_MS,
  MAX_CLOCK_SKEW_MS,
  MAX_OPTIONS_TTL_MS,
  UNCHECKED_OPTIONS_TTL_MS,
} from '../../src/times.js';

const now = 1_800_000_000_000;
const HOUR = 3_600_000;

describe('optionsLifetimeMs', () => {
  it('with a Date header the server clock decides, whatever the local clock says (within a day)', () => {
    for (const local of [now - HOUR, now, now + HOUR, now + 23 * HOUR]) {
      assert.equal(optionsLifetimeMs(now + 60_000, now, local), 59_000, `local clock ${(local - now) / HOUR} h off`);
    }
  });
  it('a Date header further than a day from the local clock is not believed (a stale or rewritten answer): the local clock decides', () => {
    const farOff = now - MAX_CLOCK_SKEW_MS - 1;
    // A proxy's 1970 or years-old Date would have given these options an hour; they have 60 s.
    assert.equal(optionsLifetimeMs(now + 60_000, farOff, now), 60_000);
    assert.equal(optionsLifetimeMs(now + 60_000, 0, now), 60_000);
    assert.equal(optionsLifetimeMs(now - 1000, farOff, now), 0, 'dead by the local clock: dead');
  });
  it('…but it still cuts a lifetime short: a device clock days behind does not stretch 20 s into the 2 min of an unchecked reading', () => {
    const behind = now - 26 * HOUR; // the local clock
    assert.equal(optionsLifetimeMs(now + 20_000, now, behind), 19_000, 'the shorter reading: the Date');
    assert.equal(processLifetimeMs((now + 45_000) / 1000, now, behind), 44_000, 'the process alike');
    assert.equal(
      processLifetimeMs((now + 45_000) / 1000, undefined, behind),
      26 * HOUR + 45_000,
      'without a Date: the local clock as it is',
    );
  });
  it('without a Date header a plausible local reading is used', () => {
    assert.equal(optionsLifetimeMs(now + 60_000, undefined, now), 60_000);
  });
  it('without a Date header options already past by the local clock are dead: they never get a life', () => {
    assert.equal(optionsLifetimeMs(now - 1, undefined, now), 0);
    assert.equal(optionsLifetimeMs(now + 300_000, undefined, now + 10 * 60_000), 0);
    assert.equal(offerTimes(optionsLifetimeMs(now + 300_000, undefined, now + 10 * 60_000), 0), undefined);
  });
  it('without a Date header a local clock far behind is not believed: at most the unchecked lifetime', () => {
    assert.equal(optionsLifetimeMs(now + 300_000, undefined, now - HOUR), UNCHECKED_OPTIONS_TTL_MS);
  });
  it('an expiresMs below 1e9 cannot be a time of this century: a relative duration', () => {
    assert.equal(optionsLifetimeMs(300_000, now, now), 300_000);
    assert.equal(optionsLifetimeMs(300_000, undefined, now + HOUR), 300_000, 'no clock involved');
    assert.equal(optionsLifetimeMs(90 * 60_000, now, now), MAX_OPTIONS_TTL_MS);
  });
  it('an expiresMs from 1e9 to 1e12 is unix seconds, however far off: old ones are dead', () => {
    assert.equal(optionsLifetimeMs(now / 1000 + 300, now, now), 299_000);
    assert.equal(optionsLifetimeMs(now / 1000 + 300, undefined, now), 300_000);
    assert.equal(optionsLifetimeMs(now / 1000 - 2 * 86_400, now, now), 0, 'two days old: dead (not an hour)');
    assert.equal(optionsLifetimeMs(1_000_000_000, undefined, now), 0, '2001: dead');
  });
  it('clamps to [0, 1 h]; a missing expiresMs gives the default', () => {
    assert.equal(optionsLifetimeMs(now - 5000, now, now), 0, 'the server says expired: believed');
    assert.equal(optionsLifetimeMs(now + 10 * 24 * HOUR, now, now), MAX_OPTIONS_TTL_MS);
    assert.equal(optionsLifetimeMs(undefined, now, now), DEFAULT_OPTIONS_TTL_MS);
  });
});

describe('offerTimes', () => {
  const arrived = 5000; // the page's monotonic ms
  it(`deadline ${FINISH_MARGIN_MS} ms before the end (the finish must get there), refresh a quarter earlier (at most 30 s), on the monotonic time line`, () => {
    assert.deepEqual(offerTimes(optionsLifetimeMs(now + 301_000, now, now), arrived), {
      deadlineMs: arrived + 298_000,
      refreshAtMs: arrived + 268_000,
    });
    assert.deepEqual(offerTimes(10_000, arrived), { deadlineMs: arrived + 8000, refreshAtMs: arrived + 6000 });
  });
  it('options the server dates as (nearly) dead are refused', () => {
    assert.equal(offerTimes(optionsLifetimeMs(now + 3500, now, now), arrived), undefined);
  });
  it('the round trip is taken off: the answer may have spent it all on its way back', () => {
    assert.equal(optionsLifetimeMs(now + 60_000, now, now, 700), 58_300);
  });
});

describe('refreshAfterMs', () => {
  it('refreshes a quarter of the lifetime early, at most 30 s early', () => {
    assert.equal(refreshAfterMs(8000), 6000);
    assert.equal(refreshAfterMs(300_000), 270_000);
  });
});

describe('processLifetimeMs', () => {
  it("init's expiresAt (unix s, the server's clock) as a lifetime, like expiresMs", () => {
    const expiresAt = now / 1000 + 3600;
    assert.equal(processLifetimeMs(expiresAt, now, now + HOUR), 3599_000, 'a local clock an hour ahead changes nothing');
    assert.equal(processLifetimeMs(expiresAt, undefined, now), 3600_000, 'no Date: the local clock as it is');
    assert.ok(processLifetimeMs(expiresAt, undefined, now + 2 * HOUR) < 0, 'dead by the local clock');
  });
});
