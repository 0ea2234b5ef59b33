// The e2e run's database, shared by every app instance it starts: a throwaway PostgreSQL server where PostgreSQL's
// server binaries are installed (e2e/postgres.ts), else the embedded PGlite served over the wire protocol
// (e2e/pglite-server.ts), so `npm test` needs nothing but Node. The journeys are the same either way.
// E2E_DATABASE=pglite picks PGlite where PostgreSQL is installed too; E2E_DATABASE=postgres insists on the server.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { migrateCommand } from '../scripts/migrate-command';
import type { ServiceOptions } from '../scripts/stack';
import {
  freePort,
  postgresInstalled,
  startPostgres,
  startPostgresServer,
  stopPostgres,
  stopPostgresServer,
  type PostgresServer,
} from './postgres';

export type E2eDatabase =
  | ({ kind: 'postgres' } & PostgresServer)
  /** `control`: the PGlite process's HTTP control (e2e/pglite-server.ts). */
  | { kind: 'pglite'; url: string; port: number; control: string };

const pgliteEntry = fileURLToPath(new URL('./pglite-server.ts', import.meta.url));

/** Where the run records its database, for the journeys that take it down and count its rows. */
function stateFile(): string {
  return join(tmpdir(), `composio-e2e-database-${process.env.E2E_PORT_OFFSET ?? 0}.json`);
}

/** The database the current e2e run started. */
export function e2eDatabase(): E2eDatabase {
  return JSON.parse(readFileSync(stateFile(), 'utf8')) as E2eDatabase;
}

/** Which database this run uses, from E2E_DATABASE and whether PostgreSQL's server binaries are found. */
export function databaseKind(): E2eDatabase['kind'] {
  const wanted = process.env.E2E_DATABASE;
  if (wanted === 'pglite' || wanted === 'postgres') return wanted;
  if (wanted) throw new Error(`E2E_DATABASE must be pglite or postgres, not "${wanted}".`);
  return postgresInstalled() ? 'postgres' : 'pglite';
}

/** Starts a fresh, migrated database; `options` for the PGlite process (e2e/serve.ts's services). */
export async function startDatabase(options: ServiceOptions): Promise<E2eDatabase> {
  let database: E2eDatabase;
  if (databaseKind() === 'postgres') {
    database = { kind: 'postgres', ...(await startPostgres('e2e')) };
  } else {
    const [port, controlPort] = [await freePort(), await freePort()];
    const control = `http://127.0.0.1:${controlPort}`;
    // Loaded here only: the journeys import this module too, and scripts/stack.ts handles the signals of its process.
    const { startService, tsxLoader, waitForUrl } = await import('../scripts/stack');
    const service = startService(
      'pglite',
      ['--import', tsxLoader, pgliteEntry],
      { E2E_PGLITE_PORT: String(port), E2E_PGLITE_CONTROL_PORT: String(controlPort) },
      options,
    );
    // PGlite runs initdb in memory as it starts: seconds alone, more than a minute on a busy machine.
    await waitForUrl(`${control}/healthz`, { service, timeoutMs: 240_000 });
    database = { kind: 'pglite', url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, control };
    // Not spawnSync: the PGlite process answers the migration while this one waits.
    const migrate = migrateCommand({ DATABASE_URL: database.url });
    const migrating = spawn(process.execPath, migrate.args, { env: migrate.env, stdio: 'inherit' });
    const [code] = (await once(migrating, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`db:migrate failed (${code})`);
  }
  writeFileSync(stateFile(), JSON.stringify(database));
  return database;
}

/** Synchronous, for the way out of e2e/serve.ts; the PGlite process is stopped with the other services. */
export function stopDatabase(database: E2eDatabase): void {
  rmSync(stateFile(), { force: true });
  if (database.kind === 'postgres') stopPostgres(database);
}

/** Takes the database down as in an outage: new connections are refused, open ones cut. */
export async function takeDown(database: E2eDatabase): Promise<void> {
  if (database.kind === 'postgres') stopPostgresServer(database.dataDir);
  else await control(database, 'stop');
}

/** Brings it back on the same port, with the same data. */
export async function bringBack(database: E2eDatabase): Promise<void> {
  if (database.kind === 'postgres') startPostgresServer(database);
  else await control(database, 'start');
}

async function control(database: E2eDatabase & { kind: 'pglite' }, action: 'stop' | 'start'): Promise<void> {
  const response = await fetch(`${database.control}/${action}`, { method: 'POST' });
  if (!response.ok) throw new Error(`PGlite ${action} failed: ${response.status} ${await response.text()}`);
}

/** The rows of one SQL statement, for journeys that check what the app wrote. */
export async function queryRows<Row extends Record<string, unknown>>(
  database: E2eDatabase,
  statement: string,
): Promise<Row[]> {
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    return [...(await sql.unsafe<Row[]>(statement))];
  } finally {
    await sql.end({ timeout: 5 });
  }
}
