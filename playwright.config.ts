// Playwright (`npm run test:e2e`): end-to-end tests against the Vite dev server, which serves
// the playground (index.html) and mounts the Frontend API emulator on the same origin. The
// server is started by global-setup.js on a free port (never a fixed one, never a foreign one).
import { defineConfig } from '@playwright/test';
import { CHROME_PATH, CHROMIUM_ARGS } from './test/chromium.js';

export default defineConfig({
  testDir: 'test/e2e',
  // Only *.spec.ts / *.test.ts are tests; helpers such as virtual-authenticator.ts are not.
  testMatch: /.*\.(spec|test)\.ts$/,
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // The console as ever, and JUnit XML for CI's closing line (scripts/ci-summary.js).
  reporter: [['list'], ['junit', { outputFile: 'test-results/junit/e2e.xml' }]],
  // Its own folder: Playwright empties its output folder first, and test-results/junit/ holds the
  // other suites' reports.
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/global-setup.js',
  use: {
    // Set by global-setup.js before the workers start.
    baseURL: process.env.E2E_BASE_URL,
    browserName: 'chromium',
    headless: true,
    trace: 'off',
    launchOptions: {
      executablePath: CHROME_PATH,
      args: CHROMIUM_ARGS,
    },
  },
});
