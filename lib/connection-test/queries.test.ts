import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openDatabase, type DatabaseConnection } from '../db/client';
import { clearTestFailure, listTestFailures, recordTestFailure } from './queries';

let connection: DatabaseConnection;
before(async () => {
  connection = openDatabase('memory');
  await connection.migrate();
});
after(() => connection.close());

test('a failed test is listed for its user only, a later failure replaces it, and clearing forgets it', async () => {
  const { db } = connection;
  const t0 = new Date('2026-01-01T00:00:00Z');
  const t1 = new Date('2026-01-01T01:00:00Z');
  await recordTestFailure(db, { userId: 'alice', connectedAccountId: 'ca_a1', reason: 'Token revoked' }, t0);
  await recordTestFailure(db, { userId: 'bob', connectedAccountId: 'ca_b1', reason: 'Invalid grant' }, t0);
  await recordTestFailure(db, { userId: 'alice', connectedAccountId: 'ca_a1', reason: 'Still revoked' }, t1);

  assert.deepEqual(
    await listTestFailures(db, 'alice'),
    new Map([['ca_a1', { reason: 'Still revoked', failedAt: t1 }]]),
  );
  assert.deepEqual([...(await listTestFailures(db, 'bob')).keys()], ['ca_b1']);

  assert.equal(await clearTestFailure(db, 'alice', 'ca_b1'), false, "another user's row is not theirs to clear");
  assert.equal(await clearTestFailure(db, 'alice', 'ca_a1'), true);
  assert.equal(await clearTestFailure(db, 'alice', 'ca_a1'), false);
  assert.equal((await listTestFailures(db, 'alice')).size, 0);
  assert.equal((await listTestFailures(db, 'bob')).size, 1);
});

test("a failure recorded under another user's name never takes over an existing row", async () => {
  const { db } = connection;
  await recordTestFailure(db, { userId: 'carol', connectedAccountId: 'ca_c1', reason: 'Expired' });
  await recordTestFailure(db, { userId: 'mallory', connectedAccountId: 'ca_c1', reason: 'Forged' });
  assert.equal((await listTestFailures(db, 'carol')).get('ca_c1')?.reason, 'Expired');
  assert.equal((await listTestFailures(db, 'mallory')).size, 0);
});
