import 'server-only';
import { headers } from 'next/headers';
import { after, userAgent } from 'next/server';
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
  const device = await requestDevice();
  const id = await databaseCall('sign-in refused: the session could not be recorded', { userId }, () =>
    createSession(db(), userId, device),
  );
  if (pruneSessionsDue()) after(() => pruneSessions(db()).catch(() => undefined));
  return id;
}

/** What the `sessions` row says of a cookie: still signed in, signed out (or unknown), or no answer (the database is unreachable). */
export type SessionCheck = 'active' | 'ended' | 'unconfirmed';

/**
 * Whether a session cookie may still be used. A revoked or unknown session
 * may not, nor a cookie from before sessions were recorded (no id). While the
 * database is unreachable the answer is 'unconfirmed', and an unconfirmed
 * session is not trusted (lib/auth/current-user.ts): the signed cookie alone
 * cannot tell a signed-out copy from the real one. Sign-outs the database
 * missed are applied first, so none can be outrun by a check on this server.
 */
export async function checkSession(sessionId: string | undefined, userId: string): Promise<SessionCheck> {
  if (!sessionId) return 'ended';
  try {
    if (missedSignOuts.size > 0) await revokeMissedSignOuts();
    return (await isSessionActive(db(), sessionId, userId)) ? 'active' : 'ended';
  } catch (error) {
    console.error(
      `[sessions] could not check a session, not trusting it: ${JSON.stringify({ userId, error: databaseErrorSummary(error) })}`,
    );
    return 'unconfirmed';
  }
}

/**
 * Sign-out: ends the session on the server too, so a copy of the cookie stops
 * working. The browser's cookie is cleared whatever happens here. If the
 * database cannot be reached, this server remembers the session and revokes
 * it as soon as the database answers again: on a retry every few seconds, and
 * before any session check it makes. Meanwhile no server trusts any session
 * (checkSession), so the copy works nowhere. The log line names the session,
 * for the one case memory cannot cover: this server restarting before the
 * database is back.
 */
export async function endSession(sessionId: string | undefined, userId: string | undefined): Promise<void> {
  if (!sessionId || !userId) return;
  try {
    await revokeSession(db(), sessionId, userId);
  } catch (error) {
    missedSignOuts.set(sessionId, userId);
    retryMissedSignOutsSoon();
    console.error(
      `[sessions] sign-out could not reach the database, the session is revoked once it is back: ${JSON.stringify({ sessionId, userId, error: databaseErrorSummary(error) })}`,
    );
  }
}

/** How often a server holding missed sign-outs tries the database again. */
const MISSED_SIGN_OUT_RETRY_MS = 2000;

// Per server process, kept across development hot reloads (and shared by every bundle that imports this module).
const globalForSessions = globalThis as typeof globalThis & {
  missedSignOuts?: Map<string, string>;
  missedSignOutRetry?: ReturnType<typeof setTimeout>;
};
/** Session id → user id of each sign-out the database missed. */
const missedSignOuts = (globalForSessions.missedSignOuts ??= new Map<string, string>());

/** Revokes the missed sign-outs; throws while the database is still unreachable (those not yet revoked stay). */
async function revokeMissedSignOuts(): Promise<void> {
  for (const [sessionId, userId] of missedSignOuts) {
    await revokeSession(db(), sessionId, userId);
    missedSignOuts.delete(sessionId);
    console.warn(`[sessions] a sign-out made during the outage took effect: ${JSON.stringify({ sessionId, userId })}`);
  }
}

function retryMissedSignOutsSoon(): void {
  if (globalForSessions.missedSignOutRetry) return;
  globalForSessions.missedSignOutRetry = setTimeout(() => {
    globalForSessions.missedSignOutRetry = undefined;
    revokeMissedSignOuts().catch(() => retryMissedSignOutsSoon());
  }, MISSED_SIGN_OUT_RETRY_MS);
  // Never what keeps a process alive (a unit test, a server shutting down).
  globalForSessions.missedSignOutRetry.unref?.();
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

async function requestDevice(): Promise<string | null> {
  try {
    return deviceName(userAgent({ headers: await headers() }));
  } catch {
    return null; // outside a request (never the case for a sign-in, but a missing device name is no reason to fail)
  }
}

/** Next's parser (ua-parser-js) names a few systems and browsers the way their makers no longer do. */
const systemNames: Record<string, string> = { 'Mac OS': 'macOS', 'Chromium OS': 'ChromeOS' };

/**
 * "Chrome on macOS", from Next's parse of the User-Agent header (`userAgent()`):
 * enough for someone to recognise their device in the Profile's session list.
 * The raw header is never stored.
 */
export function deviceName({ ua, browser, os }: ReturnType<typeof userAgent>): string | null {
  if (!ua) return null;
  // "Mobile Safari" is Safari on a phone: the system says it is a phone.
  const browserName = browser.name?.replace(/^Mobile /, '');
  const system = os.name && (systemNames[os.name] ?? os.name);
  if (!system) return browserName ?? 'Unknown browser';
  return `${browserName ?? 'Unknown browser'} on ${system}`;
}

/** Whether a sign-in failed because the session could not be recorded (Auth.js wraps the error in its own). */
export function isSessionStoreFailure(error: unknown): boolean {
  return [...errorCauses(error)].some(
    (cause) => cause instanceof UserFacingError && cause.code === 'database:unavailable',
  );
}
