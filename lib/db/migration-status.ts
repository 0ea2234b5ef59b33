import 'server-only';
import { count, max } from 'drizzle-orm';
import { bigint, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import { errorCauses } from '../errors';
import type { Database } from './client';
import journal from './migrations/meta/_journal.json';

// Drizzle's own bookkeeping table (drizzle-orm's migrator writes it): one row
// per applied migration, `created_at` being the migration's journal timestamp.
const drizzleMigrations = pgSchema('drizzle').table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

export type MigrationStatus = {
  /** Migrations committed in lib/db/migrations. */
  expected: number;
  applied: number;
  /** The database has every committed migration (and none this build does not know). */
  current: boolean;
};

const UNDEFINED_TABLE = '42P01';

/** Compares what the database has applied with the migrations this build ships. Throws if the database is unreachable. */
export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  const expected = journal.entries.length;
  const latestExpected = journal.entries.at(-1)?.when ?? 0;
  try {
    const [row] = await db
      .select({ applied: count(), latest: max(drizzleMigrations.createdAt) })
      .from(drizzleMigrations);
    const applied = row?.applied ?? 0;
    return { expected, applied, current: applied === expected && Number(row?.latest ?? 0) === latestExpected };
  } catch (error) {
    if (errorCode(error) === UNDEFINED_TABLE) return { expected, applied: 0, current: expected === 0 };
    throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  for (const cause of errorCauses(error)) {
    const code = cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
