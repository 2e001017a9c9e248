/**
 * The model-based test from the command line (README "Guarantees"):
 *
 *   npm run test:model                               the fixed seed and run count of npm test
 *   npm run test:model -- --runs 100000              longer
 *   npm run test:model -- --seed 42 --runs 500       another seed
 *   npm run test:model -- --seed S --path P --story  replay a failure (as printed), with its story
 *
 * Exits 1 when an invariant broke, after printing it shrunk.
 */
import { DEFAULT_RUNS, DEFAULT_SEED, checkModel, describeFailure } from './check.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const path = arg('path');
const result = await checkModel({
  runs: Number(arg('runs') ?? DEFAULT_RUNS),
  seed: Number(arg('seed') ?? DEFAULT_SEED),
  ...(path ? { path } : {}),
});
if (result.failure) {
  console.error(describeFailure(result, args.includes('--story')));
  process.exit(1);
}
console.log(`model: ${result.runs} runs, every invariant held (seed ${result.seed}, ${result.seconds} s)`);
console.log(
  `  reached: ${Object.entries(result.reached)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
