import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { connectionTestFailures } from '../db/schema';

export type TestFailure = { reason: string; failedAt: Date };

/** Remembers that `connectedAccountId`'s test failed just now, replacing any earlier failure of it. */
export async function recordTestFailure(
  db: Database,
  failure: { userId: string; connectedAccountId: string; reason: string },
  at = new Date(),
): Promise<void> {
  await db
    .insert(connectionTestFailures)
    .values({ ...failure, failedAt: at })
    .onConflictDoUpdate({
      target: connectionTestFailures.connectedAccountId,
      set: { reason: failure.reason, failedAt: at },
      // An account belongs to one user for life; the guard keeps a row from ever changing hands.
      setWhere: eq(connectionTestFailures.userId, failure.userId),
    });
}

/** Forgets the account's failed test (it passed, or the account was replaced or removed); true if there was one. */
export async function clearTestFailure(db: Database, userId: string, connectedAccountId: string): Promise<boolean> {
  const deleted = await db
    .delete(connectionTestFailures)
    .where(
      and(eq(connectionTestFailures.userId, userId), eq(connectionTestFailures.connectedAccountId, connectedAccountId)),
    )
    .returning({ id: connectionTestFailures.connectedAccountId });
  return deleted.length > 0;
}

/** Every failed test of the user's accounts, by account id: one indexed query. */
export async function listTestFailures(db: Database, userId: string): Promise<Map<string, TestFailure>> {
  const rows = await db
    .select({
      connectedAccountId: connectionTestFailures.connectedAccountId,
      reason: connectionTestFailures.reason,
      failedAt: connectionTestFailures.failedAt,
    })
    .from(connectionTestFailures)
    .where(eq(connectionTestFailures.userId, userId));
  return new Map(rows.map((row) => [row.connectedAccountId, { reason: row.reason, failedAt: row.failedAt }]));
}
