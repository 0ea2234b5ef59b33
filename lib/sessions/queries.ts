import 'server-only';
import { and, desc, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { sessions } from '../db/schema';

/** How stale `last_seen_at` may get before a request refreshes it: one write per session per interval, not per request. */
export const LAST_SEEN_INTERVAL_MS = 5 * 60_000;

/** How long a session cookie lasts without use (Auth.js's `session.maxAge`, set from this in lib/auth/next-auth.ts). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** How long a signed-out session's row is kept (who was signed in where, and when it ended) before it is deleted. */
export const REVOKED_RETENTION_MS = 30 * 24 * 60 * 60_000;

export type DeviceSession = { id: string; userAgent: string | null; createdAt: Date; lastSeenAt: Date };

/** Records a sign-in; its id goes into the session cookie. */
export async function createSession(db: Database, userId: string, userAgent: string | null): Promise<string> {
  const [row] = await db.insert(sessions).values({ userId, userAgent }).returning({ id: sessions.id });
  return row!.id;
}

/**
 * Whether the session `id` of `userId` may still be used, refreshing its
 * last-seen time when that is older than LAST_SEEN_INTERVAL_MS. A revoked
 * session, someone else's, or one that was never recorded may not.
 */
export async function isSessionActive(db: Database, id: string, userId: string, now = new Date()): Promise<boolean> {
  if (!isUuid(id)) return false;
  const [row] = await db
    .select({ lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  if (!row) return false;
  if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, now)));
  }
  return true;
}

/** The user's sessions that can still be used, most recently seen first. */
export async function listActiveSessions(db: Database, userId: string): Promise<DeviceSession[]> {
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/** Ends one session of `userId`; returns false when there is no such active session (someone else's included). */
export async function revokeSession(db: Database, id: string, userId: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length > 0;
}

/** Ends every session of `userId` at once, but `except` if given; returns how many were active. */
export async function revokeAllSessions(
  db: Database,
  userId: string,
  { except }: { except?: string | null } = {},
): Promise<number> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        except && isUuid(except) ? ne(sessions.id, except) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return revoked.length;
}

/**
 * Deletes the rows no cookie can use any more: sessions signed out more than
 * REVOKED_RETENTION_MS ago, and sessions unused for longer than a cookie lives
 * (every use within it refreshes `last_seen_at`, see isSessionActive). Returns how many.
 */
export async function pruneSessions(db: Database, now = new Date()): Promise<number> {
  const revokedBefore = new Date(now.getTime() - REVOKED_RETENTION_MS);
  const unusedSince = new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000 - LAST_SEEN_INTERVAL_MS);
  const pruned = await db
    .delete(sessions)
    .where(or(lt(sessions.revokedAt, revokedBefore), lt(sessions.lastSeenAt, unusedSince)))
    .returning({ id: sessions.id });
  return pruned.length;
}

// A malformed id in a cookie or form is simply not a session; Postgres would reject it as a uuid.
function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
