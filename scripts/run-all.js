#!/usr/bin/env node
// @ts-check
/**
 * `npm test`, `npm run lint`: run the given npm scripts, each even when an earlier one failed (so one broken
 * suite never hides the results of the others), print each one's wall time, and exit non-zero when any failed.
 *
 *   node scripts/run-all.js [--junit=<dir>] <step> …
 *
 * A step is one npm script (`test:browser`), run with the console to itself; or lanes that run side by side,
 * `a|b+c` — `a` beside `b` then `c` — each script's output held back and printed whole when it ends (so two
 * suites never interleave their lines). Lanes are for what neither waits on timers nor shares files with the
 * other lanes; the next step starts once every lane is done.
 *
 * `--junit=<dir>`: the directory the suites write their JUnit XML to (see the `test:*` scripts) — emptied
 * first, so a report of an earlier run never counts; `<dir>/run-all.json` then tells how each script exited
 * (scripts/ci-summary.js reads both).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const junit = args.find((a) => a.startsWith('--junit='))?.slice('--junit='.length);
const steps = args.filter((a) => !a.startsWith('--junit='));
if (junit) {
  rmSync(junit, { recursive: true, force: true });
  mkdirSync(junit, { recursive: true });
}

/** @type {{ script: string, status: number | null, signal: string | null, seconds: number }[]} */
const runs = [];

/**
 * Runs one npm script; `held`: its output is kept and printed once it ends.
 * @param {string} script @param {boolean} held
 */
function run(script, held) {
  const t0 = performance.now();
  const child = spawn('npm', ['run', '--silent', script], { stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  /** @type {Buffer[]} */
  const out = [];
  child.stdout?.on('data', (d) => out.push(d));
  child.stderr?.on('data', (d) => out.push(d));
  return new Promise((resolve) => {
    child.on('close', (status, signal) => {
      const seconds = Math.round((performance.now() - t0) / 100) / 10;
      if (held) process.stdout.write(Buffer.concat([Buffer.from(`\n── ${script} (${seconds} s) ──\n`), ...out]));
      runs.push({ script, status, signal, seconds });
      if (junit) writeFileSync(join(junit, 'run-all.json'), `${JSON.stringify(runs, null, 2)}\n`);
      resolve(undefined);
    });
  });
}

const t0 = performance.now();
for (const step of steps) {
  const lanes = step.split('|').map((lane) => lane.split('+'));
  const held = lanes.length > 1;
  await Promise.all(
    lanes.map(async (lane) => {
      for (const script of lane) await run(script, held);
    }),
  );
}
const failed = runs.filter((r) => r.status !== 0);
const wall = Math.round((performance.now() - t0) / 1000);
console.error(
  `\nrun-all: ${runs.map((r) => `${r.script} ${r.seconds} s${r.status === 0 ? '' : ' (failed)'}`).join(', ')}; ${wall} s in all`,
);
if (failed.length) {
  console.error(`run-all: ${failed.length} failed: ${failed.map((r) => `${r.script} (${r.signal ?? `exit ${r.status}`})`).join(', ')}`);
  process.exitCode = 1;
}
