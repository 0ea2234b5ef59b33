import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  deleteConnection,
  listConnections,
  replaceConnections,
  updateConnectionStatus,
  upsertConnections,
  type ConnectionRecord,
} from './queries';
import { openDatabase, type DatabaseConnection } from '../db/client';

let connection: DatabaseConnection;
before(async () => {
  connection = openDatabase('memory');
  await connection.migrate();
});
after(() => connection.close());
beforeEach(async () => {
  await connection.db.execute(sql`truncate connections, connection_syncs`);
});

const account = (userId: string, id: string, status = 'ACTIVE', toolkit = 'mail'): ConnectionRecord => ({
  id,
  userId,
  toolkit,
  status,
  alias: null,
  label: `${id}@example.com`,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const at = (minute: number) => new Date(Date.UTC(2026, 0, 2, 0, minute));
const ids = async (userId: string) => (await listConnections(connection.db, userId)).connections.map((row) => row.id);

test("a list replaces the user's rows: accounts gone at Composio disappear, other users keep theirs", async () => {
  const { db } = connection;
  assert.deepEqual(await listConnections(db, 'alice'), { connections: [], syncedAt: null });
  await replaceConnections(db, 'alice', [account('alice', 'ca_1'), account('alice', 'ca_2')], at(1));
  await replaceConnections(db, 'bob', [account('bob', 'ca_9')], at(1));
  await replaceConnections(db, 'alice', [account('alice', 'ca_2', 'EXPIRED')], at(2));

  const alice = await listConnections(db, 'alice');
  assert.deepEqual(
    alice.connections.map((row) => [row.id, row.status, row.confirmedAt]),
    [['ca_2', 'EXPIRED', at(2).toISOString()]],
  );
  assert.equal(alice.syncedAt, at(2).toISOString());
  assert.deepEqual(await ids('bob'), ['ca_9']);

  // An empty list is an answer too: nothing connected, and known to be so.
  await replaceConnections(db, 'alice', [], at(3));
  assert.deepEqual(await listConnections(db, 'alice'), { connections: [], syncedAt: at(3).toISOString() });
});

test('an older report never overwrites a newer one, nor removes what was confirmed after it left', async () => {
  const { db } = connection;
  await replaceConnections(db, 'alice', [account('alice', 'ca_1')], at(1));
  // A callback confirmed a new account and a webhook an expiry at minute 5; a list sent at minute 4 answers later.
  await upsertConnections(db, [account('alice', 'ca_new')], at(5));
  await upsertConnections(db, [account('alice', 'ca_1', 'EXPIRED')], at(5));
  await replaceConnections(db, 'alice', [account('alice', 'ca_1', 'ACTIVE')], at(4));

  const rows = (await listConnections(db, 'alice')).connections;
  assert.deepEqual(
    rows.map((row) => [row.id, row.status]),
    [
      ['ca_1', 'EXPIRED'],
      ['ca_new', 'ACTIVE'],
    ],
  );
  await updateConnectionStatus(db, 'alice', 'ca_1', 'INACTIVE', at(3));
  assert.equal((await listConnections(db, 'alice')).connections[0]!.status, 'EXPIRED');
});

test("a row never moves to another user, and one user cannot change or delete another's row", async () => {
  const { db } = connection;
  await upsertConnections(db, [account('alice', 'ca_1')], at(1));
  await upsertConnections(db, [account('mallory', 'ca_1', 'INACTIVE')], at(2));
  await updateConnectionStatus(db, 'mallory', 'ca_1', 'INACTIVE', at(3));
  await deleteConnection(db, 'mallory', 'ca_1');
  await replaceConnections(db, 'mallory', [], at(4));
  const rows = (await listConnections(db, 'alice')).connections;
  assert.deepEqual(
    rows.map((row) => [row.id, row.userId, row.status]),
    [['ca_1', 'alice', 'ACTIVE']],
  );
  assert.deepEqual(await ids('mallory'), []);
});

test('a status update changes only a row the table has; a label a later report lacks is kept', async () => {
  const { db } = connection;
  await updateConnectionStatus(db, 'alice', 'ca_missing', 'ACTIVE', at(1));
  assert.deepEqual(await ids('alice'), []);
  await upsertConnections(db, [account('alice', 'ca_1')], at(1));
  await upsertConnections(db, [{ ...account('alice', 'ca_1', 'EXPIRED'), label: null }], at(2));
  const [row] = (await listConnections(db, 'alice')).connections;
  assert.deepEqual([row!.status, row!.label], ['EXPIRED', 'ca_1@example.com']);
  await deleteConnection(db, 'alice', 'ca_1');
  assert.deepEqual(await ids('alice'), []);
});
