import 'server-only';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { env } from '@/lib/env';
import { storedReturnPathSchema } from '@/lib/http/safe-redirect';
import { appCookie, openValue, sealValue } from '@/lib/auth/secret-keys';
import { CONNECT_LINK_LIFETIME_MS } from './status';

/**
 * The connection attempts a browser started, kept in one httpOnly,
 * SameSite=Lax cookie sealed like Auth.js's session (`__Host-` prefixed and
 * Secure on https).
 * The callback only trusts a `connected_account_id` that matches one of these
 * attempts for the signed-in user: the query string alone proves nothing. A
 * cookie rather than server memory, so any instance can finish a flow another
 * instance started; several attempts, so that a second tab's Connect does not
 * void the first tab's (each callback confirms its own and removes only it).
 */
const PENDING_ATTEMPTS = 'composio_pending';

/** How many attempts one browser keeps at once; starting another drops the oldest. */
export const MAX_PENDING_ATTEMPTS = 5;
/** Browsers keep cookies up to about 4 kB: the sealed value stays well under, dropping the oldest attempts if need be. */
const MAX_SEALED_LENGTH = 3000;

const attemptFields = {
  accountId: z.string().min(1).max(128),
  toolkit: z.string().min(1).max(64),
  /** Epoch milliseconds after which the attempt is void. */
  expiresAt: z.number().int(),
  returnTo: storedReturnPathSchema,
  /** The Connect Link, so that "Resume" reopens the same flow. */
  connectUrl: z.url({ protocol: /^https?$/ }).max(1024),
  /** The expired or failed account this attempt replaces once it is active. */
  replaces: z.string().min(1).max(128).optional(),
  /** Started in a popup: the callback then answers with the page that tells the opener and closes. */
  popup: z.boolean().optional(),
  /**
   * Already confirmed by the waiting page's status check before the callback
   * arrived: the callback then has nothing left to do, and says nothing twice.
   */
  confirmed: z.boolean().optional(),
};

const storedAttemptSchema = z.object(attemptFields);
export type PendingAttempt = z.infer<typeof storedAttemptSchema> & { userId: string };

/**
 * The cookie's plaintext: the user once (every attempt in a browser belongs
 * to whoever was signed in when it started), then the attempts, oldest first.
 */
const sealedSchema = z.object({
  userId: z.string().min(1).max(256),
  attempts: z.array(storedAttemptSchema).max(MAX_PENDING_ATTEMPTS),
});

const PURPOSE = 'composio-connections-starter/pending-attempts';

/**
 * Seals the attempts (lib/auth/secret-keys.ts): the cookie reveals nothing
 * (not the Connect Links, not the user id), and any change to it, or a value
 * sealed with another secret or for another purpose, does not open. The seal
 * lasts as long as the latest attempt. All attempts must belong to one user.
 */
export async function sealAttempts(attempts: PendingAttempt[], secret: string, now = Date.now()): Promise<string> {
  const userId = attempts[0]?.userId;
  if (!userId || attempts.some((attempt) => attempt.userId !== userId)) {
    throw new Error('Pending attempts must belong to one user');
  }
  // Parsing with the stored schema strips each attempt's userId: the user is written once.
  const payload = sealedSchema.parse({ userId, attempts });
  const latest = Math.max(...attempts.map((attempt) => attempt.expiresAt));
  return sealValue(payload, secret, PURPOSE, Math.max(1, Math.ceil((latest - now) / 1000)));
}

/** The unexpired attempts in a cookie value; none when it is malformed, tampered with, or sealed otherwise. */
export async function openAttempts(value: string | undefined, secret: string, now: number): Promise<PendingAttempt[]> {
  const parsed = sealedSchema.safeParse(await openValue(value, secret, PURPOSE));
  if (!parsed.success) return [];
  const { userId, attempts } = parsed.data;
  return attempts.filter((attempt) => attempt.expiresAt > now).map((attempt) => ({ ...attempt, userId }));
}

/**
 * The attempts to keep once `added` starts: only this user's, unexpired, at
 * most MAX_PENDING_ATTEMPTS, and small enough to seal under MAX_SEALED_LENGTH;
 * the oldest go first (a dropped attempt's link still works at Composio, but
 * this browser can no longer finish it, like one started elsewhere).
 */
export async function withAttempt(
  current: PendingAttempt[],
  added: PendingAttempt,
  secret: string,
): Promise<PendingAttempt[]> {
  const kept = current.filter((attempt) => attempt.userId === added.userId && attempt.accountId !== added.accountId);
  let attempts = [...kept, added].slice(-MAX_PENDING_ATTEMPTS);
  while (attempts.length > 1 && (await sealAttempts(attempts, secret)).length > MAX_SEALED_LENGTH) {
    attempts = attempts.slice(1);
  }
  return attempts;
}

export function attemptExpiry(now: number): number {
  return now + CONNECT_LINK_LIFETIME_MS;
}

function cookieOptions(maxAge: number) {
  const cookie = appCookie(PENDING_ATTEMPTS, env().appUrl);
  return { name: cookie.name, httpOnly: true, sameSite: 'lax', secure: cookie.secure, path: '/', maxAge } as const;
}

async function writeAttempts(attempts: PendingAttempt[]): Promise<void> {
  if (attempts.length === 0) return clearPendingAttempts();
  const now = Date.now();
  const latest = Math.max(...attempts.map((attempt) => attempt.expiresAt));
  const value = await sealAttempts(attempts, env().authSecret, now);
  (await cookies()).set({ ...cookieOptions(Math.max(1, Math.ceil((latest - now) / 1000))), value });
}

/** Every unexpired attempt this browser holds, whoever started it: callers compare `userId` with the signed-in user. */
export async function readPendingAttempts(): Promise<PendingAttempt[]> {
  const store = await cookies();
  return openAttempts(store.get(appCookie(PENDING_ATTEMPTS, env().appUrl).name)?.value, env().authSecret, Date.now());
}

/** Adds an attempt beside the others this browser has pending (another user's are dropped). */
export async function savePendingAttempt(attempt: PendingAttempt): Promise<void> {
  await writeAttempts(await withAttempt(await readPendingAttempts(), attempt, env().authSecret));
}

/** Marks an attempt confirmed, so that its late callback recognises it rather than refusing it as unknown. */
export async function markAttemptConfirmed(accountId: string): Promise<void> {
  const attempts = await readPendingAttempts();
  await writeAttempts(
    attempts.map((attempt) => (attempt.accountId === accountId ? { ...attempt, confirmed: true } : attempt)),
  );
}

/** Forgets one attempt, once it is used or cancelled; the others stay pending. */
export async function removePendingAttempt(accountId: string): Promise<void> {
  const attempts = await readPendingAttempts();
  if (attempts.some((attempt) => attempt.accountId === accountId)) {
    await writeAttempts(attempts.filter((attempt) => attempt.accountId !== accountId));
  }
}

/** Forgets every attempt: on sign-out, and when they belong to another user, so no Connect Link is left behind. */
export async function clearPendingAttempts(): Promise<void> {
  (await cookies()).set({ ...cookieOptions(0), value: '' });
}
