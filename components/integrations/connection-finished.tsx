'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { CONNECTION_ANNOUNCED, CONNECTION_CHANGED, CONNECTION_CHANNEL } from '@/lib/connection-finished';

/** How long to give `window.close()` before deciding this is a tab, not a popup, and going back to the app. */
const CLOSE_GRACE_MS = 500;

/**
 * Tells the app's other windows that a connection changed (when the page may: `announce`), then closes this popup
 * (or, in a tab, goes back).
 */
export function ConnectionFinished({ returnTo, announce }: { returnTo: string; announce: boolean }) {
  useEffect(() => {
    // Sent already by the page's inline script, unless the browser did not run it.
    const announced = (window as unknown as Record<string, unknown>)[CONNECTION_ANNOUNCED] === true;
    if (announce && !announced && typeof BroadcastChannel === 'function') {
      const channel = new BroadcastChannel(CONNECTION_CHANNEL);
      channel.postMessage(CONNECTION_CHANGED);
      channel.close();
    }
    window.close();
    // Still here: not a window a script may close (a Connect Link resumed in a tab). Back to the page it was for.
    const fallback = window.setTimeout(() => window.location.replace(returnTo), CLOSE_GRACE_MS);
    return () => window.clearTimeout(fallback);
  }, [returnTo, announce]);
  return (
    <p className="text-sm text-muted-foreground">
      You can close this window.{' '}
      <Link href={returnTo} className="font-medium text-primary underline-offset-4 hover:underline">
        Back to the app
      </Link>
    </p>
  );
}
