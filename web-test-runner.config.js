// web-test-runner (`npm run test:browser`): what needs a browser — the element, and the modules
// that talk to browser APIs (test/component/) — in real headless Chromium and Firefox, with the
// Frontend API emulator mounted on the same origin and the engine's virtual authenticator
// available through `test/helpers/webauthn.ts`; and the unsupported path in WebKitGTK, a real
// browser without WebAuthn (test/webkit/). Pure modules are tested under Node (test/unit/, test/flow/).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { junitReporter } from '@web/test-runner-junit-reporter';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { createEmulator } from './emulator/core.js';
import { emulatorKoaMiddleware } from './emulator/koa.js';
import { webauthnPlugin } from './test/plugins/webauthn-plugin.js';
import { sharedCasesMiddleware } from './test/plugins/shared-cases.js';
import { CHROME_PATH, CHROMIUM_ARGS } from './test/chromium.js';
import { firefoxLauncher } from './test/engines/firefox.js';
import { webkitLauncher } from './test/engines/webkit.js';
import { freePort } from './test/engines/free-port.js';

// esbuild reads this file as raw JSON (no `extends`): it holds the Lit decorator flags.
const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** `ENGINES=firefox npm run test:browser`: only some engines (default: all three). */
const ENGINES = (process.env.ENGINES || 'chromium,firefox,webkit').split(',').map((e) => e.trim());
/** @template T @param {string} name @param {() => T} launcher @returns {T[]} */
const engine = (name, launcher) => (ENGINES.includes(name) ? [launcher()] : []);

/**
 * JUnit XML for CI's closing line (scripts/ci-summary.js), from @web/test-runner-junit-reporter —
 * which reports only tests inside a `describe`, and nothing of a file that never ran: tests at a
 * file's top level are handed to it in a suite of their own, and a file that failed without a
 * failed test (it did not load, it timed out) as one failed test, so neither goes uncounted.
 * @param {string} outputPath
 * @returns {import('@web/test-runner').Reporter}
 */
function junit(outputPath) {
  const reporter = junitReporter({ outputPath });
  /** @typedef {import('@web/test-runner').TestSession} Session */
  /** @param {NonNullable<Session['testResults']>} suite @returns {boolean} */
  const anyFailed = (suite) => suite.tests.some((t) => !t.passed && !t.skipped) || suite.suites.some(anyFailed);
  /** @param {Session} session @returns {Session} */
  const complete = (session) => {
    const results = session.testResults ?? { name: '', suites: [], tests: [] };
    const suites = results.tests.length ? [{ name: '', suites: [], tests: results.tests }, ...results.suites] : results.suites;
    if (session.passed === false && !anyFailed(results)) {
      const error = session.errors[0] ?? { message: 'the test file did not finish' };
      suites.push({
        name: '',
        suites: [],
        tests: [{ name: `(the file did not run: ${error.message})`, passed: false, skipped: false, error }],
      });
    }
    return { ...session, testResults: { ...results, tests: [], suites } };
  };
  return { ...reporter, onTestRunFinished: (args) => reporter.onTestRunFinished?.({ ...args, sessions: args.sessions.map(complete) }) };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/component/**/*.test.ts'],
  nodeResolve: true,
  // WebAuthn: rp.id "localhost" is only valid on a localhost origin.
  hostname: 'localhost',
  // A port the OS hands out (wtr would otherwise probe upwards from 8000, racing other runs).
  port: await freePort(),
  concurrency: 2,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  // Lit's one-time dev-mode banner is noise in every test file; other logs stay.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  // The console as ever, and JUnit XML (see `junit` above).
  reporters: [defaultReporter(), junit('test-results/junit/browser.xml')],
  testFramework: {
    config: { timeout: 10_000 },
  },
  browsers: [
    ...engine('chromium', () =>
      playwrightLauncher({
        product: 'chromium',
        // Beside Firefox, one file at a time each: on 2 cores a third page starves the timing tests
        // (measured: 143 s and green, against 177–248 s with timeouts at 2).
        concurrency: ENGINES.includes('firefox') ? 1 : 2,
        launchOptions: {
          executablePath: CHROME_PATH,
          args: CHROMIUM_ARGS,
        },
      }),
    ),
    // The virtual authenticator belongs to the whole Firefox: one test file at a time.
    ...engine('firefox', () => firefoxLauncher({ concurrency: 1 })),
  ],
  // A browser without WebAuthn (WebKitGTK) runs the unsupported path, unstubbed.
  groups: ENGINES.includes('webkit') ? [{ name: 'webkit', files: ['test/webkit/**/*.test.ts'], browsers: [await webkitLauncher()] }] : [],
  // Same-origin Frontend API emulator: /v2/connect/* (X-Corbado-ProjectID) and
  // /emulator/* (?projectId=). State is partitioned by project id: one id per test.
  // /__shared/cases/*.json: the real files of ../shared/cases/ (test/plugins/shared-cases.js).
  middleware: [emulatorKoaMiddleware(createEmulator()), sharedCasesMiddleware()],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig }), webauthnPlugin()],
};
