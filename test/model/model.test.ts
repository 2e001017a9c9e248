/**
 * The model-based property in `npm test` (README "Guarantees"): the fixed seed, `DEFAULT_RUNS`
 * runs; `npm run test:model -- --runs N` runs more. A failure prints the broken invariant, the
 * seed and path that replay it, and the shrunk run.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_RUNS, DEFAULT_SEED, checkModel, describeFailure } from './check.js';

it(`no passkey lost under any interleaving: ${DEFAULT_RUNS} random runs (seed ${DEFAULT_SEED}), every invariant after every step`, async () => {
  const result = await checkModel();
  assert.ok(!result.failure, result.failure && describeFailure(result));
  // A run that reaches nothing proves nothing: each outcome the invariants speak of must occur.
  for (const what of [
    'passkeys made',
    'stored',
    'signalled away',
    'created',
    'unconfirmed',
    'maybe stored',
    'not saved',
    'complete-noop',
  ]) {
    assert.ok((result.reached[what] ?? 0) > 0, `the runs never reached "${what}"`);
  }
  console.log(`model: ${result.runs} runs in ${result.seconds} s; reached ${JSON.stringify(result.reached)}`);
});
