import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CatalogToolkit } from './catalog';
import type { EmulatorConfig } from './config';
import { HttpError, listParam, page, readJson, sendError, sendJson } from './http';
import { accountJson, sessionJson, toolkitJson, toolkitListItemJson } from './serialize';
import { newId, type Account, type Store } from './store';

export type EmulatorContext = {
  config: EmulatorConfig;
  store: Store;
  catalog: CatalogToolkit[];
  publicUrl: string;
};

type Route = {
  method: string;
  pattern: RegExp;
  handle: (
    ctx: EmulatorContext,
    req: IncomingMessage,
    res: ServerResponse,
    params: string[],
    query: URLSearchParams,
  ) => Promise<void> | void;
};

const API = '/api/v3.1';

function requireString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.length === 0) throw new HttpError(400, `"${key}" is required`);
  return value;
}

function findToolkit(ctx: EmulatorContext, slug: string): CatalogToolkit | undefined {
  return ctx.catalog.find((toolkit) => toolkit.slug === slug.toLowerCase());
}

function liveAccount(ctx: EmulatorContext, id: string): Account {
  const account = ctx.store.state.accounts[id];
  if (!account || account.deleted) throw new HttpError(404, `Connected account ${id} not found`);
  return account;
}

export function connectUrlFor(ctx: EmulatorContext, accountId: string): string | null {
  const link = Object.values(ctx.store.state.links).find(
    (candidate) => candidate.accountId === accountId && !candidate.used,
  );
  return link ? `${ctx.publicUrl}/link/${link.token}` : null;
}

function accountOut(ctx: EmulatorContext, account: Account) {
  return accountJson(account, connectUrlFor(ctx, account.id));
}

const routes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/tool_router\/session$/,
    async handle(ctx, req, res) {
      const body = await readJson(req);
      const userId = requireString(body, 'user_id');
      const toolkits = (body.toolkits as { enable?: unknown } | undefined)?.enable;
      const manage = (body.manage_connections as { enable?: unknown } | undefined)?.enable;
      const session = ctx.store.mutate((state) => {
        const created = {
          id: newId('trs'),
          userId,
          toolkits: Array.isArray(toolkits)
            ? toolkits.filter((slug): slug is string => typeof slug === 'string')
            : null,
          manageConnections: manage !== false,
          createdAt: new Date().toISOString(),
        };
        state.sessions[created.id] = created;
        return created;
      });
      sendJson(res, 201, sessionJson(session, ctx.publicUrl));
    },
  },
  {
    method: 'GET',
    pattern: /^\/tool_router\/session\/([^/]+)$/,
    handle(ctx, _req, res, [id]) {
      const session = ctx.store.state.sessions[id!];
      if (!session) throw new HttpError(404, `Session ${id} not found`);
      sendJson(res, 200, sessionJson(session, ctx.publicUrl));
    },
  },
  {
    method: 'POST',
    pattern: /^\/tool_router\/session\/([^/]+)\/link$/,
    async handle(ctx, req, res, [sessionId]) {
      const session = ctx.store.state.sessions[sessionId!];
      if (!session) throw new HttpError(404, `Session ${sessionId} not found`);
      const body = await readJson(req);
      const toolkit = findToolkit(ctx, requireString(body, 'toolkit'));
      if (!toolkit) throw new HttpError(400, `Toolkit "${String(body.toolkit)}" does not exist`);
      if (toolkit.authScheme === 'NO_AUTH')
        throw new HttpError(400, `Toolkit "${toolkit.slug}" does not require authentication`);
      const callbackUrl = typeof body.callback_url === 'string' ? body.callback_url : null;
      const alias = typeof body.alias === 'string' && body.alias ? body.alias : null;
      const now = new Date().toISOString();
      const link = ctx.store.mutate((state) => {
        const account: Account = {
          id: newId('ca'),
          userId: session.userId,
          toolkit: toolkit.slug,
          authScheme: toolkit.authScheme,
          status: 'INITIATED',
          statusReason: null,
          alias,
          displayName: null,
          createdAt: now,
          updatedAt: now,
          deleted: false,
        };
        state.accounts[account.id] = account;
        const created = { token: newId('ln'), accountId: account.id, callbackUrl, createdAt: now, used: false };
        state.links[created.token] = created;
        return created;
      });
      sendJson(res, 201, {
        link_token: link.token,
        redirect_url: `${ctx.publicUrl}/link/${link.token}`,
        connected_account_id: link.accountId,
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/tool_router\/session\/([^/]+)\/toolkits$/,
    handle(ctx, _req, res, [sessionId], query) {
      const session = ctx.store.state.sessions[sessionId!];
      if (!session) throw new HttpError(404, `Session ${sessionId} not found`);
      const requested = listParam(query, 'toolkits');
      const search = query.get('search')?.toLowerCase();
      const isConnected = query.get('is_connected');
      const scope = requested.length > 0 ? requested : session.toolkits;
      const accounts = Object.values(ctx.store.state.accounts).filter(
        (account) => !account.deleted && account.userId === session.userId,
      );
      const items = ctx.catalog
        .filter((toolkit) => !scope || scope.includes(toolkit.slug))
        .filter((toolkit) => !search || toolkit.name.toLowerCase().includes(search) || toolkit.slug.includes(search))
        .map((toolkit) => {
          const mine = accounts
            .filter((account) => account.toolkit === toolkit.slug)
            .sort(
              (a, b) =>
                Number(b.status === 'ACTIVE') - Number(a.status === 'ACTIVE') || b.createdAt.localeCompare(a.createdAt),
            );
          const account = mine[0];
          const json = toolkitJson(toolkit, ctx.publicUrl);
          return {
            slug: json.slug,
            name: json.name,
            enabled: true,
            is_no_auth: toolkit.authScheme === 'NO_AUTH',
            composio_managed_auth_schemes: json.composio_managed_auth_schemes,
            meta: { logo: json.meta.logo, description: json.meta.description },
            connected_account: account
              ? {
                  id: account.id,
                  status: account.status,
                  user_id: account.userId,
                  created_at: account.createdAt,
                  auth_config: { id: `ac_${toolkit.slug}`, auth_scheme: toolkit.authScheme, is_composio_managed: true },
                }
              : null,
          };
        })
        .filter(
          (item) => isConnected === null || (item.connected_account?.status === 'ACTIVE') === (isConnected === 'true'),
        );
      sendJson(res, 200, page(items, query, 20, 50));
    },
  },
  {
    method: 'GET',
    pattern: /^\/connected_accounts$/,
    handle(ctx, _req, res, _params, query) {
      const userIds = listParam(query, 'user_ids');
      const toolkits = listParam(query, 'toolkit_slugs');
      const statuses = listParam(query, 'statuses');
      const authConfigs = listParam(query, 'auth_config_ids');
      const orderBy = query.get('order_by') === 'updated_at' ? 'updatedAt' : 'createdAt';
      const items = Object.values(ctx.store.state.accounts)
        .filter((account) => !account.deleted)
        .filter((account) => userIds.length === 0 || userIds.includes(account.userId))
        .filter((account) => toolkits.length === 0 || toolkits.includes(account.toolkit))
        .filter((account) => statuses.length === 0 || statuses.includes(account.status))
        .filter((account) => authConfigs.length === 0 || authConfigs.includes(`ac_${account.toolkit}`))
        .sort((a, b) => b[orderBy].localeCompare(a[orderBy]) || b.id.localeCompare(a.id))
        .map((account) => accountOut(ctx, account));
      sendJson(res, 200, page(items, query, 20, 1000));
    },
  },
  {
    method: 'GET',
    pattern: /^\/connected_accounts\/([^/]+)$/,
    handle(ctx, _req, res, [id]) {
      sendJson(res, 200, accountOut(ctx, liveAccount(ctx, id!)));
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/connected_accounts\/([^/]+)$/,
    handle(ctx, _req, res, [id]) {
      const account = liveAccount(ctx, id!);
      ctx.store.mutate(() => {
        account.deleted = true;
        account.updatedAt = new Date().toISOString();
      });
      sendJson(res, 200, { success: true });
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/connected_accounts\/([^/]+)\/status$/,
    async handle(ctx, req, res, [id]) {
      const account = liveAccount(ctx, id!);
      const body = await readJson(req);
      if (typeof body.enabled !== 'boolean') throw new HttpError(400, '"enabled" must be a boolean');
      if (account.status !== 'ACTIVE' && account.status !== 'INACTIVE') {
        throw new HttpError(
          400,
          `Only ACTIVE or INACTIVE accounts can be enabled or disabled (this one is ${account.status})`,
        );
      }
      ctx.store.mutate(() => {
        account.status = body.enabled ? 'ACTIVE' : 'INACTIVE';
        account.updatedAt = new Date().toISOString();
      });
      sendJson(res, 200, { success: true });
    },
  },
  {
    method: 'POST',
    pattern: /^\/connected_accounts\/([^/]+)\/refresh$/,
    async handle(ctx, req, res, [id], query) {
      const account = liveAccount(ctx, id!);
      await readJson(req);
      const now = new Date().toISOString();
      const link = ctx.store.mutate((state) => {
        account.status = 'INITIATED';
        account.statusReason = null;
        account.updatedAt = now;
        const created = {
          token: newId('ln'),
          accountId: account.id,
          callbackUrl: query.get('redirect_url'),
          createdAt: now,
          used: false,
        };
        state.links[created.token] = created;
        return created;
      });
      sendJson(res, 200, {
        id: account.id,
        status: account.status,
        redirect_url: `${ctx.publicUrl}/link/${link.token}`,
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/toolkits$/,
    handle(ctx, _req, res, _params, query) {
      const category = query.get('category');
      const items = ctx.catalog
        .filter((toolkit) => !category || toolkit.categories.includes(category))
        .map((toolkit) => toolkitListItemJson(toolkit, ctx.publicUrl));
      sendJson(res, 200, page(items, query, 20, 1000));
    },
  },
  {
    method: 'GET',
    pattern: /^\/toolkits\/([^/]+)$/,
    handle(ctx, _req, res, [slug]) {
      const toolkit = findToolkit(ctx, slug!);
      if (!toolkit) throw new HttpError(404, `Toolkit ${slug} not found`);
      sendJson(res, 200, toolkitJson(toolkit, ctx.publicUrl));
    },
  },
];

/** Answers one `/api/v3.1/...` request; returns false when the path is not an API path. */
export async function handleApi(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (!url.pathname.startsWith(`${API}/`) && url.pathname !== API) return false;
  if (req.headers['x-api-key'] !== ctx.config.apiKey) {
    sendError(res, 401, 'Invalid or missing API key. Send the emulator key in the x-api-key header.', 1001);
    return true;
  }
  const path = url.pathname.slice(API.length);
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match || route.method !== req.method) continue;
    const params = match.slice(1).map((value) => decodeURIComponent(value));
    await route.handle(ctx, req, res, params, url.searchParams);
    return true;
  }
  sendError(res, 404, `No route for ${req.method} ${url.pathname}`, 404);
  return true;
}
