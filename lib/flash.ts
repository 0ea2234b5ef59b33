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

export async function setFlash(flash: Flash): Promise<void> {
  (await cookies()).set(FLASH_COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), {
    httpOnly: false,
    sameSite: 'lax',
    path: '/',
    maxAge: 60,
  });
}
