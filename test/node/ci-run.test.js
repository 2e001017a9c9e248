// @ts-check
/**
 * `.ci/run` ends with its closing `ci: N passed, N failed` line and the right exit status, on
 * success and on failure; scripts/ci-summary.js counts it from the JUnit XML of every runner
 * (node:test, web-test-runner, Playwright), and a suite that died without its report as a failure.
 *
 * STUB: `.ci/run` runs here with a fake `npm` first on PATH (a real `npm ci` + `npm test` takes
 * minutes, and would run this very test again) that writes what the runners would write into a
 * temporary JUNIT_DIR. Everything else — bash, the script, node, ci-summary.js — is the real thing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countJUnit, reportName, summarize } from '../../scripts/ci-summary.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** node:test's junit reporter (Node 20): cases at the top and in suites, totals only in comments. */
const NODE_XML = `<?xml version="1.0" encoding="utf-8"?>
<testsuites>
	<testcase name="a" time="0.001738" classname="test"/>
	<testcase name="b" time="0.000246" classname="test">
		<skipped type="skipped" message="true"/>
	</testcase>
	<testcase name="c &gt; d" time="0.000473" classname="test" failure="x&lt;y > z">
		<failure type="testCodeFailure" message="x&lt;y > z">
[Error [ERR_TEST_FAILURE]: x&lt;y] {
  cause: Error: x&lt;y
      at TestContext.&lt;anonymous> (file:///tmp/a.test.mjs:1:115)
}
		</failure>
	</testcase>
	<testsuite name="d" time="0.000950" disabled="0" errors="0" tests="2" failures="0" skipped="1" hostname="vm">
		<testcase name="e" time="0.000235" classname="test"/>
		<testcase name="f" time="0.000182" classname="test">
			<skipped type="todo" message="true"/>
		</testcase>
	</testsuite>
	<!-- tests 5 -->
	<!-- pass 2 -->
	<!-- fail 1 -->
</testsuites>
`;

/** @web/test-runner-junit-reporter: a suite per browser and file, logs and failures in CDATA. */
const WTR_XML = `<?xml version="1.0"?>
<testsuites>
  <testsuite name="Chromium_playwright_/test/component/a.test.ts" id="0" tests="3" skipped="0" errors="1" failures="1" time="1.2">
    <properties>
      <property name="test.fileName" value="test/component/a.test.ts"/>
      <property name="browser.name" value="Chromium"/>
      <property name="browser.launcher" value="playwright"/>
    </properties>
    <testcase name="one" time="0.3" classname="a" file="test/component/a.test.ts"/>
    <testcase name="two" time="0.3" classname="a" file="test/component/a.test.ts"/>
    <testcase name="three" time="0.6" classname="a" file="test/component/a.test.ts" line="12">
      <failure message="expected 1 to equal 2" type="AssertionError"><![CDATA[AssertionError: <testcase name="fake"/> expected 1 to equal 2]]></failure>
    </testcase>
    <system-out><![CDATA[<testcase name="in a log"/>]]></system-out>
  </testsuite>
  <testsuite name="Firefox_puppeteer_/test/component/a.test.ts" id="0" tests="3" skipped="1" errors="0" failures="0" time="1.0">
    <properties>
      <property name="test.fileName" value="test/component/a.test.ts"/>
      <property name="browser.name" value="Firefox"/>
      <property name="browser.launcher" value="puppeteer"/>
    </properties>
    <testcase name="one" time="0.3" classname="a" file="test/component/a.test.ts"/>
    <testcase name="two" time="0.3" classname="a" file="test/component/a.test.ts"/>
    <testcase name="three" time="0" classname="a" file="test/component/a.test.ts">
      <skipped/>
    </testcase>
  </testsuite>
</testsuites>
`;

/** Playwright's junit reporter. */
const PLAYWRIGHT_XML = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites id="" name="" tests="3" failures="0" skipped="0" errors="0" time="4.2">
<testsuite name="append.spec.ts" timestamp="2026-01-01T00:00:00.000Z" hostname="chromium" tests="3" failures="0" skipped="0" time="4.2" errors="0">
<testcase name="the happy path" classname="append.spec.ts" time="1.4">
</testcase>
<testcase name="a cancel" classname="append.spec.ts" time="1.4">
<system-out>
<![CDATA[[[ATTACHMENT|trace.zip]]]]>
</system-out>
</testcase>
<testcase name="a skip" classname="append.spec.ts" time="1.4">
</testcase>
</testsuite>
</testsuites>
`;

test('countJUnit: node:test — top-level and nested cases, skipped and todo, a failure; markup in attributes and text', () => {
  const c = countJUnit(NODE_XML);
  assert.deepEqual([c.passed, c.failed, c.skipped], [2, 1, 2]);
  assert.deepEqual([...c.engines], []);
});

test('countJUnit: web-test-runner — per engine, CDATA (failure text, logs) never read as markup', () => {
  const c = countJUnit(WTR_XML);
  assert.deepEqual([c.passed, c.failed, c.skipped], [4, 1, 1]);
  assert.deepEqual(Object.fromEntries(c.engines), {
    Chromium: { passed: 2, failed: 1, skipped: 0 },
    Firefox: { passed: 2, failed: 0, skipped: 1 },
  });
});

test('countJUnit: Playwright; a failure outside any case (a hook) counts', () => {
  const c = countJUnit(PLAYWRIGHT_XML);
  assert.deepEqual([c.passed, c.failed, c.skipped], [3, 0, 0]);
  const hook = countJUnit('<testsuites><testsuite name="s"><error message="before all hook"/></testsuite></testsuites>');
  assert.deepEqual([hook.passed, hook.failed, hook.skipped], [0, 1, 0]);
});

test('reportName: an npm script to its report', () => {
  assert.deepEqual(['test:unit', 'test:model:ci', 'test:browser'].map(reportName), ['unit.xml', 'model-ci.xml', 'browser.xml']);
});

const REPORTS = [
  { name: 'flow.xml', xml: NODE_XML },
  { name: 'browser.xml', xml: WTR_XML },
  { name: 'e2e.xml', xml: PLAYWRIGHT_XML },
];

test('summarize: every report, the engines apart', () => {
  const runs = [
    { script: 'test:lint', status: 0 },
    { script: 'test:flow', status: 1 },
    { script: 'test:browser', status: 1 },
    { script: 'test:e2e', status: 0 },
  ];
  assert.deepEqual(summarize(REPORTS, 1, runs), {
    passed: 9,
    failed: 2,
    skipped: 3,
    notes: [],
    engines: ['Chromium 2 passed, 1 failed', 'Firefox 2 passed, 0 failed, 1 skipped'],
  });
});

test('summarize: a suite that exited non-zero without a report, or without a failed test in it, is one failure each', () => {
  const runs = [
    { script: 'test:lint', status: 2 },
    { script: 'test:e2e', status: 1 },
    { script: 'test:package', status: null, signal: 'SIGKILL' },
  ];
  const { passed, failed, notes } = summarize([{ name: 'e2e.xml', xml: PLAYWRIGHT_XML }], 1, runs);
  assert.deepEqual([passed, failed], [3, 3]);
  assert.deepEqual(notes, [
    'test:lint exited 2 and wrote no lint.xml (it did not finish, or is no test suite)',
    'test:e2e exited 1 without a failed test in e2e.xml',
    'test:package was killed (SIGKILL) and wrote no package.xml (it did not finish, or is no test suite)',
  ]);
});

test('summarize: without run-all.json a non-zero exit without a counted failure is one failure', () => {
  const { passed, failed, notes } = summarize([{ name: 'flow.xml', xml: '<testsuites><testcase name="a"/></testsuites>' }], 139);
  assert.deepEqual([passed, failed], [1, 1]);
  assert.match(notes.join(), /exited 139/);
});

/**
 * Runs `.ci/run` with `npm` replaced by a shell script, JUNIT_DIR a temporary directory.
 * @param {string} npm body of the fake npm (`$1` is the npm command: `ci`, `test` or `run`;
 *   `$FIXTURES` holds flow.xml, browser.xml and e2e.xml, `$JUNIT_DIR` is where npm test writes)
 */
function runCi(npm) {
  const bin = mkdtempSync(join(tmpdir(), 'corbado-ci-run-'));
  try {
    const fixtures = join(bin, 'fixtures');
    const junit = join(bin, 'junit');
    mkdirSync(fixtures);
    mkdirSync(junit);
    for (const { name, xml } of REPORTS) writeFileSync(join(fixtures, name), xml);
    // A stale report of an earlier run: .ci/run must not count it.
    writeFileSync(join(junit, 'stale.xml'), '<testsuites><testcase name="old"><failure/></testcase></testsuites>');
    writeFileSync(join(bin, 'npm'), `#!/usr/bin/env bash\nFIXTURES=${fixtures}\n${npm}\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    const { status, stdout, stderr } = spawnSync('bash', [join(ROOT, '.ci/run')], {
      encoding: 'utf8',
      // An executable CHROME_PATH: no apt-get here.
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CHROME_PATH: '/bin/true', JUNIT_DIR: junit },
      timeout: 30_000,
    });
    const lines = stdout.trim().split('\n');
    return { status, last: lines.at(-1), stdout, stderr };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

/** The fake `npm test`: writes the runners' reports and run-all.json as scripts/run-all.js would, then exits `rc`. */
const npmTest = (/** @type {string} */ runs, rc = 0) =>
  `if [ "$1" = test ]; then mkdir -p "$JUNIT_DIR"; cp "$FIXTURES"/*.xml "$JUNIT_DIR"/; echo '${runs}' > "$JUNIT_DIR/run-all.json"; exit ${rc}; fi; exit 0`;

test('.ci/run: a passing npm test → exit 0 and the counted closing line, stale reports cleared', () => {
  const { status, last, stdout, stderr } = runCi(
    `if [ "$1" = test ]; then mkdir -p "$JUNIT_DIR"; cp "$FIXTURES/e2e.xml" "$JUNIT_DIR"/; exit 0; fi; exit 0`,
  );
  assert.equal(status, 0, stderr);
  assert.equal(last, 'ci: 3 passed, 0 failed', stdout);
});

test('.ci/run: a failing npm test → its exit status and the closing line, per engine too', () => {
  const runs = JSON.stringify([
    { script: 'test:flow', status: 1 },
    { script: 'test:browser', status: 1 },
    { script: 'test:e2e', status: 0 },
  ]);
  const { status, last, stdout } = runCi(npmTest(runs, 3));
  assert.equal(status, 3, stdout);
  assert.equal(last, 'ci: 9 passed, 2 failed');
  assert.match(stdout, /ci: browser tests per engine: Chromium 2 passed, 1 failed; Firefox 2 passed, 0 failed, 1 skipped/);
  assert.match(stdout, /::: npm test took \d+ s/);
});

test('.ci/run: a suite that died before its report → counted as a failure', () => {
  const runs = JSON.stringify([
    { script: 'test:flow', status: 1 },
    { script: 'test:browser', status: 1 },
    { script: 'test:e2e', status: 0 },
    { script: 'test:package', status: 1 },
  ]);
  const { status, last, stdout } = runCi(npmTest(runs, 1));
  assert.equal(status, 1, stdout);
  assert.equal(last, 'ci: 9 passed, 3 failed');
  assert.match(stdout, /ci: test:package exited 1 and wrote no package\.xml/);
});

test('.ci/run: a failing npm ci → non-zero exit, and still a closing line', () => {
  const { status, last, stdout } = runCi(`[ "$1" = ci ] && exit 7; exit 0`);
  assert.equal(status, 7, stdout);
  assert.equal(last, 'ci: 0 passed, 1 failed (stopped before npm test ran)');
});
