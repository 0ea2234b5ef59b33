// Playwright's web server for the end-to-end run: a database of its own (e2e/database.ts:
// a Postgres server, or PGlite where PostgreSQL is not installed), a production build, the Composio emulator on a fresh data
// folder, and five `next start` instances: four sharing that database, one whose
// database is down (see e2e/servers.ts). The primary instance starts last, so that when Playwright
// sees it answer, everything is ready.
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offeredToolkits } from '../lib/toolkits';
import { buildApp, startApp, startEmulator, type Service, type ServiceOptions } from '../scripts/stack';
import { startDatabase, stopDatabase } from './database';
import {
  APP_URL,
  DB_DOWN_APP_URL,
  DB_DOWN_LOG,
  EMULATOR_API_KEY,
  EMULATOR_CATALOG_SIZE,
  EMULATOR_PORT,
  NO_DEMO_APP_URL,
  SECOND_APP_URL,
  SHOW_ALL_APP_URL,
  VERIFIER_URLS,
  WEBHOOK_SECRET,
  dbDownAppEnv,
  noDemoAppEnv,
  sharedAppEnv,
  showAllAppEnv,
} from './servers';

/**
 * Copies a service's output to `file` too, for journeys that check what the server logged. One open stream, not a
 * file open per chunk; a line lands a moment after the server writes it, so those journeys poll the file.
 */
function logTo(service: Service, file: string): void {
  const copy = createWriteStream(file);
  for (const stream of [service.child.stdout, service.child.stderr]) {
    stream?.on('data', (chunk: Buffer) => copy.write(chunk));
  }
}

// In Playwright's process group (it stops the whole group); any server dying ends the run.
const options: ServiceOptions = { output: 'prefixed', critical: true };

const databaseStarted = Date.now();
const database = await startDatabase(options);
console.log(
  database.kind === 'pglite'
    ? `[database] ${process.env.E2E_DATABASE === 'pglite' ? 'E2E_DATABASE=pglite' : 'PostgreSQL is not installed'}: the journeys run against PGlite served on ${database.url}, ready in ${Date.now() - databaseStarted} ms`
    : `[database] Postgres ${database.url} ready in ${Date.now() - databaseStarted} ms`,
);
// However this process ends (Playwright's SIGTERM, a server dying, a failed build), after the servers are told to stop.
process.on('exit', () => {
  const since = Date.now();
  stopDatabase(database);
  console.log(`[database] stopped and removed in ${Date.now() - since} ms`);
});
// Every process started below (the build, each app instance) shares this one database.
process.env.DATABASE_URL = database.url;

if (process.env.E2E_SKIP_BUILD !== '1') buildApp(sharedAppEnv);
// Every run's emulator is new: a catalog an earlier run cached in .next/cache (it outlives builds) would be stale.
rmSync('.next/cache/fetch-cache', { recursive: true, force: true });

// The emulator fsyncs every change before answering: in memory (/dev/shm) that costs nothing, on a busy disk ~20 ms
// a write, several per Connect. Its durability has unit tests of its own (emulator/durability.test.ts).
const emulatorData = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'composio-emulator-e2e-'));
process.on('exit', () => rmSync(emulatorData, { recursive: true, force: true }));
await startEmulator(
  {
    COMPOSIO_EMULATOR_PORT: String(EMULATOR_PORT),
    COMPOSIO_EMULATOR_API_KEY: EMULATOR_API_KEY,
    COMPOSIO_EMULATOR_DATA_DIR: emulatorData,
    COMPOSIO_EMULATOR_CATALOG_SIZE: String(EMULATOR_CATALOG_SIZE),
    // Whatever a fork offers is served, however rarely used (e2e/toolkits.ts computes the same catalog).
    COMPOSIO_EMULATOR_CATALOG_INCLUDE: offeredToolkits.map((toolkit) => toolkit.slug).join(','),
    COMPOSIO_EMULATOR_WEBHOOK_URL: `${APP_URL}/api/composio/webhook`,
    COMPOSIO_WEBHOOK_SECRET: WEBHOOK_SECRET,
    // Every instance's identity verifier, on as in production; e2e/verifier.spec.ts turns it off for one journey.
    COMPOSIO_EMULATOR_VERIFIER_URL: VERIFIER_URLS.join(' '),
  },
  options,
);

await Promise.all([
  startApp('app-2', SECOND_APP_URL, sharedAppEnv, options),
  startApp('app-no-demo', NO_DEMO_APP_URL, noDemoAppEnv, options),
  startApp('app-show-all', SHOW_ALL_APP_URL, showAllAppEnv, options),
  startApp('app-db-down', DB_DOWN_APP_URL, dbDownAppEnv, options).then((service) => logTo(service, DB_DOWN_LOG)),
]);
await startApp('app', APP_URL, sharedAppEnv, options);
