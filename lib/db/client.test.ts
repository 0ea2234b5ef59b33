import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase } from './client';

test('an unreachable database fails every request at once, however many failed before', async () => {
  // Nothing listens on port 1: each connect is refused immediately.
  const connection = openDatabase({ kind: 'postgres', url: 'postgres://app@127.0.0.1:1/app', host: '127.0.0.1' });
  try {
    for (let round = 0; round < 12; round++) {
      const started = Date.now();
      const results = await Promise.allSettled(Array.from({ length: 4 }, () => connection.db.execute(sql`select 1`)));
      assert.ok(results.every((result) => result.status === 'rejected'));
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 1000, `round ${round} took ${elapsed} ms`);
    }
  } finally {
    await connection.close();
  }
});
