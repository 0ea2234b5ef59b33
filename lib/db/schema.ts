import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The app's own state, shared by every instance. Composio is the authority on
 * connections (`connections` is the app's last-known copy, see
 * docs/connections-table.md); flows in progress live in signed cookies.
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
    /** A connection Composio's OAuth callback identity verifier completed (the verify route), not the plain callback. */
    viaVerifier: boolean('via_verifier').notNull().default(false),
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

/**
 * Requests of a user that spend Composio calls (Connect, Test, a pending attempt's status check), counted per user
 * and action over a sliding window for the rate limits (lib/rate-limit); rows that left the window are deleted.
 */
export const rateLimitEvents = pgTable(
  'rate_limit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    /** Which limit the request counts against: lib/rate-limit/limits.ts's names. */
    action: text('action').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('rate_limit_events_user_action_recent').on(table.userId, table.action, table.createdAt)],
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

/**
 * The last-known state of each user's connected accounts, as Composio last
 * reported it: the pages paint from here at once, and a fresh read from
 * Composio corrects it. A view, never an authority: every change still asks
 * Composio who owns an account. Written only by lib/connections.
 */
export const connections = pgTable(
  'connections',
  {
    /** Composio's connected-account id (`ca_…`). */
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    toolkit: text('toolkit').notNull(),
    /** Composio's status as it reported it (ACTIVE, EXPIRED, …); lib/composio/status.ts decides what it shows. */
    status: text('status').notNull(),
    alias: text('alias'),
    /** Who the account is connected as ("demo@gmail.example"), when Composio said. */
    label: text('label'),
    /** When Composio created the account: the list's order and a pending attempt's age come from it. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When Composio last confirmed this row (a list, a read, a change it acknowledged, a webhook). */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('connections_user').on(table.userId)],
);

/**
 * When each user's whole list was last read from Composio. Tells "no
 * connections" (listed, none) from "never listed", and dates what the page shows.
 */
export const connectionSyncs = pgTable('connection_syncs', {
  userId: text('user_id').primaryKey(),
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
});
