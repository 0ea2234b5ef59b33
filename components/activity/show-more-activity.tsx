'use client';

import { useState, useTransition } from 'react';
import { loadMoreActivity } from '@/app/settings/integrations/actions';
import { Button } from '@/components/ui/button';
import type { ActivityItemView } from '@/lib/activity/activity';
import type { ActivityCursor } from '@/lib/activity/queries';
import { ActivityItem } from './activity-item';

/** "Show more": appends the next older page below the server-rendered one, as often as there is one. */
export function ShowMoreActivity({ after }: { after: ActivityCursor }) {
  const [items, setItems] = useState<ActivityItemView[]>([]);
  const [now, setNow] = useState(0);
  const [next, setNext] = useState<ActivityCursor | null>(after);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function showMore(cursor: ActivityCursor) {
    startTransition(async () => {
      const page = await loadMoreActivity(cursor);
      if (!page.ok) {
        setError(page.error);
        return;
      }
      setError(null);
      setItems((shown) => [...shown, ...page.items]);
      setNext(page.next);
      setNow(page.now);
    });
  }

  return (
    <>
      {items.length > 0 ? (
        <ol aria-label="Older activity" className="divide-y border-t">
          {items.map((item) => (
            <ActivityItem key={item.id} item={item} now={now} />
          ))}
        </ol>
      ) : null}
      {error ? (
        <p role="alert" className="py-2 text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {next ? (
        <div className="border-t py-2">
          <Button variant="ghost" size="sm" disabled={pending} onClick={() => showMore(next)}>
            {pending ? 'Loading…' : 'Show more'}
          </Button>
        </div>
      ) : null}
    </>
  );
}
