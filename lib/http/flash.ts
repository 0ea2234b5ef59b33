import 'server-only';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { env } from '@/lib/env';
import { appCookie, openValue, sealValue } from '@/lib/auth/secret-keys';

/**
 * A one-time message for the next page, e.g. "Gmail connected" after the
 * Composio callback redirects. Sealed like Auth.js's session (lib/auth/secret-keys.ts):
 * a cookie planted by a page on a sibling host or port ("Security alert…
 * re-enter your password at …") was not sealed with this app's secret for
 * this purpose and is never shown. It only ever holds text we wrote, never
 * input echoed from the request.
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

const PURPOSE = 'composio-connections-starter/flash';

export function sealFlash(flash: PageFlash, secret: string): Promise<string> {
  return sealValue(flashSchema.parse(flash), secret, PURPOSE, FLASH_LIFETIME_SECONDS);
}

/** The message in a cookie value, or null when it was not sealed here, is tampered with, expired or malformed. */
export async function openFlash(value: string | undefined, secret: string): Promise<PageFlash | null> {
  const parsed = flashSchema.safeParse(await openValue(value, secret, PURPOSE));
  return parsed.success ? parsed.data : null;
}

/** The flash cookie's name on this deployment (`__Host-flash` on https), for the client to delete it. */
export function flashCookieName(): string {
  return appCookie(FLASH, env().appUrl).name;
}

/**
 * Leaves `flash` for the page at `forPath` (a same-origin path). Path=/ (as
 * `__Host-` requires); the page it is for is inside the sealed value.
 * Readable by the client on purpose: the FlashToast island deletes it once shown.
 */
export async function setFlash(flash: Flash, forPath: string): Promise<void> {
  const { appUrl, authSecret } = env();
  const cookie = appCookie(FLASH, appUrl);
  const path = new URL(forPath, 'http://localhost').pathname;
  (await cookies()).set(cookie.name, await sealFlash({ ...flash, path }, authSecret), {
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
