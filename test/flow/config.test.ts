/**
 * The configuration is read once, when the flow begins (a later change does not restart or bend
 * it), but `appendTokenProvider` is asked for each token as it is then: a page may set it right
 * after connecting, or replace it (a React render with a new closure over its session).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FINISH_MARGIN_MS } from '../../src/times.js';
import { Harness } from './harness.js';

let h: Harness;
beforeEach(() => (h = new Harness()));
afterEach(() => h.restore());

/** Options of 300 s: fresh ones are due 30 s before their deadline. */
const REFRESH_DUE_MS = 300_000 - FINISH_MARGIN_MS - 30_000;

describe('the configuration, once per connect', () => {
  it('a situation changed after connecting is not sent; the flow keeps what it began with', async () => {
    h.config = { ...h.config, situation: 'login' };
    await h.mount();
    h.config = { ...h.config, situation: 'changed' };
    await h.tick(REFRESH_DUE_MS);
    const starts = h.sent('start').map((r) => (r.body as { situation?: string }).situation);
    assert.equal(starts.length, 2, 'fresh options were fetched');
    assert.deepEqual(starts, ['login', 'login']);
  });

  it('appendTokenProvider replaced after connecting: the next token comes from the new one', async () => {
    const asked: string[] = [];
    h.config = { ...h.config, appendTokenProvider: () => (asked.push('old'), Promise.resolve('token-old')) };
    await h.mount();
    h.config = { ...h.config, appendTokenProvider: () => (asked.push('new'), Promise.resolve('token-new')) };
    await h.tick(REFRESH_DUE_MS);
    assert.deepEqual(asked, ['old', 'new']);
    assert.equal(h.state, 'ready');
  });

  it('appendTokenProvider set only after connecting (before init answered): used for the first token', async () => {
    const { appendTokenProvider: _, ...withoutProvider } = h.config;
    h.config = withoutProvider;
    h.connect();
    await Promise.resolve(); // the flow began: it read its configuration, without a provider
    assert.equal(h.state, 'loading');
    assert.equal(h.sent('start').length, 0);
    h.config = { ...h.config, appendTokenProvider: () => Promise.resolve('token-late') };
    await h.settle();
    assert.equal(h.state, 'ready');
    assert.deepEqual(
      h.sent('start').map((r) => (r.body as { appendTokenValue: string }).appendTokenValue),
      ['token-late'],
    );
  });
});
