#!/usr/bin/env node
// @ts-check
/**
 * `npm test`, `npm run lint`: run the given npm scripts one after another, each even when an earlier one failed
 * (so one broken suite never hides the results of the others), and exit non-zero when any failed.
 *
 *   node scripts/run-all.js typecheck test:emulator test:browser …
 */
import { spawnSync } from 'node:child_process';

const failed = [];
for (const script of process.argv.slice(2)) {
  const { status, signal } = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (status !== 0) failed.push(`${script} (${signal ?? `exit ${status}`})`);
}
if (failed.length) {
  console.error(`\nrun-all: ${failed.length} failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
