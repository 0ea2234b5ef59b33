'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { CONNECTION_CHANGED, CONNECTION_CHANNEL } from '@/lib/connection-finished';

/**
 * Refreshes the page in place (no document load) when a Connect Link popup
 * finishes in another window. The message is only a nudge: what the page then
 * shows, the toast included, comes from the server's own render.
 */
export function ConnectionRefresh() {
  const router = useRouter();
  useEffect(() => {
    if (typeof BroadcastChannel !== 'function') return;
    const channel = new BroadcastChannel(CONNECTION_CHANNEL);
    channel.onmessage = (event) => {
      if (event.data === CONNECTION_CHANGED) router.refresh();
    };
    return () => channel.close();
  }, [router]);
  return null;
}
