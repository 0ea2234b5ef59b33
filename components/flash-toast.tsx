'use client';

import { useEffect } from 'react';
import { toast } from 'sonner';
import type { PageFlash } from '@/lib/http/flash';

/**
 * Shows the one-time message a redirect left (lib/http/flash.ts), verified on the
 * server, once, on the page it was meant for; then deletes the cookie.
 */
export function FlashToast({ flash, cookieName }: { flash: PageFlash | null; cookieName: string }) {
  useEffect(() => {
    if (!flash || flash.path !== window.location.pathname) return;
    const secure = window.location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `${cookieName}=; Max-Age=0; Path=/; SameSite=Lax${secure}`;
    // One toast per message however often the effect runs: development's Strict Mode runs it twice, and a toast
    // with the same id replaces the first rather than stacking a second.
    const id = `flash:${flash.type}:${flash.message}`;
    if (flash.type === 'success') toast.success(flash.message, { id });
    else toast.error(flash.message, { id });
  }, [flash, cookieName]);
  return null;
}
