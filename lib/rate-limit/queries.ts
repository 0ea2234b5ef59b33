import 'server-only';
import { and, asc, count, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { connectAttempts } from '../db/schema';

export type ConnectRateLimit = { limit: number; windowMs: number };

/** Allowed (and counted), or refused with when the oldest counted attempt leaves the window. */
export type ConnectSlot = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts one Connect attempt for `userId` if fewer than `limit` happened in
 * the last `windowMs`; otherwise refuses and says how long to wait. Runs in a
 * transaction holding a per-user advisory lock, so two instances answering the
 * same user at once cannot both take the last slot. The user's attempts that
 * left the window are deleted on the way: the table never grows past
 * `limit` rows per user.
 */
export async function takeConnectSlot(
  db: Database,
  userId: string,
  { limit, windowMs }: ConnectRateLimit,
  now = new Date(),
): Promise<ConnectSlot> {
  const windowStart = new Date(now.getTime() - windowMs);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`connect:${userId}`}, 0))`);
    await tx
      .delete(connectAttempts)
      .where(and(eq(connectAttempts.userId, userId), lte(connectAttempts.createdAt, windowStart)));
    const [counted] = await tx
      .select({ attempts: count() })
      .from(connectAttempts)
      .where(and(eq(connectAttempts.userId, userId), gt(connectAttempts.createdAt, windowStart)));
    if ((counted?.attempts ?? 0) < limit) {
      await tx.insert(connectAttempts).values({ userId, createdAt: now });
      return { allowed: true };
    }
    const [oldest] = await tx
      .select({ createdAt: connectAttempts.createdAt })
      .from(connectAttempts)
      .where(and(eq(connectAttempts.userId, userId), gt(connectAttempts.createdAt, windowStart)))
      .orderBy(asc(connectAttempts.createdAt))
      .limit(1);
    const retryAfterMs = oldest ? oldest.createdAt.getTime() + windowMs - now.getTime() : windowMs;
    return { allowed: false, retryAfterMs: Math.max(1000, retryAfterMs) };
  });
}
