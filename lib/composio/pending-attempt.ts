import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { env } from '@/lib/env';
import { storedReturnPathSchema } from '@/lib/safe-redirect';
import { appCookie, deriveKey } from '@/lib/secret-keys';
import { CONNECT_LINK_LIFETIME_MS } from './status';

/**
 * The connection attempt a browser started, kept in an httpOnly, SameSite=Lax,
 * encrypted cookie (`__Host-` prefixed and Secure on https). The callback only
 * trusts a `connected_account_id` that matches this cookie and the signed-in
 * user: the query string alone proves nothing. A cookie rather than server
 * memory, so any instance can finish a flow another instance started.
 */
const PENDING_ATTEMPT = 'composio_pending';

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

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a key derived from AUTH_SECRET: the cookie reveals nothing
 * (not the Connect Link, not the user id), and any change to it, or a value
 * sealed with another secret, fails authentication and is ignored.
 */
export function sealAttempt(attempt: PendingAttempt, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, 'pending-attempt-encryption/v1'), iv);
  const plaintext = JSON.stringify(attemptSchema.parse(attempt));
  const sealed = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return sealed.toString('base64url');
}

/** The attempt in a cookie value, or null when it is malformed, tampered with, or expired. */
export function openAttempt(value: string | undefined, secret: string, now: number): PendingAttempt | null {
  if (!value || value.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const sealed = Buffer.from(value, 'base64url');
  if (sealed.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      deriveKey(secret, 'pending-attempt-encryption/v1'),
      sealed.subarray(0, IV_BYTES),
    );
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plaintext = Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
    const attempt = attemptSchema.parse(JSON.parse(plaintext));
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
  const cookie = appCookie(PENDING_ATTEMPT, env().appUrl);
  store.set(cookie.name, sealAttempt(attempt, env().authSecret), {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure,
    path: '/',
    maxAge: Math.ceil(CONNECT_LINK_LIFETIME_MS / 1000),
  });
}

export async function readPendingAttempt(): Promise<PendingAttempt | null> {
  const store = await cookies();
  return openAttempt(store.get(appCookie(PENDING_ATTEMPT, env().appUrl).name)?.value, env().authSecret, Date.now());
}

/** Forgets the attempt: once it is used or cancelled, and on sign-out, so the Connect Link is not left behind. */
export async function clearPendingAttempt(): Promise<void> {
  const cookie = appCookie(PENDING_ATTEMPT, env().appUrl);
  (await cookies()).set(cookie.name, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure,
    path: '/',
    maxAge: 0,
  });
}
