import 'server-only';
import { and, eq, inArray, lte, not, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { connections, connectionSyncs } from '../db/schema';

/** One connected account as Composio reported it: plain data, no tokens, no SDK objects. */
export type ConnectionRecord = {
  id: string;
  userId: string;
  toolkit: string;
  /** Composio's status, upper-case (ACTIVE, EXPIRED, …). */
  status: string;
  alias: string | null;
  label: string | null;
  /** ISO date Composio created the account. */
  createdAt: string;
};

/** A row as the pages read it: the record, and when Composio last confirmed it (ISO). */
export type StoredConnection = ConnectionRecord & { confirmedAt: string };

/** A user's rows and when their whole list was last read from Composio (null: never). */
export type StoredConnections = { connections: StoredConnection[]; syncedAt: string | null };

/**
 * Writes what Composio reported at `at` (when the request that learned it was
 * sent). An older report never overwrites a newer one: a slow list that left
 * before a callback does not undo what the callback learned. A row is never
 * moved to another user.
 */
export async function upsertConnections(db: Database, records: readonly ConnectionRecord[], at: Date): Promise<void> {
  if (records.length === 0) return;
  await db
    .insert(connections)
    .values(records.map((record) => ({ ...record, createdAt: new Date(record.createdAt), confirmedAt: at })))
    .onConflictDoUpdate({
      target: connections.id,
      set: {
        toolkit: sql`excluded.toolkit`,
        status: sql`excluded.status`,
        alias: sql`excluded.alias`,
        // Composio's expiry event carries no e-mail for most accounts: keep the one a read found.
        label: sql`coalesce(excluded.label, ${connections.label})`,
        createdAt: sql`excluded.created_at`,
        confirmedAt: sql`excluded.confirmed_at`,
      },
      setWhere: and(eq(connections.userId, sql`excluded.user_id`), lte(connections.confirmedAt, at)),
    });
}

/** Sets the status of a row the app already has (Composio acknowledged a change); a missing row stays missing. */
export async function updateConnectionStatus(
  db: Database,
  userId: string,
  id: string,
  status: string,
  at: Date,
): Promise<void> {
  await db
    .update(connections)
    .set({ status, confirmedAt: at })
    .where(and(eq(connections.id, id), eq(connections.userId, userId), lte(connections.confirmedAt, at)));
}

/** Removes an account Composio no longer has (deleted here or there). */
export async function deleteConnection(db: Database, userId: string, id: string): Promise<void> {
  await db.delete(connections).where(and(eq(connections.id, id), eq(connections.userId, userId)));
}

/**
 * Replaces a user's rows with Composio's whole list, read by a request sent at
 * `at`: accounts missing from it are gone at Composio and disappear here,
 * unless something newer than the list confirmed them meanwhile (a callback
 * that completed while the list was on its way). One transaction: a reader
 * sees the old list or the new one, never half of each.
 */
export async function replaceConnections(
  db: Database,
  userId: string,
  records: readonly ConnectionRecord[],
  at: Date,
): Promise<void> {
  const ids = records.map((record) => record.id);
  await db.transaction(async (tx) => {
    await tx
      .delete(connections)
      .where(
        and(
          eq(connections.userId, userId),
          lte(connections.confirmedAt, at),
          ids.length > 0 ? not(inArray(connections.id, ids)) : undefined,
        ),
      );
    await upsertConnections(tx as unknown as Database, records, at);
    await tx
      .insert(connectionSyncs)
      .values({ userId, syncedAt: at })
      .onConflictDoUpdate({
        target: connectionSyncs.userId,
        set: { syncedAt: sql`greatest(${connectionSyncs.syncedAt}, excluded.synced_at)` },
      });
  });
}

/** A user's rows (two indexed reads), oldest account first. */
export async function listConnections(db: Database, userId: string): Promise<StoredConnections> {
  const [rows, [sync]] = await Promise.all([
    db.select().from(connections).where(eq(connections.userId, userId)).orderBy(connections.createdAt, connections.id),
    db.select().from(connectionSyncs).where(eq(connectionSyncs.userId, userId)),
  ]);
  return {
    syncedAt: sync?.syncedAt.toISOString() ?? null,
    connections: rows.map((row) => ({
      id: row.id,
      userId: row.userId,
      toolkit: row.toolkit,
      status: row.status,
      alias: row.alias,
      label: row.label,
      createdAt: row.createdAt.toISOString(),
      confirmedAt: row.confirmedAt.toISOString(),
    })),
  };
}
