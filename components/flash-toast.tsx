'use client';

import { useEffect } from 'react';
import { toast } from 'sonner';

const FLASH_COOKIE = 'flash';

/** Shows the one-time message a redirect left in the `flash` cookie (lib/flash.ts), then deletes it. */
export function FlashToast() {
  useEffect(() => {
    const raw = document.cookie
      .split('; ')
      .find((cookie) => cookie.startsWith(`${FLASH_COOKIE}=`))
      ?.slice(FLASH_COOKIE.length + 1);
    if (!raw) return;
    // Scoped to this page's path by lib/flash.ts; deleting needs the same path.
    document.cookie = `${FLASH_COOKIE}=; Max-Age=0; Path=${window.location.pathname}; SameSite=Lax`;
    try {
      const flash = JSON.parse(decodeBase64Url(raw)) as { type?: string; message?: unknown };
      if (typeof flash.message !== 'string') return;
      if (flash.type === 'success') toast.success(flash.message);
      else toast.error(flash.message);
    } catch {
      // A malformed cookie is simply dropped.
    }
  }, []);
  return null;
}

function decodeBase64Url(value: string): string {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
