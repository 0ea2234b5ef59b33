// `npm run load`: two `next start` instances sharing one real Postgres server,
// as production instances share theirs, with the Composio emulator behind them
// (loopback only). For --seconds (default 30):
// - PAGE_CLIENTS signed-in users load the settings page, each alternating between the instances;
// - CONNECT_CLIENTS browsers run Connect → Connect Link → callback → Disconnect cycles, each cycle
//   started on one instance and disconnected on the other.
// Then each user gets one expiry webhook, delivered several times to both instances at once.
// Finally it counts in the database what the app recorded (Activity events per user and kind, sessions,
// Connect attempts, webhook deliveries) against what was done, prints a table, and exits non-zero on any
// error, 5xx, or lost or duplicated row. Every process it starts is stopped on the way out.
//
// Options: --seconds=30, --skip-build (reuse .next from an earlier build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { signedWebhook } from '../e2e/fixtures';
import { psql, startPostgres, stopPostgres } from '../e2e/postgres';
import { composioUserId } from '../lib/auth/user-id';
import { databaseWork, describePerView } from './database-work';
import { percentile, signedInCookie } from './harness';
import { buildApp, portIsFree, startApp, startEmulator, type ServiceOptions } from '../scripts/stack';

const { values: options } = parseArgs({
  options: { seconds: { type: 'string', default: '30' }, 'skip-build': { type: 'boolean', default: false } },
});
const DURATION_MS = Number(options.seconds) * 1000;
if (!(DURATION_MS > 0)) throw new Error('--seconds must be a positive number');

const PAGE_CLIENTS = 20;
const CONNECT_CLIENTS = 4;
/** Copies of each expiry webhook sent to each instance, all at once. */
const WEBHOOK_COPIES_PER_INSTANCE = 3;
const PAGE = '/settings/integrations';

const EMULATOR_API_KEY = 'load-emulator-key';
const WEBHOOK_SECRET = 'load-webhook-secret-0123456789';

/** The first free port from `port` up: e2e runs and benches of other checkouts may hold some. */
async function freePortFrom(port: number): Promise<number> {
  while (!(await portIsFree(port))) port += 1;
  return port;
}
const EMULATOR_PORT = await freePortFrom(4700);
const firstAppPort = await freePortFrom(3300);
const INSTANCES = [
  `http://localhost:${firstAppPort}`,
  `http://localhost:${await freePortFrom(firstAppPort + 1)}`,
] as const;
// Both instances sit behind one public address, as behind a load balancer: Composio's callbacks come back to the
// first whichever instance started the Connect. The session cookie is per host, so it works on both ports.
const APP_URL = INSTANCES[0];

// --- servers -------------------------------------------------------------------

const database = await startPostgres('load');
process.on('exit', () => stopPostgres(database));

const appEnv = {
  DATABASE_URL: database.url,
  APP_URL,
  AUTH_SECRET: 'load-auth-secret-not-for-production-0123456789',
  AUTH_DEMO_LOGIN: 'true',
  COMPOSIO_API_KEY: EMULATOR_API_KEY,
  COMPOSIO_BASE_URL: `http://127.0.0.1:${EMULATOR_PORT}`,
  COMPOSIO_WEBHOOK_SECRET: WEBHOOK_SECRET,
  // The load measures throughput and bookkeeping; the limit itself is e2e/rate-limit.spec.ts's subject.
  CONNECT_RATE_LIMIT: '100000',
  NEXT_TELEMETRY_DISABLED: '1',
};

if (!options['skip-build']) {
  console.log('Building (next build)…');
  buildApp(appEnv, { quiet: true });
}
// A fresh emulator: a catalog an earlier run cached in .next/cache would be another emulator's.
rmSync('.next/cache/fetch-cache', { recursive: true, force: true });

// Own process groups, output shown only if one fails to start; all stopped when this script exits, however it exits.
const quiet: ServiceOptions = { output: 'quiet', ownGroup: true };
const emulator = await startEmulator(
  {
    COMPOSIO_EMULATOR_PORT: String(EMULATOR_PORT),
    COMPOSIO_EMULATOR_API_KEY: EMULATOR_API_KEY,
    COMPOSIO_EMULATOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'composio-emulator-load-')),
  },
  quiet,
);
const apps = await Promise.all(INSTANCES.map((url, n) => startApp(`app-${n + 1}`, url, appEnv, quiet)));
console.log(`Postgres at ${new URL(database.url).host}, instances ${INSTANCES.join(' and ')}.`);

// --- what was done, for the count at the end ------------------------------------

const failures: string[] = [];
const latencies: number[][] = INSTANCES.map(() => []);
/** Per Composio user id: the Activity events the app should have recorded, by kind. */
const expectedEvents = new Map<string, Record<string, number>>();
const expectEvent = (userId: string, kind: string) => {
  const counts = expectedEvents.get(userId) ?? {};
  counts[kind] = (counts[kind] ?? 0) + 1;
  expectedEvents.set(userId, counts);
};
const connectClicks = new Map<string, number>();
let signIns = 0;
let cycles = 0;

async function signInUser(email: string, instance: string): Promise<{ cookie: string; userId: string }> {
  const cookie = await signedInCookie(instance, email);
  signIns += 1;
  const userId = composioUserId({ demoEmail: email });
  expectedEvents.set(userId, {});
  return { cookie, userId };
}

const runId = Date.now().toString(36);
const deadline = Date.now() + DURATION_MS;

async function pageClient(index: number) {
  const { cookie } = await signInUser(`load-page-${index}-${runId}@example.com`, INSTANCES[index % 2]!);
  for (let n = index; Date.now() < deadline; n++) {
    const instance = n % 2;
    const started = performance.now();
    try {
      const response = await fetch(`${INSTANCES[instance]}${PAGE}`, { headers: { cookie }, redirect: 'manual' });
      await response.text();
      latencies[instance]!.push(performance.now() - started);
      if (response.status !== 200) failures.push(`page on instance ${instance + 1}: ${response.status}`);
    } catch (error) {
      failures.push(`page on instance ${instance + 1}: ${(error as Error).message}`);
    }
  }
}

/** A browser signed in as a new user, that fails the run on any 5xx it sees. */
async function browserUser(browser: Browser, index: number): Promise<{ page: Page; userId: string }> {
  const { cookie, userId } = await signInUser(`load-connect-${index}-${runId}@example.com`, INSTANCES[index % 2]!);
  const context = await browser.newContext();
  const [name, value] = cookie.split(/=(.*)/s) as [string, string];
  await context.addCookies([{ name, value, url: APP_URL, httpOnly: true, sameSite: 'Lax' }]);
  // A blocked popup: Connect takes the full-page path to the Connect Link, which this loop follows.
  await context.addInitScript(() => {
    window.open = () => null;
  });
  const page = await context.newPage();
  page.on('response', (response) => {
    if (response.status() >= 500) failures.push(`browser: ${response.status()} ${response.url()}`);
  });
  return { page, userId };
}

/** Connect Gmail from `instance` through the emulator's Allow, until the page shows it connected. */
async function connectGmail(page: Page, userId: string, instance: string): Promise<void> {
  await page.goto(`${instance}${PAGE}`);
  await page.getByRole('button', { name: 'Connect Gmail', exact: true }).click();
  connectClicks.set(userId, (connectClicks.get(userId) ?? 0) + 1);
  await page.waitForURL((url) => url.origin === emulator.url);
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.getByRole('button', { name: /^Disconnect Gmail/ }).waitFor();
  expectEvent(userId, 'connected');
}

async function connectClient(browser: Browser, index: number) {
  const { page, userId } = await browserUser(browser, index);
  for (let n = index; Date.now() < deadline; n++) {
    try {
      await connectGmail(page, userId, INSTANCES[n % 2]!);
      await page.goto(`${INSTANCES[(n + 1) % 2]}${PAGE}`);
      await page.getByRole('button', { name: /^Disconnect Gmail/ }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect', exact: true }).click();
      await page.getByRole('button', { name: 'Connect Gmail', exact: true }).waitFor();
      expectEvent(userId, 'disconnected');
      cycles += 1;
    } catch (error) {
      failures.push(`connect cycle: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  // One account left connected, for its expiry webhook below.
  try {
    await connectGmail(page, userId, INSTANCES[index % 2]!);
  } catch (error) {
    failures.push(`final connect: ${(error as Error).message.split('\n')[0]}`);
  }
  await page.context().close();
}

const browser = await chromium.launch(chromiumLaunchOptions());
const started = Date.now();
await Promise.all([
  ...Array.from({ length: PAGE_CLIENTS }, (_, index) => pageClient(index)),
  ...Array.from({ length: CONNECT_CLIENTS }, (_, index) => connectClient(browser, index)),
]);
const seconds = (Date.now() - started) / 1000;
await browser.close();

// --- expiry webhooks: the same delivery, several times, to both instances at once --------------------------------

type EmulatorAccount = { id: string; user_id: string; toolkit: { slug: string } };
const { accounts } = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as {
  accounts: EmulatorAccount[];
};
// Users without an account of their own (the page clients) get an event shaped like a real one for an account id
// of their own: the app stores what Composio reports without asking Composio again.
const template = accounts[0];
const webhookStatuses: Record<number, number> = {};
let deliveries = 0;
if (!template) failures.push('no connected account at the emulator to model the expiry webhooks on');
else {
  const accountJson = async (id: string) =>
    (await (
      await fetch(`${emulator.url}/api/v3.1/connected_accounts/${id}`, { headers: { 'x-api-key': EMULATOR_API_KEY } })
    ).json()) as Record<string, unknown>;
  const base = await accountJson(template.id);
  await Promise.all(
    [...expectedEvents.keys()].map(async (userId, n) => {
      const own = accounts.find((account) => account.user_id === userId);
      const account = own ? await accountJson(own.id) : { ...base, id: `ca_load_${runId}_${n}`, user_id: userId };
      const body = JSON.stringify({
        id: `msg_load_${runId}_${n}`,
        timestamp: new Date().toISOString(),
        type: 'composio.connected_account.expired',
        metadata: { project_id: 'pr_load', org_id: 'ok_load' },
        data: { ...account, status: 'EXPIRED' },
      });
      const headers = signedWebhook(body, { secret: WEBHOOK_SECRET, id: `msg_load_${runId}_${n}` });
      const copies = INSTANCES.flatMap((instance) =>
        Array.from({ length: WEBHOOK_COPIES_PER_INSTANCE }, () =>
          fetch(`${instance}/api/composio/webhook`, { method: 'POST', headers, body }).then(
            (response) => response.status,
            () => 0,
          ),
        ),
      );
      for (const status of await Promise.all(copies)) {
        deliveries += 1;
        webhookStatuses[status] = (webhookStatuses[status] ?? 0) + 1;
        if (status !== 200) failures.push(`webhook for ${userId}: ${status || 'connection lost'}`);
      }
      expectEvent(userId, 'expired');
    }),
  );
}

// --- the database work of one settings view, once the load is over ----------------------------------------------

const probe = await signedInCookie(INSTANCES[1], `load-probe-${runId}@example.com`);
signIns += 1;
expectedEvents.set(composioUserId({ demoEmail: `load-probe-${runId}@example.com` }), {});
const PROBE_VIEWS = 10;
const perView = await databaseWork(database, async () => {
  for (let n = 0; n < PROBE_VIEWS; n++) {
    const response = await fetch(`${INSTANCES[n % 2]}${PAGE}`, { headers: { cookie: probe }, redirect: 'manual' });
    await response.text();
    if (response.status !== 200) failures.push(`probe view: ${response.status}`);
  }
});

await Promise.all([...apps.map((app) => app.stop()), emulator.service.stop()]);

// --- count what the database holds against what was done ------------------------------------------------------

const counted = new Map<string, Record<string, number>>();
for (const line of psql(database, 'select user_id, kind, count(*) from activity_events group by user_id, kind')) {
  const [userId, kind, count] = line.split('|') as [string, string, string];
  counted.set(userId, { ...counted.get(userId), [kind]: Number(count) });
}
const mismatches: string[] = [];
const sum = (counts: Map<string, Record<string, number>>, kind?: string) =>
  [...counts.values()].reduce(
    (total, byKind) =>
      total + Object.entries(byKind).reduce((n, [k, v]) => n + (kind === undefined || k === kind ? v : 0), 0),
    0,
  );
for (const userId of new Set([...expectedEvents.keys(), ...counted.keys()])) {
  const want = expectedEvents.get(userId) ?? {};
  const got = counted.get(userId) ?? {};
  for (const kind of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if ((want[kind] ?? 0) !== (got[kind] ?? 0))
      mismatches.push(`${userId} ${kind}: expected ${want[kind] ?? 0}, counted ${got[kind] ?? 0}`);
  }
}
const countOne = (statement: string) => Number(psql(database, statement)[0]);
const sessionRows = countOne('select count(*) from sessions where revoked_at is null');
if (sessionRows !== signIns) mismatches.push(`sessions: ${signIns} sign-ins, ${sessionRows} active rows`);
const attemptRows = new Map(
  psql(database, "select user_id, count(*) from rate_limit_events where action = 'connect' group by user_id").map(
    (line) => {
      const [userId, count] = line.split('|') as [string, string];
      return [userId, Number(count)];
    },
  ),
);
for (const [userId, clicks] of connectClicks) {
  if (attemptRows.get(userId) !== clicks)
    mismatches.push(`connect attempts of ${userId}: ${clicks} clicks, ${attemptRows.get(userId) ?? 0} rows`);
}
const webhookUsers = sum(expectedEvents, 'expired');
const deliveryRows = countOne('select count(*) from webhook_deliveries');
if (deliveryRows !== webhookUsers) mismatches.push(`webhook deliveries: ${webhookUsers} sent, ${deliveryRows} rows`);

// --- figures -------------------------------------------------------------------------------------------------------

const total = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const all = latencies.flat();
const ms = (values: number[], p: number) => percentile(values, p).toFixed(0);
const rows: [string, string][] = [
  ['instances', `${INSTANCES.length} \`next start\` sharing one Postgres server`],
  ['clients', `${PAGE_CLIENTS} page clients, ${CONNECT_CLIENTS} browsers`],
  ['duration', `${seconds.toFixed(1)} s`],
  [
    'page requests',
    `${all.length} (${(all.length / seconds).toFixed(1)}/s; ${latencies.map((l) => l.length).join(' + ')})`,
  ],
  ['page latency p50 / p95 / p99', `${ms(all, 50)} / ${ms(all, 95)} / ${ms(all, 99)} ms`],
  ...latencies.map((values, n): [string, string] => [
    `  instance ${n + 1} p50 / p95`,
    `${ms(values, 50)} / ${ms(values, 95)} ms`,
  ]),
  ['connect → callback → disconnect cycles', `${cycles} (each across both instances)`],
  ['sign-ins → active session rows', `${signIns} → ${sessionRows}`],
  ['Connect clicks → rate-limit rows', `${total(connectClicks.values())} → ${total(attemptRows.values())}`],
  [
    'Activity events expected → counted',
    `${sum(expectedEvents)} → ${sum(counted)} (connected ${sum(expectedEvents, 'connected')} → ${sum(counted, 'connected')}, disconnected ${sum(expectedEvents, 'disconnected')} → ${sum(counted, 'disconnected')}, expired ${webhookUsers} → ${sum(counted, 'expired')})`,
  ],
  [
    'expiry webhook deliveries → Expired events',
    `${deliveries} deliveries (${WEBHOOK_COPIES_PER_INSTANCE} copies × ${INSTANCES.length} instances × ${webhookUsers} users; statuses ${JSON.stringify(webhookStatuses)}) → ${sum(counted, 'expired')} events, ${deliveryRows} delivery rows`,
  ],
  ['database work per settings view', describePerView(perView, PROBE_VIEWS)],
  ['errors (non-200 pages, 5xx, lost connections, failed cycles)', String(failures.length)],
  ['lost or duplicated rows', String(mismatches.length)],
];
console.log(`\n| metric | value |\n| --- | --- |`);
for (const [metric, value] of rows) console.log(`| ${metric} | ${value} |`);
for (const problem of [...failures.slice(0, 10), ...mismatches.slice(0, 10)]) console.log(`  - ${problem}`);
process.exit(failures.length > 0 || mismatches.length > 0 || cycles === 0 ? 1 : 0);
