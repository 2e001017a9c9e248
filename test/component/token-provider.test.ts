/**
 * `appendTokenProvider` is the page's code: it may throw, return nothing, or never answer.
 * Each ends in `token-unavailable` and a quiet skip; never a spinner or a silent hang.
 */
import { expect } from '@open-wc/testing';
import { TOKEN_TIMEOUT_MS } from '../../src/flow/load-offer.js';
import { uniqueProjectId } from '../helpers/emulator.js';
import { mountAppend, type Mounted } from '../helpers/element.js';

describe('appendTokenProvider failures', () => {
  let m: Mounted | undefined;
  const undo: (() => void)[] = [];
  afterEach(() => {
    m?.remove();
    m = undefined;
    undo.splice(0).forEach(f => f());
  });

  const cases: [string, () => Promise<string>][] = [
    ['throws', () => Promise.reject(new Error('backend down'))],
    ['returns an empty string', () => Promise.resolve('')],
    ['returns a non-string', () => Promise.resolve(42 as unknown as string)],
    ['never answers', () => new Promise<string>(() => {})],
  ];
  for (const [what, provider] of cases) {
    it(`${what} → token-unavailable, then skip-implicit (error)`, async () => {
      // Only the provider's time limit is shortened, so "never answers" ends within the test.
      const real = window.setTimeout;
      window.setTimeout = ((fn: TimerHandler, ms?: number, ...a: unknown[]) =>
        real(fn, ms === TOKEN_TIMEOUT_MS ? 300 : ms, ...a)) as typeof setTimeout;
      undo.push(() => (window.setTimeout = real));
      m = mountAppend(uniqueProjectId(), { provider });
      const skip = await m.next('corbado-append-skip');
      expect(skip).to.deep.equal({ status: 'skip-implicit', reason: 'error' });
      expect(m.of('corbado-append-error').map(e => e.code)).to.deep.equal(['token-unavailable']);
      expect(m.el.state).to.equal('skipped');
      expect(m.el.getBoundingClientRect().height).to.equal(0);
    });
  }
});
