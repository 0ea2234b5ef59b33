import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { env } from '@/lib/env';
import { appCookie, deriveKey } from '@/lib/auth/secret-keys';

/**
 * A one-time message for the next page, e.g. "Gmail connected" after the
 * Composio callback redirects. HMAC-signed with a key derived from
 * AUTH_SECRET: a cookie planted by a page on a sibling host or port ("Security
 * alert… re-enter your password at …") is unsigned or mis-signed and is never
 * shown. It only ever holds text we wrote, never input echoed from the request.
 */
const FLASH = 'flash';
const FLASH_LIFETIME_SECONDS = 60;

const flashSchema = z.object({
  type: z.enum(['success', 'error']),
  message: z.string().min(1).max(500),
  /** The page the message is for: another page (another tab) leaves it alone. */
  path: z.string().startsWith('/').max(2048),
});

export type Flash = Omit<z.infer<typeof flashSchema>, 'path'>;
export type PageFlash = z.infer<typeof flashSchema>;

function sign(payload: string, secret: string): string {
  return createHmac('sha256', deriveKey(secret, 'flash-signature/v1')).update(payload).digest('base64url');
}

export function sealFlash(flash: PageFlash, secret: string): string {
  const payload = Buffer.from(JSON.stringify(flashSchema.parse(flash))).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The message in a cookie value, or null when it is unsigned, tampered with or malformed. */
export function openFlash(value: string | undefined, secret: string): PageFlash | null {
  if (!value || value.length > 4096) return null;
  const [payload, signature, ...rest] = value.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return flashSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
}

/** The flash cookie's name on this deployment (`__Host-flash` on https), for the client to delete it. */
export function flashCookieName(): string {
  return appCookie(FLASH, env().appUrl).name;
}

/**
 * Leaves `flash` for the page at `forPath` (a same-origin path). Path=/ (as
 * `__Host-` requires); the page it is for is inside the signed value.
 * Readable by the client on purpose: the FlashToast island deletes it once shown.
 */
export async function setFlash(flash: Flash, forPath: string): Promise<void> {
  const { appUrl, authSecret } = env();
  const cookie = appCookie(FLASH, appUrl);
  const path = new URL(forPath, 'http://localhost').pathname;
  (await cookies()).set(cookie.name, sealFlash({ ...flash, path }, authSecret), {
    httpOnly: false,
    secure: cookie.secure,
    sameSite: 'lax',
    path: '/',
    maxAge: FLASH_LIFETIME_SECONDS,
  });
}

/** The verified flash this request carries, if any; the page it names decides whether it is shown. */
export async function readFlash(): Promise<PageFlash | null> {
  return openFlash((await cookies()).get(flashCookieName())?.value, env().authSecret);
}
