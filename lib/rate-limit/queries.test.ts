import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { openDatabase, type DatabaseConnection } from '../db/client';
import { takeSlot } from './queries';
import { rateLimitEvents } from '../db/schema';

let connection: DatabaseConnection;
before(async () => {
  connection = openDatabase('memory');
  await connection.migrate();
});
after(() => connection.close());

const rule = { limit: 3, windowMs: 60_000 };

test('the limit allows N attempts per window, refuses the next with the wait, and frees a slot as attempts age out', async () => {
  const { db } = connection;
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(t0 + ms);
  assert.deepEqual(await takeSlot(db, 'alice', 'connect', rule, at(0)), { allowed: true });
  assert.deepEqual(await takeSlot(db, 'alice', 'connect', rule, at(10_000)), { allowed: true });
  assert.deepEqual(await takeSlot(db, 'alice', 'connect', rule, at(20_000)), { allowed: true });
  assert.deepEqual(await takeSlot(db, 'alice', 'connect', rule, at(30_000)), { allowed: false, retryAfterMs: 30_000 });
  // A refusal is not counted: waiting out the oldest attempt frees exactly one slot.
  assert.deepEqual(await takeSlot(db, 'alice', 'connect', rule, at(60_000)), { allowed: true });
  assert.deepEqual(await takeSlot(db, 'alice', 'connect', rule, at(60_001)), { allowed: false, retryAfterMs: 9_999 });
  // Another user has a budget of their own.
  assert.deepEqual(await takeSlot(db, 'bob', 'connect', rule, at(60_001)), { allowed: true });
  // Rows that left the window are deleted: at most `limit` per user remain.
  const rows = await db.select().from(rateLimitEvents).where(eq(rateLimitEvents.userId, 'alice'));
  assert.equal(rows.length, 3);
  // Each action has a budget of its own: alice's Connect limit leaves her tests alone.
  assert.deepEqual(await takeSlot(db, 'alice', 'connection-test', rule, at(60_001)), { allowed: true });
});

test('concurrent attempts never take more than the limit', async () => {
  const now = new Date();
  const results = await Promise.all(
    Array.from({ length: 10 }, () => takeSlot(connection.db, 'carol', 'connect', rule, now)),
  );
  assert.equal(results.filter((result) => result.allowed).length, 3);
});
