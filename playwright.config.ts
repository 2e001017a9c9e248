// Playwright (`npm run test:e2e`): end-to-end tests against the Vite dev server, which serves
// the playground (index.html) and mounts the Frontend API emulator on the same origin.
import { defineConfig } from '@playwright/test';
import { CHROME_PATH, CHROMIUM_ARGS } from './test/chromium.js';

const PORT = 5174;
const baseURL = `http://localhost:${PORT}`;

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
  reporter: 'list',
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    trace: 'off',
    launchOptions: {
      executablePath: CHROME_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `npx vite --port ${PORT} --strictPort`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: { PORT: String(PORT) },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
