import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { openDatabase, type DatabaseConnection } from '../db/client';
import { sessions } from '../db/schema';
import {
  createSession,
  isSessionActive,
  LAST_SEEN_INTERVAL_MS,
  listActiveSessions,
  pruneSessions,
  REVOKED_RETENTION_MS,
  revokeAllSessions,
  revokeSession,
  SESSION_MAX_AGE_SECONDS,
} from './queries';

describe('sessions', () => {
  let connection: DatabaseConnection;
  before(async () => {
    connection = openDatabase('memory');
    await connection.migrate();
  });
  after(() => connection.close());

  test('a new session is active for its user only', async () => {
    const { db } = connection;
    const id = await createSession(db, 'alice', 'Chrome on Linux');
    assert.equal(await isSessionActive(db, id, 'alice'), true);
    assert.equal(await isSessionActive(db, id, 'mallory'), false, 'another user cannot use the id');
    assert.equal(await isSessionActive(db, '00000000-0000-4000-8000-000000000000', 'alice'), false, 'unknown id');
    assert.equal(await isSessionActive(db, 'not-a-uuid', 'alice'), false, 'malformed id');
  });

  test('revoking one session ends it and only it; nobody else can revoke it', async () => {
    const { db } = connection;
    const laptop = await createSession(db, 'bob', 'Firefox on Windows');
    const phone = await createSession(db, 'bob', 'Safari on iOS');
    assert.equal(await revokeSession(db, laptop, 'mallory'), false);
    assert.equal(await isSessionActive(db, laptop, 'bob'), true, 'still active after a refused revoke');
    assert.equal(await revokeSession(db, laptop, 'bob'), true);
    assert.equal(await revokeSession(db, laptop, 'bob'), false, 'already revoked');
    assert.equal(await isSessionActive(db, laptop, 'bob'), false);
    assert.equal(await isSessionActive(db, phone, 'bob'), true);
    assert.deepEqual(
      (await listActiveSessions(db, 'bob')).map((session) => session.userAgent),
      ['Safari on iOS'],
    );
  });

  test('revoking all sessions ends every one of the user, and no one else’s', async () => {
    const { db } = connection;
    const ids = [await createSession(db, 'carol', null), await createSession(db, 'carol', null)];
    const other = await createSession(db, 'dave', null);
    assert.equal(await revokeAllSessions(db, 'carol'), 2);
    for (const id of ids) assert.equal(await isSessionActive(db, id, 'carol'), false);
    assert.deepEqual(await listActiveSessions(db, 'carol'), []);
    assert.equal(await isSessionActive(db, other, 'dave'), true);
  });

  test('last seen is written at most once per interval', async () => {
    const { db } = connection;
    const id = await createSession(db, 'erin', null);
    const lastSeen = async () => (await listActiveSessions(db, 'erin'))[0]!.lastSeenAt.getTime();
    const created = await lastSeen();
    await isSessionActive(db, id, 'erin', new Date(created + LAST_SEEN_INTERVAL_MS - 1000));
    assert.equal(await lastSeen(), created, 'not rewritten inside the interval');
    const later = new Date(created + LAST_SEEN_INTERVAL_MS + 1000);
    await isSessionActive(db, id, 'erin', later);
    assert.equal(await lastSeen(), later.getTime());
  });

  test('revoking all but one session leaves exactly that one active', async () => {
    const { db } = connection;
    const here = await createSession(db, 'frank', 'Chrome on Linux');
    const others = [await createSession(db, 'frank', null), await createSession(db, 'frank', null)];
    assert.equal(await revokeAllSessions(db, 'frank', { except: here }), 2);
    assert.equal(await isSessionActive(db, here, 'frank'), true);
    for (const id of others) assert.equal(await isSessionActive(db, id, 'frank'), false);
    assert.equal(await revokeSession(db, here, 'frank'), true, 'the one left is revoked once, by its own sign-out');
    assert.equal(await revokeAllSessions(db, 'frank', { except: 'not-a-uuid' }), 0);
  });

  test('pruning deletes long-revoked and long-unused rows and keeps every row a cookie could still use', async () => {
    const { db } = connection;
    const now = new Date(); // the other tests' rows are fresh, so only these can be old enough
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const day = 24 * 60 * 60_000;
    const cookieLifetime = SESSION_MAX_AGE_SECONDS * 1000 + LAST_SEEN_INTERVAL_MS;
    const row = async (lastSeenAt: Date, revokedAt: Date | null) => {
      const id = await createSession(db, 'gina', null);
      await db.update(sessions).set({ lastSeenAt, revokedAt }).where(eq(sessions.id, id));
      return id;
    };
    const active = await row(ago(day), null);
    const oldButUsable = await row(ago(cookieLifetime - 60_000), null);
    const unused = await row(ago(cookieLifetime + 60_000), null);
    const recentlyRevoked = await row(ago(day), ago(REVOKED_RETENTION_MS - 60_000));
    const longRevoked = await row(ago(REVOKED_RETENTION_MS + day), ago(REVOKED_RETENTION_MS + 60_000));

    assert.equal(await pruneSessions(db, now), 2);
    const left = (await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, 'gina'))).map(
      (session) => session.id,
    );
    assert.deepEqual(new Set(left), new Set([active, oldButUsable, recentlyRevoked]));
    assert.ok(!left.includes(unused) && !left.includes(longRevoked));
    assert.equal(await pruneSessions(db, now), 0, 'a second run finds nothing');
  });
});
