import 'server-only';
import { unstable_cache } from 'next/cache';
import { composioRead } from './call';
import { composio } from './client';

export type ToolkitInfo = { slug: string; name: string; description: string; logo: string | null };

export const TOOLKIT_CATALOG_TAG = 'composio-toolkit-catalog';

/** Names, descriptions and logos change rarely: refresh them daily (or on `revalidateTag`). */
const CATALOG_REVALIDATE_SECONDS = 24 * 60 * 60;

/** Composio's list endpoint allows at most 1000 items a page, and the SDK drops its cursor (composio-api.md §5.2). */
const CATALOG_PAGE_LIMIT = 1000;

async function fetchToolkitInfo(slugs: readonly string[]): Promise<ToolkitInfo[]> {
  const client = composio();
  const listed = await composioRead('toolkits.list', () => client.toolkits.get({ limit: CATALOG_PAGE_LIMIT }));
  const bySlug = new Map(listed.map((toolkit) => [toolkit.slug, toolkit]));

  // A configured toolkit beyond the first page is fetched on its own (rare).
  const missing = slugs.filter((slug) => !bySlug.has(slug));
  const fetched = await Promise.all(
    missing.map((slug) =>
      composioRead(`toolkits.get(${slug})`, () => client.toolkits.get(slug)).catch((error: unknown) => {
        console.warn(`[composio] toolkit "${slug}" is configured in lib/toolkits.ts but not in the catalog`, error);
        return null;
      }),
    ),
  );
  for (const toolkit of fetched) if (toolkit) bySlug.set(toolkit.slug, toolkit);

  return slugs.flatMap((slug) => {
    const toolkit = bySlug.get(slug);
    if (!toolkit) return [];
    return [
      {
        slug,
        name: toolkit.name || slug,
        description: toolkit.meta.description ?? '',
        logo: toolkit.meta.logo ?? null,
      },
    ];
  });
}

/**
 * Catalog entries for the given slugs, in the same order, cached across
 * requests and users. Toolkits missing from Composio's catalog are left out.
 */
export const getToolkitInfo: (slugs: readonly string[]) => Promise<ToolkitInfo[]> = unstable_cache(
  fetchToolkitInfo,
  ['composio-toolkit-info'],
  { revalidate: CATALOG_REVALIDATE_SECONDS, tags: [TOOLKIT_CATALOG_TAG] },
);
