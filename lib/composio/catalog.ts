import 'server-only';
import { unstable_cache } from 'next/cache';
import { z } from 'zod';
import { env } from '@/lib/env';
import { offeredToolkits, toolkitSlugSchema } from '@/lib/toolkits';
import { composioRead } from './call';
import { composio } from './client';
import { allowedLogo, composioBrowserOrigins } from './origins';

export type ToolkitInfo = {
  slug: string;
  name: string;
  description: string;
  logo: string | null;
  /** Composio's `no_auth`: the toolkit's tools work without a connected account, so there is nothing to connect. */
  noAuth: boolean;
};

export const TOOLKIT_CATALOG_TAG = 'composio-toolkit-catalog';

/** Names, descriptions and logos change rarely: refresh them daily (or on `revalidateTag`). */
const CATALOG_REVALIDATE_SECONDS = 24 * 60 * 60;

/** Composio's list endpoint allows at most 1000 items a page, and the SDK returns a bare array without the cursor. */
const CATALOG_PAGE_LIMIT = 1000;

const configuredSlugs: readonly string[] = offeredToolkits.map((toolkit) => toolkit.slug);

/** Composio's catalog as this app sees it: what it offers, and which configured slugs Composio does not know. */
export type ToolkitCatalog = {
  /** The configured toolkits in display order, then (with `includeRest`) every other catalog toolkit. */
  toolkits: ToolkitInfo[];
  /** Slugs in lib/toolkits.ts that Composio has no toolkit for: not shown. */
  missing: string[];
  /** How many toolkits the list request returned. */
  listed: number;
};

/**
 * The one catalog query, used by the settings page (through the cache below)
 * and by Setup diagnostics (uncached), so both agree on which toolkits exist.
 * A configured toolkit beyond the first page is fetched on its own (rare).
 */
export async function readToolkitCatalog(includeRest: boolean): Promise<ToolkitCatalog> {
  const client = composio();
  const listed = await composioRead('toolkits.list', () => client.toolkits.get({ limit: CATALOG_PAGE_LIMIT }));
  const bySlug = new Map(listed.map((toolkit) => [toolkit.slug, toolkit]));

  const beyondFirstPage = configuredSlugs.filter((slug) => !bySlug.has(slug));
  const fetched = await Promise.all(
    beyondFirstPage.map((slug) =>
      composioRead(`toolkits.get(${slug})`, () => client.toolkits.get(slug)).catch((error: unknown) => {
        console.warn(`[composio] toolkit "${slug}" is configured in lib/toolkits.ts but not in the catalog`, error);
        return null;
      }),
    ),
  );
  for (const toolkit of fetched) if (toolkit) bySlug.set(toolkit.slug, toolkit);

  const origins = composioBrowserOrigins(env().composio);
  const slugs = includeRest
    ? [...configuredSlugs, ...listed.map((toolkit) => toolkit.slug).filter((slug) => !configuredSlugs.includes(slug))]
    : configuredSlugs;
  const toolkits = slugs.flatMap((slug) => {
    const toolkit = bySlug.get(slug);
    if (!toolkit) return [];
    return [
      {
        slug,
        name: toolkit.name || slug,
        description: toolkit.meta.description ?? '',
        logo: allowedLogo(toolkit.meta.logo, origins),
        // The single-toolkit read does not carry `noAuth`; a toolkit fetched that way is one lib/toolkits.ts offers to connect.
        noAuth: 'noAuth' in toolkit && toolkit.noAuth === true,
      },
    ];
  });
  return { toolkits, missing: configuredSlugs.filter((slug) => !bySlug.has(slug)), listed: listed.length };
}

/**
 * `baseUrl` only keys the cache: an app switched from the emulator to
 * Composio must not keep showing the emulator's catalog and logo URLs.
 */
const cachedOfferedToolkits = unstable_cache(
  async (_baseUrl: string, includeRest: boolean) => (await readToolkitCatalog(includeRest)).toolkits,
  // The key names the cached shape: bump it when ToolkitInfo changes, so no entry of the old shape is read.
  ['composio-offered-toolkits-v2'],
  { revalidate: CATALOG_REVALIDATE_SECONDS, tags: [TOOLKIT_CATALOG_TAG] },
);

/**
 * The toolkits the app offers, with names, descriptions and logos from
 * Composio's catalog, cached across requests and users: no Composio request
 * once warm. `lib/toolkits.ts` decides which ones, unless `TOOLKITS_SHOW_ALL`
 * adds the whole catalog after them.
 */
export function getOfferedToolkits(): Promise<ToolkitInfo[]> {
  const { composio: config, toolkitsShowAll } = env();
  return cachedOfferedToolkits(config.baseUrl ?? 'https://backend.composio.dev', toolkitsShowAll);
}

/** The toolkit's display name from the cached catalog, falling back to its slug. */
export async function toolkitName(slug: string): Promise<string> {
  const catalog = await getOfferedToolkits().catch(() => []);
  return catalog.find((toolkit) => toolkit.slug === slug)?.name ?? slug;
}

/** Whether a toolkit slug from user input is one this app offers. */
export async function isOfferedToolkit(slug: string): Promise<boolean> {
  if (configuredSlugs.includes(slug)) return true;
  if (!env().toolkitsShowAll) return false;
  return (await getOfferedToolkits()).some((toolkit) => toolkit.slug === slug);
}

/** Whether Composio says the toolkit works without a connected account: there is nothing to connect. */
export async function needsNoConnection(slug: string): Promise<boolean> {
  return (await getOfferedToolkits()).some((toolkit) => toolkit.slug === slug && toolkit.noAuth);
}

/**
 * A toolkit slug from user input: one of lib/toolkits.ts, or with
 * `TOOLKITS_SHOW_ALL` anything slug-shaped (`isOfferedToolkit` then checks the catalog).
 */
export const offeredToolkitSlugSchema = z
  .string()
  .refine(
    (slug) =>
      toolkitSlugSchema.safeParse(slug).success || (env().toolkitsShowAll && /^[a-z0-9][a-z0-9_-]{0,63}$/.test(slug)),
    { error: 'Unknown toolkit' },
  );
