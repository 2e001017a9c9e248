import { expect } from '@open-wc/testing';
import { DEFAULT_OPTIONS_TTL_MS, MAX_OPTIONS_TTL_MS, optionsLifetimeMs, refreshAfterMs } from '../../src/flow/offer-clock.js';

describe('optionsLifetimeMs', () => {
  const now = 1_800_000_000_000;
  it('measures expiresMs against the server Date header, cancelling client clock skew', () => {
    // client clock 1 h behind the server: the server's own Date decides
    expect(optionsLifetimeMs(now + 60_000, now, now - 3_600_000)).to.equal(59_000);
    // client clock 1 h ahead: same answer
    expect(optionsLifetimeMs(now + 60_000, now, now + 3_600_000)).to.equal(59_000);
  });
  it('falls back to the local clock without a Date header', () => {
    expect(optionsLifetimeMs(now + 60_000, undefined, now)).to.equal(60_000);
  });
  it('clamps absurd values and defaults a missing expiresMs', () => {
    expect(optionsLifetimeMs(now - 5000, now, now)).to.equal(0);
    expect(optionsLifetimeMs(now + 10 * 86_400_000, now, now)).to.equal(MAX_OPTIONS_TTL_MS);
    expect(optionsLifetimeMs(undefined, now, now)).to.equal(DEFAULT_OPTIONS_TTL_MS);
  });
});

describe('refreshAfterMs', () => {
  it('refreshes a quarter of the lifetime early, at most 30 s early', () => {
    expect(refreshAfterMs(8000)).to.equal(6000);
    expect(refreshAfterMs(300_000)).to.equal(270_000);
  });
});
