import type { EmulatorContext, Route } from '../api';
import type { CatalogToolkit } from '../catalog';
import {
  accountAuthConfig,
  authConfigFor,
  createPendingAccount,
  optionalString,
  requireString,
  requireToolkit,
} from '../connections';
import { HttpError, listParam, page, readJson, sendJson } from '../http';
import { sessionJson } from '../serialize';
import { newId, type Account, type Session, type State } from '../store';
import { executeTool } from '../tools';

function requireSession(ctx: EmulatorContext, id: string): Session {
  const session = ctx.store.state.sessions[id];
  if (!session) throw new HttpError(404, `Session ${id} not found`);
  return session;
}

function slugList(value: unknown, key: string): string[] {
  if (!Array.isArray(value) || value.some((slug) => typeof slug !== 'string')) {
    throw new HttpError(400, `"${key}" must be a list of toolkit slugs`);
  }
  return (value as string[]).map((slug) => slug.toLowerCase());
}

/** `toolkits: { enable: [...] }` or `{ disable: [...] }` from a create or update body. */
function toolkitsOption(value: unknown): Session['toolkits'] {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') throw new HttpError(400, '"toolkits" must be { enable } or { disable }');
  const { enable, disable } = value as { enable?: unknown; disable?: unknown };
  if (enable !== undefined) return { enable: slugList(enable, 'toolkits.enable') };
  if (disable !== undefined) return { disable: slugList(disable, 'toolkits.disable') };
  return null;
}

/** `auth_configs: { slug: ac_… }`: each id must exist and belong to that toolkit, as Composio checks. */
function authConfigsOption(ctx: EmulatorContext, value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, '"auth_configs" must be an object');
  const result: Record<string, string> = {};
  for (const [slug, id] of Object.entries(value)) {
    const toolkit = requireToolkit(ctx, slug);
    if (typeof id !== 'string') throw new HttpError(400, `auth_configs.${slug} must be an auth config id`);
    authConfigFor(ctx.store.state, toolkit, id);
    result[toolkit.slug] = id;
  }
  return result;
}

/**
 * `multi_account.enable` and `max_accounts_per_toolkit` (default 5): how many
 * accounts a session may pin per toolkit. Off unless enabled, as Composio's
 * default is one account per toolkit per session.
 */
function pinLimit(value: unknown): number {
  if (value === undefined || value === null) return 1;
  if (typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, '"multi_account" must be an object');
  const { enable, max_accounts_per_toolkit: max } = value as { enable?: unknown; max_accounts_per_toolkit?: unknown };
  if (enable !== true) return 1;
  if (max === undefined || max === null) return 5;
  if (!Number.isInteger(max) || (max as number) < 2 || (max as number) > 10) {
    throw new HttpError(400, '"multi_account.max_accounts_per_toolkit" must be a whole number from 2 to 10');
  }
  return max as number;
}

/**
 * `connected_accounts: { slug: [ca_…] }`, checked as Composio documents it
 * (`@composio/client` SessionCreateParams): each pinned account must exist,
 * not be disabled, and belong to the session's user (and the toolkit); a
 * session without multi-account pins at most one per toolkit.
 */
function connectedAccountsOption(
  ctx: EmulatorContext,
  userId: string,
  value: unknown,
  limit: number,
): Record<string, string[]> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, '"connected_accounts" must be an object');
  }
  const result: Record<string, string[]> = {};
  for (const [slug, ids] of Object.entries(value)) {
    const toolkit = requireToolkit(ctx, slug);
    const list = Array.isArray(ids) ? ids : [ids];
    if (list.length > limit) {
      throw new HttpError(
        400,
        limit === 1
          ? `connected_accounts.${toolkit.slug}: a session without multi_account pins at most one account per toolkit`
          : `connected_accounts.${toolkit.slug}: at most ${limit} accounts per toolkit (multi_account.max_accounts_per_toolkit)`,
      );
    }
    for (const id of list) {
      const account = typeof id === 'string' ? ctx.store.state.accounts[id] : undefined;
      if (!account || account.userId !== userId || account.toolkit !== toolkit.slug) {
        throw new HttpError(400, `Connected account ${String(id)} is not a ${toolkit.slug} account of this user`);
      }
      if (account.status === 'INACTIVE') {
        throw new HttpError(400, `Connected account ${account.id} is disabled and cannot be pinned to a session`);
      }
    }
    result[toolkit.slug] = list as string[];
  }
  return result;
}

function manageConnectionsOption(value: unknown): { enabled: boolean; callbackUrl: string | null } {
  if (value === undefined || value === null) return { enabled: true, callbackUrl: null };
  if (typeof value !== 'object') throw new HttpError(400, '"manage_connections" must be an object');
  const { enable, callback_url: callbackUrl } = value as { enable?: unknown; callback_url?: unknown };
  if (callbackUrl !== undefined && typeof callbackUrl !== 'string') {
    throw new HttpError(400, '"manage_connections.callback_url" must be a URL');
  }
  return { enabled: enable !== false, callbackUrl: callbackUrl ?? null };
}

export function isToolkitEnabled(session: Session, slug: string): boolean {
  if (session.toolkits?.enable) return session.toolkits.enable.includes(slug);
  if (session.toolkits?.disable) return !session.toolkits.disable.includes(slug);
  return true;
}

/**
 * The account a session uses for a toolkit: a pinned one, else the user's
 * newest ACTIVE account (under the session's auth config when it names one),
 * else the newest of any status.
 */
function sessionAccount(state: State, session: Session, slug: string): Account | undefined {
  const pinned = session.connectedAccounts[slug];
  const authConfigId = session.authConfigs[slug];
  const candidates = Object.values(state.accounts)
    .filter((account) => account.userId === session.userId && account.toolkit === slug)
    .filter((account) => !pinned || pinned.includes(account.id))
    .filter((account) => !authConfigId || account.authConfigId === authConfigId)
    .sort(
      (a, b) =>
        Number(b.status === 'ACTIVE') - Number(a.status === 'ACTIVE') ||
        b.createdAt.localeCompare(a.createdAt) ||
        b.seq - a.seq,
    );
  return candidates[0];
}

function requireEnabled(session: Session, toolkit: CatalogToolkit): void {
  if (!isToolkitEnabled(session, toolkit.slug)) {
    throw new HttpError(400, `Toolkit "${toolkit.slug}" is not enabled in session ${session.id}`);
  }
}

export const sessionRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/tool_router\/session$/,
    async handle(ctx, req, res) {
      const body = await readJson(req);
      const userId = requireString(body, 'user_id');
      const toolkits = toolkitsOption(body.toolkits);
      const authConfigs = authConfigsOption(ctx, body.auth_configs);
      const multiAccount = pinLimit(body.multi_account);
      const connectedAccounts = connectedAccountsOption(ctx, userId, body.connected_accounts, multiAccount);
      const manage = manageConnectionsOption(body.manage_connections);
      const session = await ctx.store.mutate((state) => {
        const created: Session = {
          id: newId('trs'),
          userId,
          toolkits,
          authConfigs,
          connectedAccounts,
          ...(multiAccount > 1 ? { pinLimit: multiAccount } : {}),
          manageConnections: manage.enabled,
          callbackUrl: manage.callbackUrl,
          configVersion: 1,
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
      sendJson(res, 200, sessionJson(requireSession(ctx, id!), ctx.publicUrl));
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/tool_router\/session\/([^/]+)$/,
    async handle(ctx, req, res, [id]) {
      const session = requireSession(ctx, id!);
      const body = await readJson(req);
      const toolkits = 'toolkits' in body ? toolkitsOption(body.toolkits) : session.toolkits;
      const authConfigs = 'auth_configs' in body ? authConfigsOption(ctx, body.auth_configs) : session.authConfigs;
      const limit = 'multi_account' in body ? pinLimit(body.multi_account) : (session.pinLimit ?? 1);
      const connectedAccounts =
        'connected_accounts' in body || 'multi_account' in body
          ? connectedAccountsOption(ctx, session.userId, body.connected_accounts ?? session.connectedAccounts, limit)
          : session.connectedAccounts;
      const manage =
        'manage_connections' in body
          ? manageConnectionsOption(body.manage_connections)
          : { enabled: session.manageConnections, callbackUrl: session.callbackUrl };
      await ctx.store.mutate(() => {
        Object.assign(session, {
          toolkits,
          authConfigs,
          connectedAccounts,
          pinLimit: limit > 1 ? limit : undefined,
          manageConnections: manage.enabled,
          callbackUrl: manage.callbackUrl,
          configVersion: session.configVersion + 1,
        });
      });
      sendJson(res, 200, sessionJson(session, ctx.publicUrl));
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/tool_router\/session\/([^/]+)$/,
    async handle(ctx, _req, res, [id]) {
      requireSession(ctx, id!);
      await ctx.store.mutate((state) => {
        delete state.sessions[id!];
      });
      sendJson(res, 200, { session_id: id, deleted: true });
    },
  },
  {
    method: 'POST',
    pattern: /^\/tool_router\/session\/([^/]+)\/link$/,
    async handle(ctx, req, res, [sessionId]) {
      const session = requireSession(ctx, sessionId!);
      const body = await readJson(req);
      const toolkit = requireToolkit(ctx, requireString(body, 'toolkit'));
      requireEnabled(session, toolkit);
      // Composio's OpenAPI document: a 400 when the session's configuration already names the toolkit's account.
      if (session.connectedAccounts[toolkit.slug]?.length) {
        throw new HttpError(
          400,
          `A connected account is already defined for toolkit "${toolkit.slug}" in the session configuration (connected_accounts)`,
        );
      }
      const callbackUrl = optionalString(body, 'callback_url') ?? session.callbackUrl;
      const alias = optionalString(body, 'alias');
      const { account, link } = await ctx.store.mutate((state) =>
        createPendingAccount(state, {
          userId: session.userId,
          toolkit,
          authConfig: authConfigFor(state, toolkit, session.authConfigs[toolkit.slug]),
          callbackUrl,
          alias,
        }),
      );
      sendJson(res, 201, {
        link_token: link.token,
        redirect_url: `${ctx.publicUrl}/link/${link.token}`,
        connected_account_id: account.id,
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/tool_router\/session\/([^/]+)\/toolkits$/,
    handle(ctx, _req, res, [sessionId], query) {
      const session = requireSession(ctx, sessionId!);
      const requested = listParam(query, 'toolkits').map((slug) => slug.toLowerCase());
      const search = query.get('search')?.toLowerCase();
      const isConnected = query.get('is_connected');
      const { state } = ctx.store;
      const items = ctx.catalog
        // `toolkits` overrides the session's own list (Composio's OpenAPI document), so it can name any toolkit.
        .filter((toolkit) =>
          requested.length > 0 ? requested.includes(toolkit.slug) : isToolkitEnabled(session, toolkit.slug),
        )
        .filter((toolkit) => !search || toolkit.name.toLowerCase().includes(search) || toolkit.slug.includes(search))
        .map((toolkit) => {
          const account = sessionAccount(state, session, toolkit.slug);
          const authConfig = account ? accountAuthConfig(state, account) : undefined;
          return {
            slug: toolkit.slug,
            name: toolkit.name,
            enabled: true,
            is_no_auth: toolkit.authScheme === 'NO_AUTH',
            composio_managed_auth_schemes: toolkit.authScheme === 'OAUTH2' ? ['OAUTH2'] : [],
            meta: { logo: `${ctx.publicUrl}/logos/${toolkit.slug}.svg`, description: toolkit.description },
            connected_account: account
              ? {
                  id: account.id,
                  status: account.status,
                  user_id: account.userId,
                  created_at: account.createdAt,
                  auth_config: {
                    id: account.authConfigId,
                    auth_scheme: account.authScheme,
                    is_composio_managed: authConfig?.isComposioManaged ?? true,
                  },
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
    method: 'POST',
    pattern: /^\/tool_router\/session\/([^/]+)\/execute$/,
    async handle(ctx, req, res, [sessionId]) {
      const session = requireSession(ctx, sessionId!);
      const body = await readJson(req);
      const slug = requireString(body, 'tool_slug');
      const result = executeTool(ctx, {
        slug,
        userId: session.userId,
        connectedAccountId: typeof body.account === 'string' ? body.account : undefined,
        session,
      });
      sendJson(res, 200, { data: result.data, error: result.error, log_id: result.logId });
    },
  },
];
