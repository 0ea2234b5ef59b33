import { sql } from 'drizzle-orm';
import { bigint, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The app's own state, shared by every instance. Everything else lives in
 * Composio (connections) or in signed cookies (flows in progress).
 * After changing this file: `npx drizzle-kit generate`, commit the SQL.
 */

export const activityKind = pgEnum('activity_kind', [
  'connected',
  'reconnected',
  'disconnected',
  'enabled',
  'disabled',
  'cancelled',
  'failed',
  'expired',
]);

/** `user`: the app's own actions and callback; `webhook`: an event Composio sent. */
export const activitySource = pgEnum('activity_source', ['user', 'webhook']);

/** One row per confirmed change to a user's connections, written where Composio confirmed it. */
export const activityEvents = pgTable(
  'activity_events',
  {
    // Increasing in insertion order: breaks ties between events of the same instant, newest first.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text('user_id').notNull(),
    toolkit: text('toolkit').notNull(),
    connectedAccountId: text('connected_account_id'),
    /** The account's label or alias at the time: it may change or disappear later. */
    accountLabel: text('account_label'),
    kind: activityKind('kind').notNull(),
    source: activitySource('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Serves "a user's latest events, newest first" and keyset paging back from (created_at, id).
    index('activity_events_user_recent').on(table.userId, table.createdAt.desc(), table.id.desc()),
    // An account is connected once: the popup's callback and the page's own status check may both complete it.
    uniqueIndex('activity_events_one_connection')
      .on(table.connectedAccountId)
      .where(sql`${table.kind} in ('connected', 'reconnected')`),
  ],
);

/** One row per sign-in; the session cookie carries the id, and a revoked or missing row ends the session. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** A short browser/OS summary ("Chrome on Linux"), never the raw header. */
    userAgent: text('user_agent'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    index('sessions_user_active')
      .on(table.userId)
      .where(sql`${table.revokedAt} is null`),
  ],
);

/** Connect clicks that reached Composio, counted per user over a sliding window for the rate limit. */
export const connectAttempts = pgTable(
  'connect_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('connect_attempts_user_recent').on(table.userId, table.createdAt)],
);

/** Composio webhook deliveries already processed, by their `webhook-id` header; old rows are pruned. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    webhookId: text('webhook_id').primaryKey(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('webhook_deliveries_received').on(table.receivedAt)],
);

/**
 * The last failed connection test of an account (Composio said ACTIVE, but
 * its who-am-I tool failed): the page shows the account as needing attention
 * until a later test passes or a reconnect replaces it, which delete the row.
 */
export const connectionTestFailures = pgTable(
  'connection_test_failures',
  {
    connectedAccountId: text('connected_account_id').primaryKey(),
    userId: text('user_id').notNull(),
    /** Composio's reason, as the user was shown it. */
    reason: text('reason').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('connection_test_failures_user').on(table.userId)],
);
