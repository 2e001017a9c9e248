// @ts-check
/**
 * `.ci/run` ends with its closing `ci: N passed, N failed` line and the right exit status, on
 * success and on failure; scripts/ci-summary.js counts every runner's summary.
 *
 * STUB: `.ci/run` runs here with a fake `npm` first on PATH (a real `npm ci` + `npm test` takes
 * minutes, and would run this very test again). Everything else — bash, the script, node,
 * ci-summary.js — is the real thing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize } from '../../scripts/ci-summary.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const PASSING_LOG = [
  'TAP version 13',
  '# pass 40',
  '# fail 0',
  '\x1b[2K\x1b[1A\x1b[2K\x1b[GChromium: |████| 27/28 test files | 205 passed, 0 failed',
  '\x1b[2K\x1b[1A\x1b[2K\x1b[GChromium: |████| 28/28 test files | 208 passed, 0 failed',
  'Finished running tests in 107.5s, all tests passed! 🎉',
  '  8 passed (21.5s)',
].join('\n');

test('summarize: node:test, web-test-runner (last progress line per browser) and Playwright', () => {
  assert.deepEqual(summarize(PASSING_LOG, 0), { passed: 256, failed: 0, engines: ['Chromium 208 passed, 0 failed'] });
  const failing = [
    '# pass 10',
    '# fail 2',
    'Chromium: |███| 3/3 test files | 7 passed, 1 failed',
    'Firefox: |██ | 2/3 test files | 5 passed, 0 failed',
    'Firefox: |███| 3/3 test files | 6 passed, 2 failed',
    '  1 failed',
    '  4 passed (3.0s)',
  ].join('\n');
  assert.deepEqual(summarize(failing, 1), {
    passed: 27,
    failed: 6,
    engines: ['Chromium 7 passed, 1 failed', 'Firefox 6 passed, 2 failed'],
  });
});

test('summarize: a non-zero exit without a counted failure is one failure', () => {
  const { passed, failed, note } = summarize('# pass 3\n# fail 0\nSegmentation fault\n', 139);
  assert.deepEqual([passed, failed], [3, 1]);
  assert.match(note ?? '', /exited 139/);
});

/**
 * Runs `.ci/run` with `npm` replaced by a shell script.
 * @param {string} npm body of the fake npm (`$1` is the npm command: `ci` or `test`; `$LOG_FILE`
 *   holds PASSING_LOG)
 */
function runCi(npm) {
  const bin = mkdtempSync(join(tmpdir(), 'corbado-ci-run-'));
  try {
    writeFileSync(join(bin, 'passing.log'), PASSING_LOG);
    writeFileSync(join(bin, 'npm'), `#!/usr/bin/env bash\nLOG_FILE=${join(bin, 'passing.log')}\n${npm}\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    const { status, stdout, stderr } = spawnSync('bash', [join(ROOT, '.ci/run')], {
      encoding: 'utf8',
      // An executable CHROME_PATH: no apt-get here.
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CHROME_PATH: '/bin/true' },
      timeout: 30_000,
    });
    const lines = stdout.trim().split('\n');
    return { status, last: lines.at(-1), stdout, stderr };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

test('.ci/run: a passing npm test → exit 0 and the counted closing line', () => {
  const { status, last, stderr } = runCi('[ "$1" = test ] && cat "$LOG_FILE"; exit 0');
  assert.equal(status, 0, stderr);
  assert.equal(last, 'ci: 256 passed, 0 failed');
});

test('.ci/run: a failing npm test → its exit status and the closing line', () => {
  const { status, last, stdout } = runCi(`if [ "$1" = test ]; then echo '# pass 5'; echo '# fail 2'; exit 3; fi`);
  assert.equal(status, 3, stdout);
  assert.equal(last, 'ci: 5 passed, 2 failed');
  assert.match(stdout, /::: npm test took \d+ s/);
});

test('.ci/run: a failing npm ci → non-zero exit, and still a closing line', () => {
  const { status, last, stdout } = runCi(`[ "$1" = ci ] && exit 7; exit 0`);
  assert.equal(status, 7, stdout);
  assert.equal(last, 'ci: 0 passed, 1 failed (stopped before npm test ran)');
});
