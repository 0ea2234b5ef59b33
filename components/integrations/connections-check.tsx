'use client';

import { createContext, useEffect, useState, type ReactNode } from 'react';
import { confirmConnections } from '@/app/settings/integrations/actions';
import { Alert, AlertDescription } from '@/components/ui/alert';
import type { Freshness } from '@/lib/composio/integrations';
import { relativeTime } from '@/lib/relative-time';

type CheckState = 'checking' | 'confirmed' | 'unreachable';

/** Whether the page's one look at Composio is still under way (the stale cards' "Checking…" reads it). */
export const ConnectionsCheckState = createContext<CheckState>('confirmed');

/**
 * Around the connections list. When the list was painted from the
 * connections table (the last-known state), asks Composio once, after it is
 * on screen, through the server, which re-renders the page in the same
 * response only if something changed, so nothing flickers when nothing did.
 * If Composio cannot answer, says so once, calmly, and keeps showing what it
 * has. A list read from Composio itself needs no check. Always rendered, so
 * that the list below keeps its state when a later render switches source.
 */
export function ConnectionsCheck({ freshness, children }: { freshness: Freshness; children: ReactNode }) {
  // What this view first showed: a re-render after the check brings a new fingerprint, and must not check again.
  const [shown] = useState(freshness.source === 'table' ? freshness.fingerprint : null);
  const [check, setCheck] = useState<{ state: CheckState; at?: number }>({
    state: shown === null ? 'confirmed' : 'checking',
  });
  const syncedAt = freshness.source === 'table' ? freshness.syncedAt : null;
  useEffect(() => {
    if (shown === null) return;
    let live = true;
    const unreachable = () => live && setCheck({ state: 'unreachable', at: Date.now() });
    confirmConnections(shown).then(
      (result) => (result.ok ? live && setCheck({ state: 'confirmed' }) : unreachable()),
      unreachable,
    );
    return () => {
      live = false;
    };
  }, [shown]);
  return (
    <ConnectionsCheckState value={check.state}>
      {check.state === 'unreachable' && syncedAt ? (
        <Alert variant="info" role="status">
          <AlertDescription>
            Couldn&apos;t reach Composio. Showing your connections as of {relativeTime(syncedAt, check.at!)}.
          </AlertDescription>
        </Alert>
      ) : null}
      {children}
    </ConnectionsCheckState>
  );
}
