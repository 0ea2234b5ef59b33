import type { EmulatorContext, Route } from '../api';
import { createAuthConfig, requireAuthConfig, requireToolkit } from '../connections';
import { HttpError, page, readJson, sendJson } from '../http';
import { authConfigJson } from '../serialize';
import type { AuthConfig } from '../store';

const SCHEMES = ['OAUTH2', 'OAUTH1', 'API_KEY', 'BASIC', 'BEARER_TOKEN', 'NO_AUTH'];

function out(ctx: EmulatorContext, config: AuthConfig) {
  const connections = Object.values(ctx.store.state.accounts).filter(
    (account) => account.authConfigId === config.id,
  ).length;
  return authConfigJson(config, connections, ctx.publicUrl);
}

/** `scopes` as a comma-separated string or a list; only the scopes of credentials are kept (secrets are not stored). */
function scopesOf(credentials: unknown): string[] {
  const scopes = (credentials as { scopes?: unknown } | undefined)?.scopes;
  if (typeof scopes === 'string') return scopes.split(/[,\s]+/).filter(Boolean);
  if (Array.isArray(scopes)) return scopes.filter((scope): scope is string => typeof scope === 'string');
  return [];
}

export const authConfigRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/auth_configs$/,
    handle(ctx, _req, res, _params, query) {
      const toolkit = query.get('toolkit_slug')?.toLowerCase();
      const managed = query.get('is_composio_managed');
      const showDisabled = query.get('show_disabled') === 'true';
      const search = query.get('search')?.toLowerCase();
      const items = Object.values(ctx.store.state.authConfigs)
        .filter((config) => !toolkit || config.toolkit === toolkit)
        .filter((config) => managed === null || config.isComposioManaged === (managed === 'true'))
        .filter((config) => showDisabled || config.status === 'ENABLED')
        .filter((config) => !search || `${config.name} ${config.toolkit}`.toLowerCase().includes(search))
        .sort((a, b) => b.seq - a.seq)
        .map((config) => out(ctx, config));
      sendJson(res, 200, page(items, query, 20, 1000));
    },
  },
  {
    method: 'POST',
    pattern: /^\/auth_configs$/,
    async handle(ctx, req, res) {
      const body = await readJson(req);
      const toolkitSlug = (body.toolkit as { slug?: unknown } | undefined)?.slug;
      if (typeof toolkitSlug !== 'string') throw new HttpError(400, '"toolkit.slug" is required');
      const toolkit = requireToolkit(ctx, toolkitSlug);
      const options = (body.auth_config ?? {}) as Record<string, unknown>;
      const custom = options.type === 'use_custom_auth';
      if (!custom && options.type !== undefined && options.type !== 'use_composio_managed_auth') {
        throw new HttpError(400, '"auth_config.type" must be use_composio_managed_auth or use_custom_auth');
      }
      if (toolkit.authScheme === 'NO_AUTH') {
        throw new HttpError(400, `Toolkit "${toolkit.slug}" does not require authentication`);
      }
      if (!custom && toolkit.authScheme !== 'OAUTH2') {
        throw new HttpError(400, `Composio has no managed auth for "${toolkit.slug}": create a custom auth config`);
      }
      const authScheme = custom ? String(options.authScheme ?? options.auth_scheme ?? '') : 'OAUTH2';
      if (custom && !SCHEMES.includes(authScheme)) {
        throw new HttpError(400, `"authScheme" must be one of ${SCHEMES.join(', ')}`);
      }
      const name = typeof options.name === 'string' && options.name ? options.name : undefined;
      const config = await ctx.store.mutate((state) =>
        createAuthConfig(state, toolkit, {
          isComposioManaged: !custom,
          name,
          authScheme,
          scopes: scopesOf(options.credentials),
        }),
      );
      sendJson(res, 201, {
        toolkit: { slug: toolkit.slug },
        auth_config: {
          id: config.id,
          auth_scheme: config.authScheme,
          is_composio_managed: config.isComposioManaged,
          restrict_to_following_tools: [],
        },
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/auth_configs\/([^/]+)$/,
    handle(ctx, _req, res, [id]) {
      sendJson(res, 200, out(ctx, requireAuthConfig(ctx, id!)));
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/auth_configs\/([^/]+)$/,
    async handle(ctx, req, res, [id]) {
      const config = requireAuthConfig(ctx, id!);
      const body = await readJson(req);
      if (body.type !== 'custom' && body.type !== 'default')
        throw new HttpError(400, '"type" must be custom or default');
      if ((body.type === 'custom') === config.isComposioManaged) {
        throw new HttpError(400, `Auth config ${config.id} is ${config.isComposioManaged ? 'default' : 'custom'}`);
      }
      const scopes = body.type === 'custom' ? scopesOf(body.credentials) : scopesOf({ scopes: body.scopes });
      await ctx.store.mutate(() => {
        if (scopes.length > 0) config.scopes = scopes;
        config.updatedAt = new Date().toISOString();
      });
      sendJson(res, 200, {});
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/auth_configs\/([^/]+)$/,
    async handle(ctx, _req, res, [id]) {
      requireAuthConfig(ctx, id!);
      await ctx.store.mutate((state) => {
        delete state.authConfigs[id!];
        // Composio deletes the connections made under an auth config with it.
        for (const account of Object.values(state.accounts)) {
          if (account.authConfigId === id) delete state.accounts[account.id];
        }
      });
      sendJson(res, 200, {});
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/auth_configs\/([^/]+)\/(ENABLED|DISABLED)$/,
    async handle(ctx, _req, res, [id, status]) {
      const config = requireAuthConfig(ctx, id!);
      await ctx.store.mutate(() => {
        config.status = status as AuthConfig['status'];
        config.updatedAt = new Date().toISOString();
      });
      sendJson(res, 200, {});
    },
  },
];
