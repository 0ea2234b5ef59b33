import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertActivityEvent, lastKnownAccountLabel, listActivity, type ActivityKind } from './queries';
import { openDatabase, type DatabaseConnection } from '../db/client';

let connection: DatabaseConnection;
before(async () => {
  connection = openDatabase('memory');
  await connection.migrate();
});
after(() => connection.close());

const event = (userId: string, kind: ActivityKind, n: number) => ({
  userId,
  toolkit: 'gmail',
  connectedAccountId: `ca_${n}`,
  accountLabel: n % 2 ? 'work' : null,
  kind,
  source: 'user' as const,
});

test("a user's activity comes newest first, only theirs, and pages back without gaps or repeats", async () => {
  const { db } = connection;
  const base = Date.parse('2026-01-01T00:00:00Z');
  // 45 events for alice, several sharing one instant (ties are broken by id), interleaved with bob's.
  for (let n = 0; n < 45; n++) {
    const at = new Date(base + Math.floor(n / 3) * 1000);
    await insertActivityEvent(db, event('alice', n % 2 ? 'connected' : 'disconnected', n), at);
    await insertActivityEvent(db, event('bob', 'expired', n), at);
  }
  const seen: string[] = [];
  let page = await listActivity(db, 'alice', { limit: 20 });
  const pages = [page.events.length];
  seen.push(...page.events.map((e) => e.connectedAccountId!));
  while (page.next) {
    page = await listActivity(db, 'alice', { limit: 20, before: page.next });
    pages.push(page.events.length);
    seen.push(...page.events.map((e) => e.connectedAccountId!));
  }
  assert.deepEqual(pages, [20, 20, 5]);
  assert.deepEqual(
    seen,
    Array.from({ length: 45 }, (_, i) => `ca_${44 - i}`),
  );
  assert.equal(new Set(seen).size, 45);
  const first = (await listActivity(db, 'alice', { limit: 1 })).events[0]!;
  assert.deepEqual(
    { kind: first.kind, label: first.accountLabel, source: first.source, at: first.at },
    { kind: 'disconnected', label: null, source: 'user', at: new Date(base + 14_000).toISOString() },
  );
});

test('a user without events gets an empty page and no cursor', async () => {
  assert.deepEqual(await listActivity(connection.db, 'nobody', { limit: 20 }), { events: [], next: null });
});

test('exactly one full page has no next cursor', async () => {
  for (let n = 0; n < 20; n++) await insertActivityEvent(connection.db, event('carol', 'enabled', n));
  const page = await listActivity(connection.db, 'carol', { limit: 20 });
  assert.equal(page.events.length, 20);
  assert.equal(page.next, null);
});

test("an account's last known label is its newest non-empty one, and only the owner's", async () => {
  const { db } = connection;
  const base = { toolkit: 'gmail', connectedAccountId: 'ca_label', source: 'user' as const, userId: 'dave' };
  await insertActivityEvent(db, { ...base, kind: 'connected', accountLabel: 'old' }, new Date('2026-02-01T00:00:00Z'));
  await insertActivityEvent(db, { ...base, kind: 'disabled', accountLabel: 'work' }, new Date('2026-02-02T00:00:00Z'));
  await insertActivityEvent(db, { ...base, kind: 'expired', accountLabel: null }, new Date('2026-02-03T00:00:00Z'));
  assert.equal(await lastKnownAccountLabel(db, 'dave', 'ca_label'), 'work');
  assert.equal(await lastKnownAccountLabel(db, 'erin', 'ca_label'), null);
  assert.equal(await lastKnownAccountLabel(db, 'dave', 'ca_unknown'), null);
});

test('an account is recorded as connected once, even when the callback and a status check both complete it', async () => {
  // The popup's callback and the waiting page's own check can finish the same attempt at the same moment.
  const connected = { ...event('frank', 'connected', 101), accountLabel: 'frank@gmail.example' };
  await Promise.all([insertActivityEvent(connection.db, connected), insertActivityEvent(connection.db, connected)]);
  await insertActivityEvent(connection.db, connected);
  const reconnected = { ...event('frank', 'reconnected', 102), accountLabel: 'frank@gmail.example' };
  await Promise.all([insertActivityEvent(connection.db, reconnected), insertActivityEvent(connection.db, reconnected)]);
  // Other changes to the account are each recorded.
  await insertActivityEvent(connection.db, event('frank', 'disabled', 101));
  await insertActivityEvent(connection.db, event('frank', 'disabled', 101));
  const { events } = await listActivity(connection.db, 'frank', { limit: 20 });
  assert.deepEqual(
    events.map((e) => `${e.kind} ${e.connectedAccountId}`),
    ['disabled ca_101', 'disabled ca_101', 'reconnected ca_102', 'connected ca_101'],
  );
});
