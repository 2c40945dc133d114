// Browser tests: Debian's Chromium drives `berth ui` (the renderer served on 127.0.0.1). Each test gets
// its own `berth ui` process and data dir (test/e2e/fixtures.ts); the registries are shared per worker.

import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
    viewport: { width: 1180, height: 760 },
    colorScheme: 'light',
    trace: 'retain-on-failure',
  },
});
