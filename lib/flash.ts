import 'server-only';
import { cookies } from 'next/headers';

/**
 * A one-time message for the next page, e.g. "Gmail connected" after the
 * Composio callback redirects. Readable by the client on purpose: the
 * FlashToast island shows it once and deletes it. It only ever holds text we
 * wrote, never input echoed from the request. Base64url, because cookie values
 * are otherwise percent-encoded by every layer that touches them.
 */
export const FLASH_COOKIE = 'flash';

export type Flash = { type: 'success' | 'error'; message: string };

/**
 * Leaves `flash` for the page at `forPath` (a same-origin path). The cookie is
 * scoped to that page's path, so only that page sees it: another tab, or the
 * page a navigation is leaving, cannot consume it first.
 */
export async function setFlash(flash: Flash, forPath: string): Promise<void> {
  (await cookies()).set(FLASH_COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), {
    httpOnly: false,
    sameSite: 'lax',
    path: new URL(forPath, 'http://localhost').pathname,
    maxAge: 60,
  });
}
