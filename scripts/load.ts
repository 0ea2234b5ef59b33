// `npm run load`: for 30 s, 50 signed-in clients load the settings page while
// 3 browsers complete Connect → Connect Link → callback → Disconnect cycles,
// against a production build and the emulator (the e2e servers, loopback only).
// Prints requests, errors and latency percentiles; exits non-zero on any 5xx or lost connection.
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { APP_URL, EMULATOR_URL } from '../e2e/servers';
import { percentile, signedInCookie } from './harness';
import { startService, tsxLoader, waitForUrl } from './stack';

// A script option, not app configuration: `npm run load -- --seconds=60`.
const { values: options } = parseArgs({ options: { seconds: { type: 'string', default: '30' } } });
const DURATION_MS = Number(options.seconds) * 1000;
if (!(DURATION_MS > 0)) throw new Error('--seconds must be a positive number');
const PAGE_CLIENTS = 50;
const CONNECT_CLIENTS = 3;

// Its own process group: stopping it stops the emulator and every `next start` it runs.
const server = startService(
  'e2e servers',
  ['--import', tsxLoader, 'e2e/serve.ts'],
  {},
  { output: 'quiet', ownGroup: true },
);
await waitForUrl(`${APP_URL}/sign-in`, { service: server, timeoutMs: 300_000 });

const latencies: number[] = [];
const failures: string[] = [];
let cycles = 0;
const deadline = Date.now() + DURATION_MS;

async function pageClient(index: number) {
  const cookie = await signedInCookie(APP_URL, `load-${index}-${Date.now()}@example.com`);
  while (Date.now() < deadline) {
    const started = performance.now();
    try {
      const response = await fetch(`${APP_URL}/settings/integrations`, { headers: { cookie } });
      await response.text();
      latencies.push(performance.now() - started);
      if (response.status >= 500) failures.push(`page ${response.status}`);
    } catch (error) {
      failures.push(`page: ${(error as Error).message}`);
    }
  }
}

async function connectClient(page: Page, index: number) {
  await page.goto(`${APP_URL}/sign-in?callbackUrl=%2Fsettings%2Fintegrations`);
  await page.getByLabel('Email').fill(`load-connect-${index}-${Date.now()}@example.com`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/settings\/integrations$/);
  while (Date.now() < deadline) {
    try {
      await page.getByRole('button', { name: 'Connect Gmail', exact: true }).click();
      await page.waitForURL((url) => url.origin === EMULATOR_URL);
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.getByText('Gmail connected').waitFor();
      await page.getByRole('button', { name: 'Disconnect Gmail' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect', exact: true }).click();
      await page.getByRole('button', { name: 'Connect Gmail', exact: true }).waitFor();
      cycles += 1;
    } catch (error) {
      failures.push(`connect cycle: ${(error as Error).message.split('\n')[0]}`);
      await page.goto(`${APP_URL}/settings/integrations`);
    }
  }
}

const browser = await chromium.launch(chromiumLaunchOptions());
const started = Date.now();
await Promise.all([
  ...Array.from({ length: PAGE_CLIENTS }, (_, index) => pageClient(index)),
  ...Array.from({ length: CONNECT_CLIENTS }, async (_, index) => connectClient(await browser.newPage(), index)),
]);
await browser.close();
await server.stop();

const seconds = (Date.now() - started) / 1000;
console.log(`\n| metric | value |\n| --- | --- |`);
console.log(`| duration | ${seconds.toFixed(1)} s |`);
console.log(
  `| page requests | ${latencies.length} (${(latencies.length / seconds).toFixed(1)}/s, ${PAGE_CLIENTS} clients) |`,
);
console.log(`| connect/callback/disconnect cycles | ${cycles} (${CONNECT_CLIENTS} browsers) |`);
console.log(
  `| p50 / p95 / p99 page latency | ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms |`,
);
console.log(`| errors (5xx, lost connections, failed cycles) | ${failures.length} |`);
for (const failure of failures.slice(0, 10)) console.log(`  - ${failure}`);
process.exit(failures.length > 0 || cycles === 0 ? 1 : 0);
