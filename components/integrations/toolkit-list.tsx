'use client';

import { Search } from 'lucide-react';
import { useDeferredValue, useState, type ReactNode } from 'react';
import { Input } from '@/components/ui/input';

/** Search appears once the list is long enough to need it. */
const SEARCH_THRESHOLD = 8;

/**
 * The toolkit list with a search box. Items arrive already rendered on the
 * server; this island only decides which ones to show.
 */
export function ToolkitList({ items }: { items: { slug: string; name: string; node: ReactNode }[] }) {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const needle = deferredQuery.trim().toLowerCase();
  const shown = needle ? items.filter((item) => item.name.toLowerCase().includes(needle)) : items;

  return (
    <div className="grid gap-4">
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
        {needle ? `${shown.length} of ${items.length} integrations shown` : ''}
      </p>
      {shown.length > 0 ? (
        <ul className="grid gap-3" aria-label="Integrations">
          {shown.map((item) => (
            <li key={item.slug}>{item.node}</li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
          No integration matches “{deferredQuery.trim()}”.
        </p>
      )}
    </div>
  );
}
