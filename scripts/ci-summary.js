#!/usr/bin/env node
// @ts-check
/**
 * The closing line of `.ci/run`: `ci: N passed, N failed`, counted from the JUnit XML the test
 * runners write (never from their console text).
 *
 *   node scripts/ci-summary.js <JUnit dir> <exit status of npm test> [<exit status of the size check>]
 *
 * `npm test` (scripts/run-all.js --junit=<dir>) empties `<dir>` first, then every suite writes its
 * report there — node:test `--test-reporter=junit`, web-test-runner's junit reporter, Playwright's
 * `junit` reporter — named after its npm script (`test:model:ci` → `model-ci.xml`), and run-all
 * adds `run-all.json`: each script's exit status. A suite that exited non-zero without a failed
 * test in its report (it died before writing it, or failed outside any test) counts one failure;
 * so does a failed size check. Without run-all.json (npm test did not get that far), a non-zero
 * exit without a counted failure counts one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The report of an npm script: `test:model:ci` → `model-ci.xml`. @param {string} script */
export const reportName = (script) => `${script.replace(/^test:/, '').replace(/:/g, '-')}.xml`;

/** One tag: `<name attr="…" …>`, `</name>` or `<name …/>`; quoted values may hold `>`. */
const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/g;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** @param {string} s */
const unescape = (s) =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e) => {
    const named = /** @type {Record<string, string>} */ ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e.toLowerCase()];
    if (named) return named;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });

/**
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 * @typedef {Counts & { engines: Map<string, Counts> }} ReportCounts
 */

/**
 * Counts the test cases of one JUnit XML report: a case with a `<failure>` or `<error>` failed,
 * one with `<skipped>` was skipped, any other passed; a `<failure>`/`<error>` outside any case
 * (a suite's hook) is one failure more. Browser runs are also counted per engine, from their
 * suites' `browser.name` property (web-test-runner).
 * @param {string} xml
 * @returns {ReportCounts}
 */
export function countJUnit(xml) {
  const text = xml
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '');
  /** @type {ReportCounts} */
  const total = { passed: 0, failed: 0, skipped: 0, engines: new Map() };
  /** @type {{ name: string, engine?: string, cases: ('passed' | 'failed' | 'skipped')[] }[]} suites open, innermost last */
  const suites = [];
  /** @type {{ failed: boolean, skipped: boolean } | undefined} the test case open */
  let testcase;
  /** @param {'passed' | 'failed' | 'skipped'} outcome */
  const count = (outcome) => {
    total[outcome]++;
    suites.at(-1)?.cases.push(outcome);
  };
  for (const [, close, tag, attrText, selfClosing] of text.matchAll(TAG)) {
    const name = (tag ?? '').toLowerCase();
    /** @type {Record<string, string>} */
    const attrs = {};
    for (const [, key, dq, sq] of (attrText ?? '').matchAll(ATTR)) attrs[key ?? ''] = unescape(dq ?? sq ?? '');
    if (name === 'testsuite') {
      if (!close) suites.push({ name: attrs.name ?? '', cases: [] });
      if (close || selfClosing) {
        const suite = suites.pop();
        const outer = suites.at(-1);
        if (suite && outer) outer.cases.push(...suite.cases);
        if (suite?.engine && !outer) {
          const engine = total.engines.get(suite.engine) ?? { passed: 0, failed: 0, skipped: 0 };
          for (const outcome of suite.cases) engine[outcome]++;
          total.engines.set(suite.engine, engine);
        }
      }
    } else if (name === 'property' && !close && attrs.name === 'browser.name' && suites.length) {
      suites[suites.length - 1].engine = attrs.value;
    } else if (name === 'testcase') {
      if (!close) testcase = { failed: false, skipped: false };
      if (close || selfClosing) {
        if (testcase) count(testcase.failed ? 'failed' : testcase.skipped ? 'skipped' : 'passed');
        testcase = undefined;
      }
    } else if ((name === 'failure' || name === 'error') && !close) {
      if (testcase) testcase.failed = true;
      else count('failed');
    } else if (name === 'skipped' && !close && testcase) {
      testcase.skipped = true;
    }
  }
  return total;
}

/**
 * @typedef {{ script: string, status: number | null, signal?: string | null, seconds?: number }} SuiteRun
 *   one line of run-all.json
 */

/**
 * @param {{ name: string, xml: string }[]} reports the JUnit files (name: file name)
 * @param {number} status the exit status of npm test
 * @param {SuiteRun[]} [runs] run-all.json: each npm script and how it exited
 * @returns {{ passed: number, failed: number, skipped: number, notes: string[], engines: string[] }}
 */
export function summarize(reports, status, runs) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  /** @type {Map<string, Counts>} */
  const engines = new Map();
  /** @type {Map<string, number>} failures per report */
  const failures = new Map();
  for (const { name, xml } of reports) {
    const c = countJUnit(xml);
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
    failures.set(name, c.failed);
    for (const [engine, e] of c.engines) {
      const sum = engines.get(engine) ?? { passed: 0, failed: 0, skipped: 0 };
      engines.set(engine, { passed: sum.passed + e.passed, failed: sum.failed + e.failed, skipped: sum.skipped + e.skipped });
    }
  }
  /** @type {string[]} */
  const notes = [];
  for (const run of runs ?? []) {
    if (run.status === 0) continue;
    const how = run.signal ? `was killed (${run.signal})` : `exited ${run.status}`;
    const report = reportName(run.script);
    if (!failures.has(report)) {
      failed++;
      notes.push(`${run.script} ${how} and wrote no ${report} (it did not finish, or is no test suite)`);
    } else if (failures.get(report) === 0) {
      failed++;
      notes.push(`${run.script} ${how} without a failed test in ${report}`);
    }
  }
  if (status !== 0 && failed === 0) {
    failed = 1;
    notes.push(`npm test exited ${status} without a counted failure (a suite did not finish)`);
  }
  const perEngine = [...engines].map(
    ([name, e]) => `${name} ${e.passed} passed, ${e.failed} failed${e.skipped ? `, ${e.skipped} skipped` : ''}`,
  );
  return { passed, failed, skipped, notes, engines: perEngine };
}

/**
 * The reports and run-all.json of `dir`; a missing or unreadable file is left out (and said).
 * @param {string} dir
 * @returns {{ reports: { name: string, xml: string }[], runs?: SuiteRun[], problems: string[] }}
 */
export function readResults(dir) {
  /** @type {string[]} */
  const problems = [];
  /** @type {{ name: string, xml: string }[]} */
  const reports = [];
  /** @type {SuiteRun[] | undefined} */
  let runs;
  if (!existsSync(dir)) return { reports, problems: [`no JUnit directory ${dir}`] };
  for (const name of readdirSync(dir).sort()) {
    try {
      if (name.endsWith('.xml')) reports.push({ name, xml: readFileSync(join(dir, name), 'utf8') });
      else if (name === 'run-all.json') runs = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (err) {
      problems.push(`cannot read ${join(dir, name)}: ${/** @type {Error} */ (err).message}`);
    }
  }
  return { reports, runs, problems };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir = 'test-results/junit', status = '1', sizeStatus = '0'] = process.argv.slice(2);
  const { reports, runs, problems } = readResults(dir);
  const { passed, failed, skipped, notes, engines } = summarize(reports, Number(status), runs);
  for (const line of [...problems, ...notes]) console.log(`ci: ${line}`);
  if (engines.length) console.log(`ci: browser tests per engine: ${engines.join('; ')}`);
  if (skipped) console.log(`ci: ${skipped} skipped`);
  const sizeFailed = sizeStatus !== '0';
  if (sizeFailed) console.log(`ci: the drop-in is over its size ceiling (npm run build -- --check-size --ceiling exited ${sizeStatus})`);
  console.log(`ci: ${passed} passed, ${failed + (sizeFailed ? 1 : 0)} failed`);
}
