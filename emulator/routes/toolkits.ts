import type { EmulatorContext, Route } from '../api';
import { categoryId, categoryName, type CatalogToolkit } from '../catalog';
import { requireToolkit } from '../connections';
import { HttpError, page, sendJson } from '../http';
import { toolkitJson, toolkitListItemJson } from '../serialize';

function oneOf<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!allowed.includes(value as T)) throw new HttpError(400, `"${name}" must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Toolkits a project manages itself: those with a custom (non-Composio-managed) auth config. */
function projectManaged(ctx: EmulatorContext): Set<string> {
  return new Set(
    Object.values(ctx.store.state.authConfigs)
      .filter((config) => !config.isComposioManaged)
      .map((config) => config.toolkit),
  );
}

function listToolkits(ctx: EmulatorContext, query: URLSearchParams): CatalogToolkit[] {
  const category = query.get('category')?.toLowerCase();
  const search = query.get('search')?.toLowerCase();
  const managedBy = oneOf(query, 'managed_by', ['all', 'composio', 'project'] as const);
  const sortBy = oneOf(query, 'sort_by', ['usage', 'alphabetically'] as const);
  const mine = managedBy === 'project' ? projectManaged(ctx) : undefined;
  const items = ctx.catalog
    .filter((toolkit) => !category || categoryId(toolkit.category) === category || toolkit.category === category)
    .filter((toolkit) => !search || toolkit.name.toLowerCase().includes(search) || toolkit.slug.includes(search))
    .filter((toolkit) => managedBy !== 'composio' || toolkit.authScheme === 'OAUTH2')
    .filter((toolkit) => !mine || mine.has(toolkit.slug));
  return sortBy === 'alphabetically'
    ? items.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.slug.localeCompare(b.slug))
    : items.sort((a, b) => a.rank - b.rank);
}

export const toolkitRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/toolkits$/,
    handle(ctx, _req, res, _params, query) {
      const items = listToolkits(ctx, query).map((toolkit) => toolkitListItemJson(toolkit, ctx.publicUrl));
      sendJson(res, 200, page(items, query, 20, 1000));
    },
  },
  {
    method: 'GET',
    pattern: /^\/toolkits\/categories$/,
    handle(ctx, _req, res, _params, query) {
      const labels = [...new Set(ctx.catalog.map((toolkit) => toolkit.category))].sort();
      const items = labels.map((label) => ({ id: categoryId(label), name: categoryName(label) }));
      sendJson(res, 200, page(items, query, 1000, 1000));
    },
  },
  {
    method: 'GET',
    pattern: /^\/toolkits\/([^/]+)$/,
    handle(ctx, _req, res, [slug]) {
      sendJson(res, 200, toolkitJson(requireToolkit(ctx, slug!, 404), ctx.publicUrl));
    },
  },
];
