import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openDatabase, type DatabaseConnection } from '../db/client';
import { claimWebhookDelivery, pruneWebhookDeliveries, releaseWebhookDelivery } from './deliveries';

let connection: DatabaseConnection;
before(async () => {
  connection = openDatabase('memory');
  await connection.migrate();
});
after(() => connection.close());

test('a webhook-id is claimed once; repeats, even concurrent ones, are refused', async () => {
  const { db } = connection;
  const claims = await Promise.all([1, 2, 3].map(() => claimWebhookDelivery(db, 'msg_a')));
  assert.deepEqual(claims.sort(), [false, false, true]);
  assert.equal(await claimWebhookDelivery(db, 'msg_b'), true);
});

test('a released claim can be taken again (a failed delivery is processed on retry)', async () => {
  const { db } = connection;
  assert.equal(await claimWebhookDelivery(db, 'msg_retry'), true);
  await releaseWebhookDelivery(db, 'msg_retry');
  assert.equal(await claimWebhookDelivery(db, 'msg_retry'), true);
  assert.equal(await claimWebhookDelivery(db, 'msg_retry'), false);
});

test('pruning forgets only deliveries older than the cut-off', async () => {
  const { db } = connection;
  const day = 24 * 60 * 60 * 1000;
  const now = Date.parse('2030-01-10T00:00:00Z');
  assert.equal(await claimWebhookDelivery(db, 'msg_old', new Date(now - 5 * day)), true);
  assert.equal(await claimWebhookDelivery(db, 'msg_recent', new Date(now - day)), true);
  const pruned = await pruneWebhookDeliveries(db, new Date(now - 3 * day));
  assert.ok(pruned >= 1);
  assert.equal(await claimWebhookDelivery(db, 'msg_old'), true, 'pruned: a new claim succeeds');
  assert.equal(await claimWebhookDelivery(db, 'msg_recent'), false, 'kept: still a repeat');
});
