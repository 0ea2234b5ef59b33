import 'server-only';
import { createHash } from 'node:crypto';
import { db } from '@/lib/db/client';
import { databaseErrorSummary } from '@/lib/db/error-summary';
import {
  deleteConnection,
  listConnections,
  replaceConnections,
  updateConnectionStatus,
  upsertConnections,
  type ConnectionRecord,
  type StoredConnection,
  type StoredConnections,
} from './queries';

export type { ConnectionRecord, StoredConnection, StoredConnections };

/**
 * The app's last-known copy of each user's connected accounts (the
 * `connections` table), and the only code that writes it. Every path that
 * learns Composio's state calls one of these; the pages paint from
 * readConnections and a fresh list corrects it (docs/connections-table.md).
 *
 * Writes are best effort, like Activity: a database failure never undoes or
 * fails what Composio already did. It is logged as one JSON line, and the
 * next list from Composio repairs the row.
 */

/** A card whose state Composio has not confirmed for this long says "Checking…" while the page asks. */
export const STALE_AFTER_MS = 3 * 60_000;

async function write(what: string, details: Record<string, unknown>, call: () => Promise<void>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    console.error(
      `[connections] ${what} not recorded: ${JSON.stringify({ ...details, error: databaseErrorSummary(error) })}`,
    );
    return false;
  }
}

/** A user's whole list, as Composio answered a request sent at `at`: it replaces their rows. */
export function recordConnectionList(userId: string, records: readonly ConnectionRecord[], at: Date): Promise<boolean> {
  return write('list', { userId, accounts: records.length }, () => replaceConnections(db(), userId, records, at));
}

/** One account as Composio reported it at `at` (a read, a new attempt, a webhook). */
export function recordConnection(record: ConnectionRecord, at: Date): Promise<boolean> {
  return write('account', { id: record.id, userId: record.userId, status: record.status }, () =>
    upsertConnections(db(), [record], at),
  );
}

/** A status Composio acknowledged at `at` (enable, disable, a passing test) for an account the table has. */
export function recordConnectionStatus(userId: string, id: string, status: string, at: Date): Promise<boolean> {
  return write('status', { id, userId, status }, () => updateConnectionStatus(db(), userId, id, status, at));
}

/** An account Composio no longer has (disconnected, cancelled, replaced, or found missing). */
export function forgetConnection(userId: string, id: string): Promise<boolean> {
  return write('removal', { id, userId }, () => deleteConnection(db(), userId, id));
}

/** The user's last-known accounts, or null when the database cannot be read (the caller asks Composio instead). */
export async function readConnections(userId: string): Promise<StoredConnections | null> {
  try {
    return await listConnections(db(), userId);
  } catch (error) {
    console.error(`[connections] could not read the connections table: ${databaseErrorSummary(error)}`);
    return null;
  }
}

/**
 * A short digest of what the page shows about a user's accounts: the page
 * sends back the one it rendered, and is re-rendered only when a fresh list
 * gives another (nothing flickers when nothing changed).
 */
export function connectionsFingerprint(records: readonly ConnectionRecord[]): string {
  const lines = records
    .map((record) => [record.id, record.toolkit, record.status, record.alias ?? '', record.label ?? ''].join('\u0000'))
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('base64url').slice(0, 22);
}
