import 'server-only';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { env } from '@/lib/env';
import * as schema from './schema';
import type { DatabaseTarget } from './target';

/** Drizzle over either driver: queries are written once against this. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseConnection = {
  db: Database;
  target: DatabaseTarget;
  /** Applies the committed migrations in lib/db/migrations; applying them again is a no-op. */
  migrate(): Promise<void>;
  close(): Promise<void>;
};

const migrationsFolder = 'lib/db/migrations';

/** Opens a connection to `target`, or to a fresh in-memory PGlite (unit tests) when it is `'memory'`. */
export function openDatabase(target: DatabaseTarget | 'memory'): DatabaseConnection {
  if (target === 'memory' || target.kind === 'embedded') {
    const dataDir = target === 'memory' ? undefined : target.dataDir;
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const client = new PGlite(dataDir);
    const db = drizzlePglite({ client, schema });
    return {
      db: db as unknown as Database,
      target: target === 'memory' ? { kind: 'embedded', dataDir: 'memory://', explicit: true } : target,
      migrate: () => migratePglite(db, { migrationsFolder }),
      close: () => client.close(),
    };
  }
  const client = postgres(target.url, {
    max: 10,
    // An unreachable database must fail a request in seconds, not hang it: sign-in fails closed with a message.
    connect_timeout: 5,
    // postgres.js waits before reopening a connection after a failed one, up to 20 s once failures pile up
    // (its backoff grows with every error of the pool): during an outage every request then hangs that long
    // instead of failing at once. Reconnect as soon as a query needs it: a refused connect costs milliseconds.
    backoff: () => 0,
    idle_timeout: 60,
    onnotice: () => {},
  });
  const db = drizzlePostgres({ client, schema });
  return {
    db: db as unknown as Database,
    target,
    migrate: () => migratePostgres(db, { migrationsFolder }),
    close: () => client.end({ timeout: 5 }),
  };
}

// One connection per server process, kept across development hot reloads:
// PGlite allows a single opener of its folder.
const globalForDatabase = globalThis as typeof globalThis & { appDatabase?: DatabaseConnection };

/** The app's database, opened on first use from DATABASE_URL (see lib/env.ts). */
export function database(): DatabaseConnection {
  globalForDatabase.appDatabase ??= openDatabase(env().database);
  return globalForDatabase.appDatabase;
}

/** Shorthand for queries: the Drizzle instance of the app's database. */
export function db(): Database {
  return database().db;
}
