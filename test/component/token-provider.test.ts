/**
 * `appendTokenProvider` is the page's code: it may throw, return nothing, or never answer.
 * Each ends in `token-unavailable` and a quiet skip; never a spinner or a silent hang.
 */
import { expect } from '@open-wc/testing';
import { appendFixture, TOKEN_TIMEOUT_MS } from '../helpers/fixture.js';
import { fakeTimers } from '../helpers/spies.js';

describe('appendTokenProvider failures', () => {
  const cases: [string, () => Promise<string>][] = [
    ['throws', () => Promise.reject(new Error('backend down'))],
    ['returns an empty string', () => Promise.resolve('')],
    ['returns a non-string', () => Promise.resolve(42 as unknown as string)],
    ['never answers', () => new Promise<string>(() => {})],
  ];
  for (const [what, answer] of cases) {
    it(`${what} → token-unavailable, then skip-implicit (error)`, async () => {
      // Fake setTimeout (sinon), so "never answers" meets the provider's time limit within the test.
      const clock = fakeTimers();
      let asked!: () => void;
      const called = new Promise<void>((r) => (asked = r));
      const m = await appendFixture({ authenticator: false, provider: () => (asked(), answer()) });
      await called;
      await clock.tickAsync(TOKEN_TIMEOUT_MS);
      const skip = await m.event('corbado-append-skip');
      expect(skip).to.deep.equal({ status: 'skip-implicit', reason: 'error' });
      expect(m.of('corbado-append-error').map((e) => e.code)).to.deep.equal(['token-unavailable']);
      expect(m.el.state).to.equal('skipped');
      expect(m.el.getBoundingClientRect().height).to.equal(0);
    });
  }
});
