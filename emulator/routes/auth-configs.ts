import type { EmulatorContext, Route } from '../api';
import { createAuthConfig, requireAuthConfig, requireToolkit } from '../connections';
import { HttpError, listParam, page, readJson, sendJson } from '../http';
import { authConfigJson } from '../serialize';
import { newId, type AuthConfig } from '../store';
import type { CatalogToolkit } from '../catalog';

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

/** The required `auth_config_creation` fields (serialize.ts, `auth_config_details`) the credentials leave out. */
function missingCreationFields(toolkit: CatalogToolkit, credentials: unknown): string[] {
  const given = (credentials ?? {}) as Record<string, unknown>;
  const required = toolkit.authScheme === 'OAUTH2' ? ['client_id', 'client_secret'] : [];
  return required.filter((name) => typeof given[name] !== 'string' || !(given[name] as string).trim());
}

export const authConfigRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/auth_configs$/,
    handle(ctx, _req, res, _params, query) {
      // A comma-separated list, as `@composio/client` documents `toolkit_slug` here.
      const toolkits = listParam(query, 'toolkit_slug').map((slug) => slug.toLowerCase());
      const managed = query.get('is_composio_managed');
      const showDisabled = query.get('show_disabled') === 'true';
      const search = query.get('search')?.toLowerCase();
      const items = Object.values(ctx.store.state.authConfigs)
        .filter((config) => toolkits.length === 0 || toolkits.includes(config.toolkit))
        .filter((config) => managed === null || config.isComposioManaged === (managed === 'true'))
        .filter((config) => showDisabled || config.status === 'ENABLED')
        // "Search auth configs by name or id" (`@composio/client`).
        .filter((config) => !search || `${config.name}\n${config.id}`.toLowerCase().includes(search))
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
      // Only a scheme the toolkit offers (its `auth_schemes`), with the fields that scheme requires to create a config.
      if (custom && authScheme !== toolkit.authScheme) {
        throw new HttpError(
          400,
          `Toolkit "${toolkit.slug}" does not support ${authScheme}; it supports ${toolkit.authScheme}`,
        );
      }
      const missing = custom ? missingCreationFields(toolkit, options.credentials) : [];
      if (missing.length > 0) {
        throw new HttpError(
          400,
          `A custom ${authScheme} auth config for "${toolkit.slug}" needs ${missing.join(' and ')}`,
        );
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
    async handle(ctx, _req, res, [id], query) {
      const config = requireAuthConfig(ctx, id!);
      // Composio soft-deletes the config; its connections stay (their credentials are revoked only on request).
      await ctx.store.mutate((state) => {
        delete state.authConfigs[config.id];
        state.deletedAuthConfigs[config.id] = { ...config, updatedAt: new Date().toISOString() };
      });
      sendJson(res, 200, query.get('revoke_on_delete') === 'true' ? { revoke_job_id: newId('pj') } : {});
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
