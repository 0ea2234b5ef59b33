import 'server-only';
import { headers } from 'next/headers';
import { after } from 'next/server';
import { db } from '@/lib/db/client';
import { atMostEvery } from '@/lib/db/housekeeping';
import {
  createSession,
  isSessionActive,
  listActiveSessions,
  pruneSessions,
  revokeAllSessions,
  revokeSession,
  SESSION_MAX_AGE_SECONDS,
  type DeviceSession,
} from '@/lib/sessions/queries';
import { errorCauses, UserFacingError } from '@/lib/errors';
import { summariseUserAgent } from '@/lib/sessions/user-agent';
import { databaseErrorSummary } from '@/lib/db/error-summary';

/**
 * The server side of a session cookie. The cookie (a signed JWT) carries the
 * id of a `sessions` row; the row, not the cookie's own expiry, decides whether
 * the cookie still works, so sign-out and "Sign out of all devices" end a
 * session everywhere, copied cookies included.
 */

/** Old session rows are deleted now and then, on a sign-in: at most once an hour per server process. */
const pruneSessionsDue = atMostEvery(60 * 60_000);

/** Records a sign-in and returns the session id for the cookie. Fails closed: no row, no session. */
export async function recordSignIn(userId: string): Promise<string> {
  const userAgent = summariseUserAgent(await requestUserAgent());
  const id = await databaseCall('sign-in refused: the session could not be recorded', { userId }, () =>
    createSession(db(), userId, userAgent),
  );
  if (pruneSessionsDue()) after(() => pruneSessions(db()).catch(() => undefined));
  return id;
}

/**
 * Whether a session cookie may still be used. A revoked or unknown session
 * may not, nor a cookie from before sessions were recorded (no id). While the
 * database is unreachable the signed cookie is trusted as it stands, so that
 * signed-in people keep their settings page during an outage; the revocation
 * check resumes as soon as it is back, and the skip is logged.
 */
export async function isSessionUsable(sessionId: string | undefined, userId: string): Promise<boolean> {
  if (!sessionId) return false;
  try {
    return await isSessionActive(db(), sessionId, userId);
  } catch (error) {
    console.error(
      `[sessions] could not check a session, trusting the signed cookie: ${JSON.stringify({ sessionId, userId, error: databaseErrorSummary(error) })}`,
    );
    return true;
  }
}

/**
 * Sign-out: ends the session on the server too, so a copy of the cookie stops
 * working. The browser's cookie is cleared whatever happens here. If the
 * database cannot be reached the row stays active, so the failure is logged
 * as one JSON line naming the session: it can be revoked by hand, or from
 * Profile's device list once the database is back.
 */
export async function endSession(sessionId: string | undefined, userId: string | undefined): Promise<void> {
  if (!sessionId || !userId) return;
  try {
    await revokeSession(db(), sessionId, userId);
  } catch (error) {
    console.error(
      `[sessions] sign-out could not revoke the session, a copy of its cookie still works: ${JSON.stringify({ sessionId, userId, error: databaseErrorSummary(error) })}`,
    );
  }
}

export { SESSION_MAX_AGE_SECONDS, type DeviceSession };

/** The signed-in devices of the user, for Profile. */
export async function listDevices(userId: string): Promise<DeviceSession[]> {
  return databaseCall('list sessions failed', { userId }, () => listActiveSessions(db(), userId));
}

/** Signs one of the user's devices out. */
export async function signOutDevice(sessionId: string, userId: string): Promise<void> {
  const revoked = await databaseCall('revoke a session failed', { sessionId, userId }, () =>
    revokeSession(db(), sessionId, userId),
  );
  if (!revoked) throw new UserFacingError('session:not_found');
}

/**
 * Signs every other device of the user out; this one is left to the sign-out
 * that follows (endSession), so each session is revoked once.
 */
export async function signOutOtherDevices(userId: string, currentSessionId: string | null): Promise<number> {
  return databaseCall('revoke all sessions failed', { userId }, () =>
    revokeAllSessions(db(), userId, { except: currentSessionId }),
  );
}

/** A database failure becomes the user-facing "unavailable" error; the cause and `details` go to the log. */
async function databaseCall<T>(what: string, details: Record<string, unknown>, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    console.error(`[sessions] ${what}: ${JSON.stringify({ ...details, error: databaseErrorSummary(error) })}`);
    throw new UserFacingError('database:unavailable', { cause: error });
  }
}

async function requestUserAgent(): Promise<string | null> {
  try {
    return (await headers()).get('user-agent');
  } catch {
    return null; // outside a request (never the case for a sign-in, but a missing device name is no reason to fail)
  }
}

/** Whether a sign-in failed because the session could not be recorded (Auth.js wraps the error in its own). */
export function isSessionStoreFailure(error: unknown): boolean {
  return [...errorCauses(error)].some(
    (cause) => cause instanceof UserFacingError && cause.code === 'database:unavailable',
  );
}
