import assert from 'node:assert/strict';
import { test } from 'node:test';
import { userAgentFromString } from 'next/server';

// This process's database is down: nothing listens on port 1 of loopback, so every connection is refused at once.
process.env.DATABASE_URL = 'postgres://app:unused@127.0.0.1:1/app';
process.env.AUTH_SECRET ??= 'unit-test-auth-secret-not-for-production-0123456789';
process.env.COMPOSIO_API_KEY ??= 'unit-test-key';
const { checkSession, deviceName, endSession, isSessionStoreFailure, recordSignIn } = await import('./session-store');
const { UserFacingError } = await import('../errors');
const { database, openDatabase } = await import('../db/client');
const { createSession, isSessionActive } = await import('./queries');

/** The console.error lines `run` writes, instead of printing them. */
async function loggedErrors(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.error = original;
  }
  return lines;
}

test('with the database down, a sign-in (OAuth or demo) fails closed: no session id, the user-facing error, a log line', async () => {
  let thrown: unknown;
  const logged = await loggedErrors(() => recordSignIn('github:583231').catch((error: unknown) => (thrown = error)));
  assert.ok(thrown instanceof UserFacingError);
  assert.equal(thrown.code, 'database:unavailable');
  // Auth.js hands the error on wrapped (`cause.err`); the sign-in page still recognises it.
  assert.equal(isSessionStoreFailure(new Error('CallbackRouteError', { cause: { err: thrown } })), true);
  assert.equal(isSessionStoreFailure(new Error('CallbackRouteError', { cause: { err: new Error('other') } })), false);
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, /^\[sessions\] sign-in refused: the session could not be recorded: /);
  assert.match(logged[0]!, /"userId":"github:583231"/);
});

test('with the database down, a session cannot be confirmed: it is unconfirmed, never trusted as active', async () => {
  const logged = await loggedErrors(async () =>
    assert.equal(await checkSession('6f1c1f0e-5d7e-4c43-9a59-0f5f3b0b2d10', 'demo:abc'), 'unconfirmed'),
  );
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, /^\[sessions\] could not check a session, not trusting it: /);
  assert.equal(await checkSession(undefined, 'demo:abc'), 'ended');
});

test('a sign-out while the database is down signs the browser out, and revokes the session once the database is back', async (t) => {
  // The database that will come back, holding the user's two active sessions.
  const back = openDatabase('memory');
  await back.migrate();
  t.after(() => back.close());
  const sessionId = await createSession(back.db, 'demo:abc', null);
  const other = await createSession(back.db, 'demo:abc', null);

  const logged = await loggedErrors(() => endSession(sessionId, 'demo:abc'));
  assert.equal(logged.length, 1);
  assert.match(
    logged[0]!,
    /^\[sessions\] sign-out could not reach the database, the session is revoked once it is back: /,
  );
  const record = JSON.parse(logged[0]!.slice(logged[0]!.indexOf('{'))) as Record<string, string>;
  assert.deepEqual({ sessionId: record.sessionId, userId: record.userId }, { sessionId, userId: 'demo:abc' });
  assert.match(record.error!, /ECONNREFUSED/);

  // The database is back: the app's connection now reaches it.
  const down = database();
  (globalThis as { appDatabase?: unknown }).appDatabase = back;
  t.after(() => Object.assign(globalThis, { appDatabase: down }));
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  t.after(() => (console.warn = originalWarn));

  // No request needed: the server's retry revokes it within seconds.
  const deadline = Date.now() + 10_000;
  while ((await isSessionActive(back.db, sessionId, 'demo:abc')) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(await isSessionActive(back.db, sessionId, 'demo:abc'), false);
  assert.equal(await checkSession(sessionId, 'demo:abc'), 'ended');
  // The user's other session is untouched.
  assert.equal(await checkSession(other, 'demo:abc'), 'active');
  assert.ok(warnings.some((line) => line.startsWith('[sessions] a sign-out made during the outage took effect')));
});

test('a check on this server applies the missed sign-outs first, so none is outrun by its retry', async (t) => {
  const back = openDatabase('memory');
  await back.migrate();
  t.after(() => back.close());
  const sessionId = await createSession(back.db, 'demo:def', null);
  const down = database();
  await loggedErrors(() => endSession(sessionId, 'demo:def'));
  (globalThis as { appDatabase?: unknown }).appDatabase = back;
  t.after(() => Object.assign(globalThis, { appDatabase: down }));
  const originalWarn = console.warn;
  console.warn = () => undefined;
  t.after(() => (console.warn = originalWarn));
  // At once, before any retry: the copy of the signed-out cookie is already refused.
  assert.equal(await checkSession(sessionId, 'demo:def'), 'ended');
});

test('a device is named by browser and system, the way people name their devices', () => {
  const cases: [string, string | null][] = [
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome on Linux',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Safari on macOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1',
      'Chrome on iOS',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari on iOS',
    ],
    ['Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0', 'Firefox on Android'],
    [
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome on ChromeOS',
    ],
    ['curl/8.5.0', 'Unknown browser'],
    ['', null],
  ];
  for (const [header, name] of cases) assert.equal(deviceName(userAgentFromString(header)), name, header);
});
