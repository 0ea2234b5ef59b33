import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';
import { APP_URL } from './e2e/servers';

export default defineConfig({
  testDir: './e2e',
  // Journeys only: e2e/*.test.ts are unit tests of the test tooling (npm run test:unit).
  testMatch: '*.spec.ts',
  outputDir: './test-results',
  // Two at a time: each journey signs in as a user of its own. One that acts on what all share (faults, the request
  // log, the database) is tagged @exclusive and runs alone (e2e/fixtures.ts).
  workers: 2,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: chromiumLaunchOptions(),
      },
    },
  ],
  webServer: {
    command: 'node --import tsx e2e/serve.ts',
    url: `${APP_URL}/sign-in`,
    // The build is inside it: about 2 min on a quiet 2-core machine, 8 min on a busy one.
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    // SIGTERM, not Playwright's default SIGKILL: e2e/serve.ts then stops its Postgres and deletes its folder.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
