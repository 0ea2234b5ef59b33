import 'server-only';
import { and, asc, count, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rateLimitEvents } from '../db/schema';

export type RateLimit = { limit: number; windowMs: number };

/** Allowed (and counted), or refused with when the oldest counted request leaves the window. */
export type RateLimitSlot = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts one `action` of `userId` if fewer than `limit` happened in the last
 * `windowMs`; otherwise refuses and says how long to wait. Runs in a
 * transaction holding a per-user, per-action advisory lock, so two instances
 * answering the same user at once cannot both take the last slot. The user's
 * rows of that action that left the window are deleted on the way: the table
 * never grows past `limit` rows per user and action.
 */
export async function takeSlot(
  db: Database,
  userId: string,
  action: string,
  { limit, windowMs }: RateLimit,
  now = new Date(),
): Promise<RateLimitSlot> {
  const windowStart = new Date(now.getTime() - windowMs);
  const mine = and(eq(rateLimitEvents.userId, userId), eq(rateLimitEvents.action, action));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${action}:${userId}`}, 0))`);
    await tx.delete(rateLimitEvents).where(and(mine, lte(rateLimitEvents.createdAt, windowStart)));
    const [counted] = await tx
      .select({ requests: count() })
      .from(rateLimitEvents)
      .where(and(mine, gt(rateLimitEvents.createdAt, windowStart)));
    if ((counted?.requests ?? 0) < limit) {
      await tx.insert(rateLimitEvents).values({ userId, action, createdAt: now });
      return { allowed: true };
    }
    const [oldest] = await tx
      .select({ createdAt: rateLimitEvents.createdAt })
      .from(rateLimitEvents)
      .where(and(mine, gt(rateLimitEvents.createdAt, windowStart)))
      .orderBy(asc(rateLimitEvents.createdAt))
      .limit(1);
    const retryAfterMs = oldest ? oldest.createdAt.getTime() + windowMs - now.getTime() : windowMs;
    return { allowed: false, retryAfterMs: Math.max(1000, retryAfterMs) };
  });
}
