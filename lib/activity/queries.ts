import 'server-only';
import { and, desc, eq, inArray, isNotNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/client';
import { activityEvents, activityKind } from '../db/schema';

export type ActivityKind = (typeof activityKind.enumValues)[number];

export type ActivityEventInput = {
  userId: string;
  toolkit: string;
  connectedAccountId: string | null;
  accountLabel: string | null;
  kind: ActivityKind;
  source: 'user' | 'webhook';
  /** A connection completed through Composio's identity verifier (the verify route). */
  viaVerifier?: boolean;
};

/** One event as the Activity list shows it: plain data, safe to hand to a client component. */
export type ActivityEvent = {
  id: number;
  toolkit: string;
  connectedAccountId: string | null;
  accountLabel: string | null;
  kind: ActivityKind;
  source: 'user' | 'webhook';
  /** ISO timestamp. */
  at: string;
};

/** Where the next page starts: just older than the last event shown (keyset paging, stable under inserts). */
export type ActivityCursor = { at: string; id: number };

export type ActivityPage = { events: ActivityEvent[]; next: ActivityCursor | null };

/**
 * Stamped here, in milliseconds, rather than by the column's now() (microseconds):
 * the keyset cursor travels as an ISO string, which must round-trip exactly.
 * An account's connection is recorded once (a unique index): whoever completes
 * it second, the callback or the page's own status check, records nothing.
 */
export async function insertActivityEvent(db: Database, event: ActivityEventInput, at = new Date()): Promise<void> {
  await db
    .insert(activityEvents)
    .values({ ...event, createdAt: at })
    .onConflictDoNothing();
}

/**
 * The label last recorded for an account, for events whose source does not
 * carry one (Composio's expiry webhook has no alias or e-mail for most accounts).
 */
export async function lastKnownAccountLabel(
  db: Database,
  userId: string,
  connectedAccountId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ accountLabel: activityEvents.accountLabel })
    .from(activityEvents)
    .where(
      and(
        eq(activityEvents.userId, userId),
        eq(activityEvents.connectedAccountId, connectedAccountId),
        isNotNull(activityEvents.accountLabel),
      ),
    )
    .orderBy(desc(activityEvents.createdAt), desc(activityEvents.id))
    .limit(1);
  return row?.accountLabel ?? null;
}

/**
 * The user's events, newest first, `limit` at a time, starting after `before`.
 * One index range scan on (user_id, created_at desc, id desc); one extra row
 * tells whether an older page exists.
 */
export async function listActivity(
  db: Database,
  userId: string,
  options: { limit: number; before?: ActivityCursor | null; toolkit?: string },
): Promise<ActivityPage> {
  const { limit, before, toolkit } = options;
  const beforeAt = before ? new Date(before.at) : null;
  const rows = await db
    .select()
    .from(activityEvents)
    .where(
      and(
        eq(activityEvents.userId, userId),
        // One toolkit's events (its own page): the same index range, filtered; a user's events are few.
        toolkit ? eq(activityEvents.toolkit, toolkit) : undefined,
        before && beforeAt
          ? or(
              lt(activityEvents.createdAt, beforeAt),
              and(eq(activityEvents.createdAt, beforeAt), lt(activityEvents.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(activityEvents.createdAt), desc(activityEvents.id))
    .limit(limit + 1);
  const events = rows.slice(0, limit).map((row): ActivityEvent => ({
    id: row.id,
    toolkit: row.toolkit,
    connectedAccountId: row.connectedAccountId,
    accountLabel: row.accountLabel,
    kind: row.kind,
    source: row.source,
    at: row.createdAt.toISOString(),
  }));
  const last = events.at(-1);
  return { events, next: rows.length > limit && last ? { at: last.at, id: last.id } : null };
}

/**
 * The deployment's most recent connection, any user's, and whether Composio's identity verifier completed it: what
 * the setup page tells the deployer about the verifier (lib/setup/diagnostics.ts). Null before the first one.
 */
export async function lastConnection(
  db: Database,
): Promise<{ toolkit: string; at: Date; viaVerifier: boolean } | null> {
  const [row] = await db
    .select({ toolkit: activityEvents.toolkit, at: activityEvents.createdAt, viaVerifier: activityEvents.viaVerifier })
    .from(activityEvents)
    .where(and(inArray(activityEvents.kind, ['connected', 'reconnected']), eq(activityEvents.source, 'user')))
    .orderBy(desc(activityEvents.createdAt), desc(activityEvents.id))
    .limit(1);
  return row ?? null;
}
