'use client';

import { Search } from 'lucide-react';
import { useDeferredValue, useEffect, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { CatalogPage, ToolkitCategory, ToolkitInfo } from '@/lib/composio/catalog';
import type { ToolkitView } from '@/lib/composio/integrations';
import { ToolkitTile } from './toolkit-tile';

/** Search appears once the list is long enough to need it. */
const SEARCH_THRESHOLD = 8;

/** Keystrokes closer together than this are one search: the server is asked once typing pauses. */
const SERVER_SEARCH_DELAY_MS = 250;

type Item = { slug: string; name: string; category: ToolkitCategory | null; node: ReactNode };

/** With TOOLKITS_SHOW_ALL: the rest of Composio's catalog, fetched from the server a page at a time. */
export type MoreOfTheCatalog = {
  /** Where the catalog continues after the items the server rendered; null when they are all of it. */
  cursor: string | null;
  /** Toolkits the page shows in another group (connected, needing attention): never offered here again. */
  listedElsewhere: string[];
  returnTo: string;
};

type Found = { query: string; toolkits: ToolkitInfo[]; cursor: string | null };

/** Search text and category together: what a server search was for. */
function queryKey(search: string, category: string): string {
  return `${category}\u0000${search}`;
}

async function fetchCatalogPage(
  query: { search: string; category: string; cursor: string | null },
  signal?: AbortSignal,
) {
  const params = new URLSearchParams();
  if (query.search) params.set('search', query.search);
  if (query.category) params.set('category', query.category);
  if (query.cursor) params.set('cursor', query.cursor);
  const response = await fetch(`/api/toolkits?${params}`, { signal });
  const body = (await response.json().catch(() => null)) as (CatalogPage & { error?: string }) | null;
  if (!response.ok || !body?.toolkits) throw new Error(body?.error ?? 'More integrations could not be loaded.');
  return body;
}

/** A toolkit from the catalog endpoint as the tile shows it: nothing connected yet. */
function availableView(toolkit: ToolkitInfo): ToolkitView {
  return {
    ...toolkit,
    offered: true,
    required: false,
    reason: toolkit.description,
    testable: false,
    status: 'not_connected',
    accounts: [],
  };
}

/**
 * The Available toolkits with a search box. The first ones arrive rendered on
 * the server and are filtered here as you type, with no request. With the
 * whole catalog on offer (`more`), the rest comes from the server: one request
 * per search once typing pauses (an earlier one still running is aborted, and
 * only the latest answer is shown), and one per "Show more", from the cursor.
 */
export function ToolkitList({
  items,
  pageSize,
  more,
}: {
  items: Item[];
  /** Tiles shown at first and added by each Show more: TOOLKITS_PAGE_SIZE, passed in because lib/toolkits.ts loads zod. */
  pageSize: number;
  more?: MoreOfTheCatalog;
}) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [limit, setLimit] = useState(pageSize);
  const [fetched, setFetched] = useState<ToolkitInfo[]>([]);
  const [cursor, setCursor] = useState(more?.cursor ?? null);
  const [found, setFound] = useState<Found | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [failure, setFailure] = useState<{ query: string; message: string } | null>(null);
  const deferredQuery = useDeferredValue(query);
  const needle = deferredQuery.trim().toLowerCase();
  // What the server is asked for: the words and the category together.
  const key = queryKey(needle, category);
  const filtering = needle !== '' || category !== '';
  // Once the whole catalog is loaded, the server has nothing to add to a search.
  const searchesServer = more !== undefined && cursor !== null;

  useEffect(() => {
    if (!searchesServer || (!needle && !category)) return;
    const controller = new AbortController();
    const asked = queryKey(needle, category);
    const timer = setTimeout(() => {
      fetchCatalogPage({ search: needle, category, cursor: null }, controller.signal)
        .then((page) => setFound({ query: asked, toolkits: page.toolkits, cursor: page.nextCursor }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setFailure({ query: asked, message: (error as Error).message });
        });
    }, SERVER_SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [needle, category, searchesServer]);

  const tile = (toolkit: ToolkitInfo): Item => ({
    slug: toolkit.slug,
    name: toolkit.name,
    category: toolkit.category,
    node: <ToolkitTile toolkit={availableView(toolkit)} returnTo={more?.returnTo ?? ''} />,
  });
  const loaded = [...items, ...fetched.map(tile)];
  const known = new Set([...loaded.map((item) => item.slug), ...(more?.listedElsewhere ?? [])]);
  // Composio's categories of the toolkits loaded so far, by name: the filter offers those.
  const categories = [
    ...new Map(loaded.flatMap((item) => (item.category ? [[item.category.id, item.category] as const] : []))).values(),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const matches = loaded.filter(
    (item) => (!needle || item.name.toLowerCase().includes(needle)) && (!category || item.category?.id === category),
  );
  const answer = filtering && found?.query === key ? found : null;
  const fromServer = answer ? answer.toolkits.filter((toolkit) => !known.has(toolkit.slug)).map(tile) : [];
  const error = filtering && failure?.query === key ? failure.message : null;
  const searching = searchesServer && filtering && !answer && !error;
  const shown = [...matches.slice(0, limit), ...fromServer];
  const hiddenHere = matches.length - Math.min(matches.length, limit);
  const nextCursor = filtering ? (answer?.cursor ?? null) : cursor;
  const categoryName = categories.find((candidate) => candidate.id === category)?.name;

  async function showMore() {
    if (hiddenHere > 0) return setLimit((current) => current + pageSize);
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchCatalogPage({ search: needle, category, cursor: nextCursor });
      if (answer) setFound({ ...answer, toolkits: [...answer.toolkits, ...page.toolkits], cursor: page.nextCursor });
      else {
        setFetched((current) => [...current, ...page.toolkits.filter((toolkit) => !known.has(toolkit.slug))]);
        setCursor(page.nextCursor);
        setLimit((current) => current + pageSize);
      }
      setFailure(null);
    } catch (caught) {
      setFailure({ query: key, message: (caught as Error).message });
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <div className="grid grid-cols-1 gap-4">
      {items.length > SEARCH_THRESHOLD || more || categories.length > 1 ? (
        <div className="flex flex-wrap gap-2">
          {items.length > SEARCH_THRESHOLD || more ? (
            <div className="relative min-w-0 flex-1 basis-56">
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
          {categories.length > 1 ? (
            // Composio's own categories, as the pickers of Vercel and Pipedream offer them.
            <select
              aria-label="Category"
              value={category}
              onChange={(event) => setCategory(event.target.value)}
              className="h-9 max-w-full min-w-0 rounded-md border border-input bg-background px-3 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
            >
              <option value="">All categories</option>
              {categories.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          ) : null}
        </div>
      ) : null}
      <p className="sr-only" role="status">
        {filtering && !searching ? `${matches.length + fromServer.length} integrations match` : ''}
      </p>
      {shown.length > 0 ? (
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Integrations">
          {shown.map((item) => (
            <li key={item.slug}>{item.node}</li>
          ))}
        </ul>
      ) : searching ? null : (
        <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
          {needle
            ? `No integration matches “${deferredQuery.trim()}”${categoryName ? ` in ${categoryName}` : ''}.`
            : `No integration in ${categoryName ?? 'this category'}.`}
        </p>
      )}
      {searching ? <p className="text-sm text-muted-foreground">Searching all integrations…</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {hiddenHere > 0 || nextCursor ? (
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
          <p>
            Showing {shown.length}
            {hiddenHere > 0 ? ` of ${matches.length}` : ''}. Search to find one quickly.
          </p>
          <Button variant="outline" disabled={loadingMore} onClick={() => void showMore()}>
            {loadingMore ? 'Loading…' : hiddenHere > 0 ? `Show ${Math.min(pageSize, hiddenHere)} more` : 'Show more'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
