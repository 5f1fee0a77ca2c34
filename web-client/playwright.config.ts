import { defineConfig } from '@playwright/test';

// Browser journeys against a running platform: CIRCLES_GATEWAY is its gateway (WebClientIT in system-tests starts
// one and sets it). Chromium is Debian's (apt-get install chromium): Playwright never downloads a browser here.
export default defineConfig({
  testDir: 'e2e',
  testIgnore: /screenshots\.spec\.ts/,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.CIRCLES_GATEWAY ?? 'http://localhost:8080',
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
  },
});
