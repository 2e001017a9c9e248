/**
 * The model-based property, run: fast-check draws devices and runs (property.ts), shrinks a
 * failure to its shortest form, and reports what the runs reached in all (a run that reaches
 * nothing proves nothing: the totals show each kind of outcome).
 */
import fc from 'fast-check';
import { PROJECT } from './world.js';
import { runOnce, step, story, worldOptions } from './property.js';

/** The seed of `npm test`: fixed, so every run of the suite tries the same sequences. */
export const DEFAULT_SEED = 20261207;
/** Runs in `npm test` (≈ 10 ms each). */
export const DEFAULT_RUNS = 3000;

export interface ModelResult {
  runs: number;
  seed: number;
  seconds: number;
  /** What the runs reached, in all. */
  reached: Record<string, number>;
  /** The failure, shrunk: the broken invariant, how to replay it, the run, and its story. */
  failure?: { message: string; path: string; run: string; story: string };
}

export async function checkModel(opts: { runs?: number; seed?: number; path?: string } = {}): Promise<ModelResult> {
  const { runs = DEFAULT_RUNS, seed = DEFAULT_SEED, path } = opts;
  const started = performance.now();
  const reached: Record<string, number> = {};
  const count = (what: string, n = 1) => void (reached[what] = (reached[what] ?? 0) + n);
  const property = fc.asyncProperty(worldOptions, fc.array(step, { maxLength: 40 }), async (options, steps) => {
    const violations = await runOnce(options, steps, (world) => {
      count('passkeys made', world.made.length);
      count('stored', world.made.filter((c) => world.server.hasCredential(PROJECT, c.id)).length);
      count('signalled away', world.signalled.size);
      count('create() calls', world.sheets.length);
      count('create() after a click', world.sheets.filter((x) => x.gesture !== undefined).length);
      count('ceremonies aborted', world.sheets.filter((x) => x.aborted).length);
      count('passkeys arriving after their abort', world.sheets.filter((x) => x.abortedTooLate).length);
      count('processes', new Set(world.starts.map((s) => s.processId)).size);
      for (const el of world.elements) {
        for (const e of el.fired) {
          const d = e.detail as { status?: string; unconfirmed?: boolean; code?: string; maybeStored?: boolean };
          if (e.type === 'corbado-append-complete')
            count(d.status === 'complete-noop' ? 'complete-noop' : d.unconfirmed ? 'unconfirmed' : 'created');
          if (e.type === 'corbado-append-error' && d.code === 'finish-failed') count(d.maybeStored ? 'maybe stored' : 'not saved');
        }
      }
    });
    if (violations.length) throw new Error(violations.join('\n'));
  });
  const result = await fc.check(property, { numRuns: runs, seed, ...(path ? { path } : {}) });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  if (!result.failed) return { runs: result.numRuns, seed, seconds, reached };
  const [options, steps] = result.counterexample ?? [];
  let told = '';
  if (options && steps) await runOnce(options, steps, (world) => (told = story(world)));
  return {
    runs: result.numRuns,
    seed: result.seed,
    seconds,
    reached,
    failure: {
      message: String((result.errorInstance as Error | undefined)?.message ?? 'unknown'),
      path: result.counterexamplePath ?? '',
      run: fc.stringify(result.counterexample),
      story: told,
    },
  };
}

/** A failure as text: what broke, how to replay it, the shrunk run. */
export function describeFailure(r: ModelResult, withStory = false): string {
  const f = r.failure!;
  return [
    `model: an invariant broke after ${r.runs} runs (seed ${r.seed}, ${r.seconds} s)`,
    `  broken: ${f.message.replace(/\n/g, '\n          ')}`,
    `  replay: npm run test:model -- --seed ${r.seed} --path ${f.path} --story`,
    `  run: ${f.run}`,
    ...(withStory ? ['  story:', f.story.replace(/^/gm, '    ')] : []),
  ].join('\n');
}
