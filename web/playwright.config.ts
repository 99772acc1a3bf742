import { defineConfig } from '@playwright/test';

// Run by e2e's WebAppIT against a stack it started (WEB_BASE_URL = the edge). Debian's Chromium,
// never a downloaded browser; screenshots to WEB_SCREENSHOTS (e2e/target/web-screenshots).
export default defineConfig({
  testDir: 'tests',
  timeout: 150_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: 'line',
  outputDir: process.env.WEB_TEST_OUTPUT ?? 'target/playwright',
  use: {
    baseURL: process.env.WEB_BASE_URL ?? 'http://127.0.0.1:8080',
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--autoplay-policy=no-user-gesture-required'] },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
  },
});
