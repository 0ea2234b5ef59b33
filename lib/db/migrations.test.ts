import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from './client';
import { migrationStatus } from './migration-status';
import journal from './migrations/meta/_journal.json';
import { sessions } from './schema';

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
