/**
 * The model-based test's runner (README "Guarantees"):
 *
 *   npm run test:model                       a fixed seed, the default number of runs (part of npm test)
 *   npm run test:model -- --runs 100000      longer
 *   npm run test:model -- --seed 42 --runs 500
 *   npm run test:model -- --seed S --path P  replay one failure (the seed and path a failure prints)
 *
 * A failure prints the broken invariant, the seed, the path and the shrunk run (the device and
 * the steps), and exits 1.
 */
import fc from 'fast-check';
import { runOnce, step, story, worldOptions } from './property.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
/** The seed of `npm test`: fixed, so CI runs the same sequences every time. */
const DEFAULT_SEED = 20261207;
const DEFAULT_RUNS = 2000;

const runs = Number(arg('runs') ?? process.env.MODEL_RUNS ?? DEFAULT_RUNS);
const seed = Number(arg('seed') ?? DEFAULT_SEED);
const path = arg('path');

const started = performance.now();
let ran = 0;
/** What the runs did in all: a run that reaches nothing proves nothing, so the totals must show each kind. */
const seen: Record<string, number> = {};
const count = (what: string, n = 1) => void (seen[what] = (seen[what] ?? 0) + n);
const property = fc.asyncProperty(worldOptions, fc.array(step, { maxLength: 40 }), async (options, steps) => {
  ran++;
  const violations = await runOnce(options, steps, (world) => {
    count('passkeys made', world.made.length);
    count('stored', world.made.filter((c) => world.server.hasCredential('pro-1', c.id)).length);
    count('signalled away', world.signalled.size);
    count('create() calls', world.sheets.length);
    count('conditional', world.sheets.filter((x) => x.conditional).length);
    count('aborted', world.sheets.filter((x) => x.aborted).length);
    count('clicked', world.sheets.filter((x) => x.gesture !== undefined).length);
    count('clicks', world.elements.reduce((n, e) => n + e.clicks.length, 0));
    for (const el of world.elements) {
      for (const e of el.fired) {
        const d = e.detail as { status?: string; unconfirmed?: boolean; code?: string; maybeStored?: boolean; notice?: string };
        if (e.type === 'corbado-append-complete') count(d.status === 'complete-noop' ? 'complete-noop' : d.unconfirmed ? 'unconfirmed' : 'created');
        if (e.type === 'corbado-append-error' && d.code === 'finish-failed') count(d.maybeStored ? 'maybe stored' : 'not saved');
        if (e.type === 'corbado-append-error' && d.code === 'expired') count('expired notice');
      }
    }
    count('processes', new Set(world.starts.map((s) => s.processId)).size);
    count('start marks seen by another flow', world.marks.length);
  });
  if (violations.length) throw new Error(violations.join('\n'));
});

const result = await fc.check(property, { numRuns: runs, seed, ...(path ? { path } : {}), endOnFailure: false });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (result.failed) {
  console.error(`model: FAILED after ${result.numRuns} runs (${ran} with shrinking) in ${seconds} s`);
  console.error(`  seed ${result.seed}, path ${result.counterexamplePath}`);
  console.error(`  replay: npm run test:model -- --seed ${result.seed} --path ${result.counterexamplePath}`);
  console.error(`  broken: ${String((result.errorInstance as Error | undefined)?.message).replace(/\n/g, '\n          ')}`);
  console.error(`  run: ${fc.stringify(result.counterexample)}`);
  if (args.includes('--story') && result.counterexample) {
    const [options, steps] = result.counterexample;
    await runOnce(options, steps, (world) => console.error(story(world)));
  }
  process.exit(1);
}
console.log(`model: ${result.numRuns} runs, every invariant held (seed ${seed}, ${seconds} s)`);
console.log(`  reached: ${Object.entries(seen).map(([k, v]) => `${k} ${v}`).join(', ')}`);
