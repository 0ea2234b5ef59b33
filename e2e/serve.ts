// Playwright's web server for the end-to-end run: a Postgres server of its own
// (e2e/postgres.ts), a production build, the Composio emulator on a fresh data
// folder, and four `next start` instances sharing that database (see
// e2e/servers.ts). The primary instance starts last, so that when Playwright
// sees it answer, everything is ready.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, stopPostgres } from './postgres';
import { offeredToolkits } from '../lib/toolkits';
import {
  APP_URL,
  EMULATOR_API_KEY,
  EMULATOR_PORT,
  EMULATOR_URL,
  NO_DEMO_APP_URL,
  SECOND_APP_URL,
  SHOW_ALL_APP_URL,
  WEBHOOK_SECRET,
  noDemoAppEnv,
  sharedAppEnv,
  showAllAppEnv,
} from './servers';

const children: ChildProcess[] = [];
const nextBin = 'node_modules/next/dist/bin/next';

function start(name: string, args: string[], env: Record<string, string>): void {
  // Same process group as this script: Playwright stops the whole group, `next-server` forks included.
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`[${name}] exited with code ${code}`);
      stop(1);
    }
  });
  children.push(child);
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

const postgresStarted = Date.now();
const database = await startPostgres('e2e');
console.log(`[postgres] ${database.url} ready in ${Date.now() - postgresStarted} ms`);
// Every process started below (the build, each app instance) shares this one database.
process.env.DATABASE_URL = database.url;

let stopping = false;
function stop(code: number): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const since = Date.now();
  stopPostgres(database);
  console.log(`[postgres] stopped and removed in ${Date.now() - since} ms`);
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

if (process.env.E2E_SKIP_BUILD !== '1') {
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ...sharedAppEnv, NODE_ENV: 'production' },
  });
  if (build.status !== 0) stop(build.status ?? 1);
}

start('emulator', ['--import', 'tsx', 'emulator/server.ts'], {
  COMPOSIO_EMULATOR_PORT: String(EMULATOR_PORT),
  COMPOSIO_EMULATOR_API_KEY: EMULATOR_API_KEY,
  COMPOSIO_EMULATOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'composio-emulator-e2e-')),
  // The 30 most used toolkits of Composio's real catalog (lib/toolkits.ts's are all among them):
  // long enough for the show-all instance to page its list.
  COMPOSIO_EMULATOR_CATALOG_SIZE: '30',
  COMPOSIO_EMULATOR_WEBHOOK_URL: `${APP_URL}/api/composio/webhook`,
  COMPOSIO_WEBHOOK_SECRET: WEBHOOK_SECRET,
});
await waitFor(`${EMULATOR_URL}/healthz`);

// The emulator serves only the first COMPOSIO_EMULATOR_CATALOG_SIZE toolkits of Composio's catalog: a fork that
// offers a less used toolkit in lib/toolkits.ts must raise it, and is told so here rather than by failing journeys.
const catalog = (await (
  await fetch(`${EMULATOR_URL}/api/v3.1/toolkits?limit=1000`, { headers: { 'x-api-key': EMULATOR_API_KEY } })
).json()) as { items: { slug: string }[] };
const outsideCut = offeredToolkits.filter((toolkit) => !catalog.items.some((item) => item.slug === toolkit.slug));
if (outsideCut.length > 0) {
  console.error(
    `lib/toolkits.ts offers ${outsideCut.map((toolkit) => toolkit.slug).join(', ')}, outside the emulator's catalog cut: raise COMPOSIO_EMULATOR_CATALOG_SIZE in e2e/serve.ts.`,
  );
  stop(1);
}

const port = (url: string) => new URL(url).port;
start('app-2', [nextBin, 'start', '-p', port(SECOND_APP_URL)], sharedAppEnv);
start('app-no-demo', [nextBin, 'start', '-p', port(NO_DEMO_APP_URL)], noDemoAppEnv);
start('app-show-all', [nextBin, 'start', '-p', port(SHOW_ALL_APP_URL)], showAllAppEnv);
await Promise.all([SECOND_APP_URL, NO_DEMO_APP_URL, SHOW_ALL_APP_URL].map((url) => waitFor(`${url}/sign-in`)));
start('app', [nextBin, 'start', '-p', port(APP_URL)], sharedAppEnv);
