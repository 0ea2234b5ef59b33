import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type DatabaseConnection } from './client';
import {
  createSession,
  isSessionActive,
  LAST_SEEN_INTERVAL_MS,
  listActiveSessions,
  revokeAllSessions,
  revokeSession,
} from './sessions';

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
});
