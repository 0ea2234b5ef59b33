import assert from 'node:assert/strict';
import { test } from 'node:test';

// This process's database is down: nothing listens on port 1 of loopback, so every connection is refused at once.
process.env.DATABASE_URL = 'postgres://app:unused@127.0.0.1:1/app';
process.env.AUTH_SECRET ??= 'unit-test-auth-secret-not-for-production-0123456789';
process.env.COMPOSIO_API_KEY ??= 'unit-test-key';
const { endSession, isSessionStoreFailure, recordSignIn } = await import('./session-store');
const { UserFacingError } = await import('../errors');

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

test('with the database down, sign-out still succeeds for the browser and logs which session stays active', async () => {
  const sessionId = '6f1c1f0e-5d7e-4c43-9a59-0f5f3b0b2d11';
  const logged = await loggedErrors(() => endSession(sessionId, 'demo:abc'));
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, /^\[sessions\] sign-out could not revoke the session, a copy of its cookie still works: /);
  const record = JSON.parse(logged[0]!.slice(logged[0]!.indexOf('{'))) as Record<string, string>;
  assert.deepEqual({ sessionId: record.sessionId, userId: record.userId }, { sessionId, userId: 'demo:abc' });
  assert.match(record.error!, /ECONNREFUSED/);
});
