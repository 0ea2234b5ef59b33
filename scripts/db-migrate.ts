// `npm run db:migrate`: applies the committed migrations (lib/db/migrations) to
// DATABASE_URL, or to the embedded database in .data/ when it is unset outside
// production. Safe to run on every deploy: applied migrations are skipped.
import nextEnv from '@next/env';
import { openDatabase } from '../lib/db/client';
import { migrationStatus } from '../lib/db/migration-status';
import { databaseTarget, DatabaseUrlError } from '../lib/db/target';

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => {}, error: console.error });

let target;
try {
  target = databaseTarget(process.env.DATABASE_URL, process.env.NODE_ENV);
} catch (error) {
  if (!(error instanceof DatabaseUrlError)) throw error;
  console.error(`DATABASE_URL ${error.message}.`);
  process.exit(1);
}

const where = target.kind === 'postgres' ? `Postgres at ${target.host}` : `the embedded database in ${target.dataDir}`;
const connection = openDatabase(target);
try {
  const before = await migrationStatus(connection.db);
  await connection.migrate();
  const after = await migrationStatus(connection.db);
  const newlyApplied = after.applied - before.applied;
  console.log(
    newlyApplied > 0
      ? `› Database: applied ${newlyApplied} migration(s) to ${where}; ${after.applied} of ${after.expected} applied.`
      : `› Database: ${where} is up to date (${after.applied} of ${after.expected} migrations).`,
  );
} catch (error) {
  // Drizzle wraps the driver's error ("Failed query: …"); its cause says what went wrong (refused, auth, …).
  const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : error;
  console.error(`› Database: could not migrate ${where}: ${reason}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
