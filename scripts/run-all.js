#!/usr/bin/env node
// @ts-check
/**
 * `npm test`, `npm run lint`: run the given npm scripts one after another, each even when an earlier one failed
 * (so one broken suite never hides the results of the others), print each one's wall time, and exit non-zero
 * when any failed.
 *
 *   node scripts/run-all.js [--junit=<dir>] typecheck test:emulator test:browser …
 *
 * `--junit=<dir>`: the directory the suites write their JUnit XML to (see the `test:*` scripts) — emptied
 * first, so a report of an earlier run never counts; `<dir>/run-all.json` then tells how each script exited
 * (scripts/ci-summary.js reads both).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const junit = args.find((a) => a.startsWith('--junit='))?.slice('--junit='.length);
const scripts = args.filter((a) => !a.startsWith('--junit='));
if (junit) {
  rmSync(junit, { recursive: true, force: true });
  mkdirSync(junit, { recursive: true });
}

/** @type {{ script: string, status: number | null, signal: string | null, seconds: number }[]} */
const runs = [];
for (const script of scripts) {
  const t0 = performance.now();
  const { status, signal } = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  runs.push({ script, status, signal, seconds: Math.round((performance.now() - t0) / 100) / 10 });
  if (junit) writeFileSync(join(junit, 'run-all.json'), `${JSON.stringify(runs, null, 2)}\n`);
}
const failed = runs.filter((r) => r.status !== 0);
const total = runs.reduce((s, r) => s + r.seconds, 0);
console.error(
  `\nrun-all: ${runs.map((r) => `${r.script} ${r.seconds} s${r.status === 0 ? '' : ' (failed)'}`).join(', ')}; ${Math.round(total)} s in all`,
);
if (failed.length) {
  console.error(`run-all: ${failed.length} failed: ${failed.map((r) => `${r.script} (${r.signal ?? `exit ${r.status}`})`).join(', ')}`);
  process.exitCode = 1;
}
