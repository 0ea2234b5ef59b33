import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase } from './client';
import { migrationStatus } from './migration-status';
import journal from './migrations/meta/_journal.json';
import type { ActivityKind } from '../activity/queries';
import { activityEvents, sessions } from './schema';

test('migrations apply to an empty database, and applying them again changes nothing', async () => {
  const connection = openDatabase('memory');
  const expected = journal.entries.length;
  try {
    assert.deepEqual(await migrationStatus(connection.db), { expected, applied: 0, current: false });
    await connection.migrate();
    assert.deepEqual(await migrationStatus(connection.db), { expected, applied: expected, current: true });
    await connection.db.insert(sessions).values({ userId: 'user-1' });
    await connection.migrate();
    assert.deepEqual(await migrationStatus(connection.db), { expected, applied: expected, current: true });
    assert.equal((await connection.db.select().from(sessions)).length, 1, 'the second run kept the data');
  } finally {
    await connection.close();
  }
});

test('migration 0002 keeps the first of an account connection recorded twice, and the events around it', async () => {
  const connection = openDatabase('memory');
  try {
    await connection.migrate();
    // The database as 0001 left it: no index yet, and a connection recorded twice.
    await connection.db.execute(sql`drop index activity_events_one_connection`);
    const row = (account: string, kind: ActivityKind) => ({
      userId: 'user-1',
      toolkit: 'gmail',
      connectedAccountId: account,
      accountLabel: null,
      kind,
      source: 'user' as const,
    });
    await connection.db
      .insert(activityEvents)
      .values([row('ca_1', 'connected'), row('ca_1', 'connected'), row('ca_1', 'disabled'), row('ca_1', 'disabled')]);
    await connection.db.insert(activityEvents).values([row('ca_2', 'reconnected'), row('ca_2', 'reconnected')]);
    const migration = readFileSync('lib/db/migrations/0002_one_connection_event_per_account.sql', 'utf8');
    for (const statement of migration.split('--> statement-breakpoint'))
      await connection.db.execute(sql.raw(statement));
    const kept = await connection.db
      .select({ id: activityEvents.id, account: activityEvents.connectedAccountId, kind: activityEvents.kind })
      .from(activityEvents)
      .orderBy(activityEvents.id);
    assert.deepEqual(
      kept.map(({ id, account, kind }) => `${id} ${account} ${kind}`),
      ['1 ca_1 connected', '3 ca_1 disabled', '4 ca_1 disabled', '5 ca_2 reconnected'],
    );
  } finally {
    await connection.close();
  }
});
