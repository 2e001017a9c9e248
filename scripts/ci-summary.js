#!/usr/bin/env node
// @ts-check
/**
 * The closing line of `.ci/run`: `ci: N passed, N failed`, counted from the log of `npm test`.
 *
 *   node scripts/ci-summary.js <log file> <exit status of npm test> [<exit status of the size check>]
 *
 * Counts node:test (TAP `# pass N` / `# fail N`), web-test-runner (the last `N passed, N failed`
 * progress line of each browser: Chromium, Firefox, WebKitGTK — printed per engine first) and
 * Playwright (`N passed (…)` / `N failed`). A run that exited non-zero without a counted failure
 * (a suite died before its summary) counts one failure; a failed size check counts one more.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** ANSI escape sequences (colours, cursor moves of progress bars). */
const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*[A-Za-z]`, 'g');

/**
 * @param {string} log the output of `npm test`
 * @param {number} status its exit status
 * @returns {{passed: number, failed: number, note?: string, engines: string[]}}
 */
export function summarize(log, status) {
  const text = log.replace(ANSI, '');
  const sum = (/** @type {RegExp} */ re) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  /** @type {Map<string, [number, number, number]>} web-test-runner: browser → its last progress line's passed, failed, skipped */
  const wtr = new Map();
  for (const m of text.matchAll(/^(?:.*?\b(\w+): .*?)?test files \| (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/gm)) {
    wtr.set(m[1] ?? '', [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)]);
  }
  const wtrSum = (/** @type {0 | 1} */ i) => [...wtr.values()].reduce((n, counts) => n + counts[i], 0);
  const passed = sum(/^# pass (\d+)$/gm) + wtrSum(0) + sum(/^\s+(\d+) passed \(/gm);
  const failed = sum(/^# fail (\d+)$/gm) + wtrSum(1) + sum(/^\s+(\d+) failed$/gm);
  const engines = [...wtr]
    .filter(([name]) => name)
    .map(([name, [p, f, s]]) => `${name} ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
  if (status !== 0 && failed === 0) {
    return { passed, failed: 1, note: `npm test exited ${status} without a counted failure (a suite did not finish)`, engines };
  }
  return { passed, failed, engines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, status = '1', sizeStatus = '0'] = process.argv.slice(2);
  let log = '';
  try {
    log = file ? readFileSync(file, 'utf8') : '';
  } catch (err) {
    console.log(`ci: cannot read the log ${file}: ${/** @type {Error} */ (err).message}`);
  }
  const { passed, failed, note, engines } = summarize(log, Number(status));
  if (note) console.log(`ci: ${note}`);
  if (engines.length) console.log(`ci: browser tests per engine: ${engines.join('; ')}`);
  const sizeFailed = sizeStatus !== '0';
  if (sizeFailed) console.log(`ci: the drop-in is over its size ceiling (npm run build -- --check-size --ceiling exited ${sizeStatus})`);
  console.log(`ci: ${passed} passed, ${failed + (sizeFailed ? 1 : 0)} failed`);
}
