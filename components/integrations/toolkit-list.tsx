'use client';

import { Search } from 'lucide-react';
import { useDeferredValue, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/** Search appears once the list is long enough to need it. */
const SEARCH_THRESHOLD = 8;

/**
 * Cards on screen at once. Mounting or hiding a card is the expensive part of
 * filtering (about 1 ms each on a slow laptop); comparing names is not. So the
 * search runs over every toolkit but only this many matches are rendered,
 * keeping a keystroke cheap with 500 toolkits (see `npm run bench`).
 */
const PAGE_SIZE = 20;

/**
 * The toolkit list with a search box. Items arrive already rendered on the
 * server; this island only decides which ones to show.
 */
export function ToolkitList({ items }: { items: { slug: string; name: string; node: ReactNode }[] }) {
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const deferredQuery = useDeferredValue(query);
  const needle = deferredQuery.trim().toLowerCase();
  const matches = needle ? items.filter((item) => item.name.toLowerCase().includes(needle)) : items;
  const shown = matches.slice(0, limit);
  const remaining = matches.length - shown.length;

  return (
    <div className="grid grid-cols-1 gap-4">
      {items.length > SEARCH_THRESHOLD ? (
        <div className="relative">
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input
            type="search"
            aria-label="Search integrations"
            placeholder="Search integrations"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            className="pl-9"
          />
        </div>
      ) : null}
      <p className="sr-only" role="status">
        {needle ? `${matches.length} of ${items.length} integrations match` : ''}
      </p>
      {shown.length > 0 ? (
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Integrations">
          {shown.map((item) => (
            <li key={item.slug}>{item.node}</li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
          No integration matches “{deferredQuery.trim()}”.
        </p>
      )}
      {remaining > 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
          <p>
            Showing {shown.length} of {matches.length}
            {needle ? ' matches' : ''}. Search to find one quickly.
          </p>
          <Button variant="outline" onClick={() => setLimit((current) => current + PAGE_SIZE)}>
            Show {Math.min(PAGE_SIZE, remaining)} more
          </Button>
        </div>
      ) : null}
    </div>
  );
}
