'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { CONNECTION_CHANGED, CONNECTION_CHANNEL } from '@/lib/connection-finished';
import { popupMessageHandledHere } from './connect-popup';

/**
 * Refreshes the page in place (no document load) when a Connect Link popup
 * finishes, in this tab or another. The message is only a nudge: what the page then
 * shows, the toast included, comes from the server's own render. Mounted only
 * where connection status shows (settings, onboarding, the home page's
 * required-connections banner): other pages have nothing to refresh.
 */
export function ConnectionRefresh() {
  const router = useRouter();
  useEffect(() => {
    if (typeof BroadcastChannel !== 'function') return;
    const channel = new BroadcastChannel(CONNECTION_CHANNEL);
    channel.onmessage = (event) => {
      // A tab waiting on a popup checks its attempt first and refreshes once it has settled (connect-popup.ts).
      if (event.data === CONNECTION_CHANGED && !popupMessageHandledHere()) router.refresh();
    };
    return () => channel.close();
  }, [router]);
  return null;
}
