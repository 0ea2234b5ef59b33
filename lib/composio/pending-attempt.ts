import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { env } from '@/lib/env';
import { storedReturnPathSchema } from '@/lib/safe-redirect';
import { CONNECT_LINK_LIFETIME_MS } from './status';

/**
 * The connection attempt a browser started, kept in an httpOnly, SameSite=Lax,
 * HMAC-signed cookie. The callback only trusts a `connected_account_id` that
 * matches this cookie and the signed-in user: the query string alone proves
 * nothing (composio-api.md §7). A cookie rather than server memory, so any
 * instance can finish a flow another instance started.
 */
export const PENDING_ATTEMPT_COOKIE = 'composio_pending';

const attemptSchema = z.object({
  accountId: z.string().min(1).max(128),
  toolkit: z.string().min(1).max(64),
  userId: z.string().min(1).max(256),
  /** Epoch milliseconds after which the attempt is void. */
  expiresAt: z.number().int(),
  returnTo: storedReturnPathSchema,
  /** The Connect Link, so that "Resume" reopens the same flow. */
  connectUrl: z.url({ protocol: /^https?$/ }),
  /** The expired or failed account this attempt replaces once it is active. */
  replaces: z.string().min(1).max(128).optional(),
});

export type PendingAttempt = z.infer<typeof attemptSchema>;

function signingKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('composio-pending-attempt/v1').digest();
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', signingKey(secret)).update(payload).digest('base64url');
}

export function sealAttempt(attempt: PendingAttempt, secret: string): string {
  const payload = Buffer.from(JSON.stringify(attemptSchema.parse(attempt))).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The attempt in a cookie value, or null when it is malformed, tampered with, or expired. */
export function openAttempt(value: string | undefined, secret: string, now: number): PendingAttempt | null {
  if (!value || value.length > 4096) return null;
  const [payload, signature, ...rest] = value.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const attempt = attemptSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return attempt.expiresAt > now ? attempt : null;
  } catch {
    return null;
  }
}

export function attemptExpiry(now: number): number {
  return now + CONNECT_LINK_LIFETIME_MS;
}

export async function savePendingAttempt(attempt: PendingAttempt): Promise<void> {
  const store = await cookies();
  store.set(PENDING_ATTEMPT_COOKIE, sealAttempt(attempt, env().authSecret), {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().appUrl.startsWith('https:'),
    path: '/',
    maxAge: Math.ceil(CONNECT_LINK_LIFETIME_MS / 1000),
  });
}

export async function readPendingAttempt(): Promise<PendingAttempt | null> {
  const store = await cookies();
  return openAttempt(store.get(PENDING_ATTEMPT_COOKIE)?.value, env().authSecret, Date.now());
}

export async function clearPendingAttempt(): Promise<void> {
  (await cookies()).delete(PENDING_ATTEMPT_COOKIE);
}
