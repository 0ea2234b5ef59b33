'use client';

import { use } from 'react';
import { ConnectionsCheckState } from './connections-check';

/** A quiet "Checking…" on a card whose last-known state is a few minutes old, while the page asks Composio. */
export function CheckingMark() {
  if (use(ConnectionsCheckState) !== 'checking') return null;
  return <span className="text-xs text-muted-foreground">Checking…</span>;
}
