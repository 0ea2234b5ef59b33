import 'server-only';
import { unstable_cache } from 'next/cache';
import { z } from 'zod';
import { env } from '@/lib/env';
import { offeredToolkits, toolkitConfig, TOOLKITS_PAGE_SIZE, toolkitSlugSchema } from '@/lib/toolkits';
import { classifyFailure, composioRead } from './call';
import { composio } from './client';
import { allowedLogo, composioBrowserOrigins, type ComposioBrowserOrigins } from './origins';

export type ToolkitCategory = { id: string; name: string };

export type ToolkitInfo = {
  slug: string;
  name: string;
  description: string;
  logo: string | null;
  /** Composio's first category for the toolkit (`id` filters the catalog, `name` is shown), when it gives one. */
  category: ToolkitCategory | null;
  /** Composio's `no_auth`: the toolkit's tools work without a connected account, so there is nothing to connect. */
  noAuth: boolean;
};

const TOOLKIT_CATALOG_TAG = 'composio-toolkit-catalog';

/** Names, descriptions and logos change rarely: refresh them daily (or on `revalidateTag`). */
const CATALOG_REVALIDATE_SECONDS = 24 * 60 * 60;

/** Composio's list endpoint allows at most 1000 items a page. */
const CATALOG_PAGE_LIMIT = 1000;

/**
 * The slugs of lib/toolkits.ts, in display order. Every cache entry built from them takes them as an argument, so
 * they are part of its key: a fork's edit of the list shows on the next start, not after the 24 h refresh.
 */
const configuredSlugs: readonly string[] = offeredToolkits.map((toolkit) => toolkit.slug);

/** Composio's catalog as this app sees it: what it offers, and which configured slugs Composio does not know. */
export type ToolkitCatalog = {
  /** The configured toolkits in display order, then (with `includeRest`) the rest of the catalog's first page. */
  toolkits: ToolkitInfo[];
  /** Slugs in lib/toolkits.ts that Composio has no toolkit for: not shown. */
  missing: string[];
  /** How many toolkits the list request returned. */
  listed: number;
  /** Where the catalog continues after the listed page (`includeRest` only), for "Show more". */
  nextCursor: string | null;
};

/** A toolkit as the list request (`no_auth`) or the SDK's single-toolkit read (neither flag, as a rule) returns it. */
type ComposioToolkit = {
  slug: string;
  name: string;
  meta: {
    description?: string | null;
    logo?: string | null;
    // The list request names a category's id `id`, the single-toolkit read `slug` (docs/composio.md).
    categories?: { id?: string | null; slug?: string | null; name?: string | null }[] | null;
  };
  no_auth?: boolean;
};

function toToolkitInfo(toolkit: ComposioToolkit, origins: ComposioBrowserOrigins): ToolkitInfo {
  return {
    slug: toolkit.slug,
    name: toolkit.name || toolkit.slug,
    description: toolkit.meta.description ?? '',
    logo: allowedLogo(toolkit.meta.logo, origins),
    category: firstCategory(toolkit.meta.categories),
    // The single-toolkit read does not carry it: a toolkit fetched that way is one the app offers to connect.
    noAuth: toolkit.no_auth === true || ('noAuth' in toolkit && toolkit.noAuth === true),
  };
}

function firstCategory(categories: ComposioToolkit['meta']['categories']): ToolkitCategory | null {
  for (const category of categories ?? []) {
    const id = category.id || category.slug;
    if (id && category.name) return { id, name: category.name };
  }
  return null;
}

/**
 * One list request through the SDK's HTTP client: `toolkits.get({…})` sends no
 * `search` and drops the cursor from its answer.
 */
function listToolkits(query: { limit: number; search?: string; cursor?: string; category?: string }) {
  return composioRead('toolkits.list', () =>
    composio()
      .getClient()
      .toolkits.list({
        limit: query.limit,
        search: query.search || undefined,
        cursor: query.cursor || undefined,
        category: query.category || undefined,
      }),
  );
}

/**
 * The one catalog query, used by the settings page (through the cache below)
 * and by Setup diagnostics (uncached), so both agree on which toolkits exist.
 * With `includeRest` (TOOLKITS_SHOW_ALL) only the catalog's first page is
 * listed; search and "Show more" bring the rest (`getCatalogPage`). A
 * configured toolkit beyond the listed page is fetched on its own (rare).
 */
export async function readToolkitCatalog(
  includeRest: boolean,
  configured: readonly string[] = configuredSlugs,
): Promise<ToolkitCatalog> {
  const listed = await listToolkits({ limit: includeRest ? TOOLKITS_PAGE_SIZE : CATALOG_PAGE_LIMIT });
  const bySlug = new Map<string, ComposioToolkit>(listed.items.map((toolkit) => [toolkit.slug, toolkit]));

  const beyondFirstPage = configured.filter((slug) => !bySlug.has(slug));
  const fetched = await Promise.all(
    beyondFirstPage.map((slug) =>
      composioRead(`toolkits.get(${slug})`, () => composio().toolkits.get(slug)).catch((error: unknown) => {
        console.warn(`[composio] toolkit "${slug}" is configured in lib/toolkits.ts but not in the catalog`, error);
        return null;
      }),
    ),
  );
  for (const toolkit of fetched) if (toolkit) bySlug.set(toolkit.slug, toolkit);

  const origins = composioBrowserOrigins(env().composio);
  const slugs = includeRest
    ? [...configured, ...listed.items.map((toolkit) => toolkit.slug).filter((slug) => !configured.includes(slug))]
    : configured;
  const toolkits = slugs.flatMap((slug) => {
    const toolkit = bySlug.get(slug);
    return toolkit ? [toToolkitInfo(toolkit, origins)] : [];
  });
  return {
    toolkits,
    missing: configured.filter((slug) => !bySlug.has(slug)),
    listed: listed.items.length,
    nextCursor: includeRest ? listed.next_cursor || null : null,
  };
}

const inFlight = new Map<string, Promise<unknown>>();

/**
 * Reads of the same cache entry at the same time share one: on a cold cache
 * the page and its Activity section (or two users at once) would otherwise
 * each miss and each ask Composio.
 */
function shared<T>(key: string, read: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = read().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}

/** The cache key's `baseUrl`: an app switched from the emulator to Composio must not keep the emulator's catalog. */
function catalogOrigin(): string {
  return env().composio.baseUrl ?? 'https://backend.composio.dev';
}

// unstable_cache keys an entry by the function's source, the key parts and its arguments (as JSON), never by what the
// function reads from outside: everything the entry depends on is an argument.
const cachedCatalog = unstable_cache(
  async (_baseUrl: string, includeRest: boolean, configured: readonly string[]) => {
    const { toolkits, nextCursor } = await readToolkitCatalog(includeRest, configured);
    return { toolkits, nextCursor };
  },
  // The key names the cached shape: change it when the shape changes, so no entry of the old shape is read.
  ['composio-offered-catalog-v4'],
  { revalidate: CATALOG_REVALIDATE_SECONDS, tags: [TOOLKIT_CATALOG_TAG] },
);

/**
 * The toolkits the page lists first, with names, descriptions and logos from
 * Composio's catalog, cached across requests and users: no Composio request
 * once warm. `lib/toolkits.ts` decides which ones; `TOOLKITS_SHOW_ALL` adds
 * the catalog's first page after them, and the cursor to the rest.
 */
export function getOfferedCatalog(): Promise<{ toolkits: ToolkitInfo[]; nextCursor: string | null }> {
  const key = [catalogOrigin(), env().toolkitsShowAll, configuredSlugs] as const;
  return shared(`catalog ${key.join(' ')}`, () => cachedCatalog(...key));
}

export async function getOfferedToolkits(): Promise<ToolkitInfo[]> {
  return (await getOfferedCatalog()).toolkits;
}

/** One page of Composio's catalog and the cursor to the next (null on the last). */
export type CatalogPage = { toolkits: ToolkitInfo[]; nextCursor: string | null };

async function readCatalogPage(search: string, cursor: string, category = ''): Promise<CatalogPage> {
  const page = await listToolkits({ limit: TOOLKITS_PAGE_SIZE, search, cursor, category });
  const origins = composioBrowserOrigins(env().composio);
  return {
    toolkits: page.items.map((toolkit) => toToolkitInfo(toolkit, origins)),
    nextCursor: page.next_cursor || null,
  };
}

/** Browsing pages are the same for every user and few (the catalog's size over the page size): shared, like the catalog. */
const cachedCatalogPage = unstable_cache(
  async (_baseUrl: string, cursor: string) => readCatalogPage('', cursor),
  ['composio-catalog-page-v4'],
  { revalidate: CATALOG_REVALIDATE_SECONDS, tags: [TOOLKIT_CATALOG_TAG] },
);

/**
 * A page of the catalog for the integrations page's "Show more" (`cursor`) and
 * search (`search`, Composio's own matching), TOOLKITS_SHOW_ALL only. Browsing
 * pages come from the shared cache; a search is one request of its own: the
 * words people type are too many to keep.
 */
export function getCatalogPage({
  search = '',
  cursor = '',
  category = '',
}: {
  search?: string;
  cursor?: string;
  /** One of Composio's category ids ("developer-tools"): its toolkits only. */
  category?: string;
}): Promise<CatalogPage> {
  if (search || category) return readCatalogPage(search, cursor, category);
  return shared(`page ${catalogOrigin()} ${cursor}`, () => cachedCatalogPage(catalogOrigin(), cursor));
}

/** Thrown inside the cache below so that an unknown slug is not remembered: slugs come from user input. */
class UnknownToolkit extends Error {}

const cachedToolkitInfo = unstable_cache(
  async (_baseUrl: string, slug: string): Promise<ToolkitInfo> => {
    const toolkit = await composioRead(`toolkits.get(${slug})`, () => composio().toolkits.get(slug)).catch(
      (error: unknown) => {
        throw classifyFailure(error) === 'not_found' ? new UnknownToolkit(slug) : error;
      },
    );
    return toToolkitInfo(toolkit, composioBrowserOrigins(env().composio));
  },
  ['composio-toolkit-info-v4'],
  { revalidate: CATALOG_REVALIDATE_SECONDS, tags: [TOOLKIT_CATALOG_TAG] },
);

/**
 * Any toolkit of Composio's catalog, offered or not: the cached listing first,
 * then the per-toolkit cache shared across users. For slugs Composio gave us
 * (a user's accounts, their Activity), which may name a toolkit lib/toolkits.ts
 * no longer offers; null when Composio has no such toolkit.
 */
export async function catalogToolkit(slug: string): Promise<ToolkitInfo | null> {
  const listed = (await getOfferedToolkits()).find((toolkit) => toolkit.slug === slug);
  if (listed) return listed;
  return shared(`toolkit ${catalogOrigin()} ${slug}`, () => cachedToolkitInfo(catalogOrigin(), slug)).catch(
    (error: unknown) => {
      if (error instanceof UnknownToolkit) return null;
      throw error;
    },
  );
}

/**
 * A toolkit this app offers outside the page's first listing (TOOLKITS_SHOW_ALL:
 * one found by search and connected), or null when it is not offered or
 * Composio has no such toolkit. Cached across users like the catalog.
 */
export async function toolkitInfo(slug: string): Promise<ToolkitInfo | null> {
  const listed = (await getOfferedToolkits()).find((toolkit) => toolkit.slug === slug);
  if (listed) return listed;
  if (!env().toolkitsShowAll) return null;
  return catalogToolkit(slug);
}

/** The toolkit's display name from the cached catalog (offered or not), falling back to its slug. */
export async function toolkitName(slug: string): Promise<string> {
  return (await catalogToolkit(slug).catch(() => null))?.name ?? slug;
}

/** Whether a toolkit slug from user input is one this app offers. */
export async function isOfferedToolkit(slug: string): Promise<boolean> {
  if (configuredSlugs.includes(slug)) return true;
  if (!env().toolkitsShowAll) return false;
  return (await toolkitInfo(slug)) !== null;
}

/** Whether Composio says the toolkit works without a connected account: there is nothing to connect. */
export async function needsNoConnection(slug: string): Promise<boolean> {
  return (await toolkitInfo(slug))?.noAuth === true;
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

/** What connecting a toolkit lets the app do, as Composio describes it: how it signs in, and the scopes it asks for. */
export type ToolkitAccess = {
  /** Composio's auth scheme ("OAUTH2", "API_KEY", …), or null when Composio does not say. */
  scheme: string | null;
  /** The OAuth scopes, as Composio lists them (raw scope strings): none for an API key or when Composio lists none. */
  scopes: string[];
  /** Where the scopes come from: this app's own auth config (lib/toolkits.ts `authConfigId`), or Composio's managed one. */
  source: 'auth-config' | 'composio-managed';
};

function scopeList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((scope): scope is string => typeof scope === 'string' && scope !== '');
  return typeof value === 'string' ? value.split(/[,\s]+/).filter(Boolean) : [];
}

const cachedToolkitAccess = unstable_cache(
  async (_baseUrl: string, slug: string, authConfigId: string): Promise<ToolkitAccess> => {
    if (authConfigId) {
      // The app's own OAuth app: its auth config holds the scopes it asks for (the secrets are never returned).
      const config = await composioRead('authConfigs.get', () =>
        composio().getClient().authConfigs.retrieve(authConfigId),
      );
      return {
        scheme: config.auth_scheme ?? null,
        scopes: scopeList((config.credentials as { scopes?: unknown } | undefined)?.scopes),
        source: 'auth-config',
      };
    }
    const toolkit = await composioRead(`toolkits.get(${slug})`, () => composio().getClient().toolkits.retrieve(slug));
    const managed =
      toolkit.composio_managed_auth?.find((auth) => auth.mode === 'OAUTH2') ?? toolkit.composio_managed_auth?.[0];
    // Composio-managed auth: the scopes its OAuth app asks for; otherwise the default an auth config would take.
    const defaults = toolkit.auth_config_details
      ?.find((detail) => detail.mode === (managed?.mode ?? detail.mode))
      ?.fields.auth_config_creation.optional.find((field) => field.name === 'scopes')?.default;
    return {
      scheme: managed?.mode ?? toolkit.auth_config_details?.[0]?.mode ?? null,
      scopes: managed?.scopes.available.length ? managed.scopes.available : scopeList(defaults),
      source: 'composio-managed',
    };
  },
  ['composio-toolkit-access-v1'],
  { revalidate: CATALOG_REVALIDATE_SECONDS, tags: [TOOLKIT_CATALOG_TAG] },
);

/**
 * The access connecting `slug` grants, for its page: cached across users like
 * the catalog (one Composio request per toolkit a day). Null when Composio
 * cannot say right now: the page says so and everything else still works.
 */
export async function toolkitAccess(slug: string): Promise<ToolkitAccess | null> {
  const authConfigId = toolkitConfig(slug)?.authConfigId ?? '';
  try {
    return await shared(`access ${catalogOrigin()} ${slug} ${authConfigId}`, () =>
      cachedToolkitAccess(catalogOrigin(), slug, authConfigId),
    );
  } catch (error) {
    console.warn(`[composio] access of "${slug}" not read`, error);
    return null;
  }
}
