import type { EmulatorContext, Route } from '../api';
import {
  accountOut,
  authConfigFor,
  createPendingAccount,
  liveAccount,
  optionalString,
  requireString,
  requireToolkit,
  requireUniqueAlias,
} from '../connections';
import { HttpError, listParam, readJson, sendJson } from '../http';
import { ACCOUNT_STATUSES, newId, type Account, type AccountStatus } from '../store';

type Key = [string, number];

function encodeKey(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeKey(cursor: string): Key {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && typeof key[0] === 'string' && typeof key[1] === 'number') return [key[0], key[1]];
  } catch {
    // fall through
  }
  throw new HttpError(400, 'Invalid cursor');
}

function compareKeys(a: Key, b: Key): number {
  return a[0].localeCompare(b[0]) || a[1] - b[1];
}

/**
 * One page of accounts after the cursor. The cursor is the sort key of the
 * last item returned (timestamp, creation sequence), not an offset: accounts
 * created while a client pages sort before it (newest first) or after it and
 * are neither repeated nor skipped.
 */
function keysetPage(accounts: Account[], query: URLSearchParams, orderBy: 'createdAt' | 'updatedAt', asc: boolean) {
  const keyOf = (account: Account): Key => [account[orderBy], account.seq];
  const direction = asc ? 1 : -1;
  const sorted = [...accounts].sort((a, b) => direction * compareKeys(keyOf(a), keyOf(b)));
  const requested = Number(query.get('limit') ?? 20);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, 1000) : 20;
  const cursor = query.get('cursor');
  const after = cursor ? decodeKey(cursor) : null;
  const start = after ? sorted.findIndex((account) => direction * compareKeys(keyOf(account), after) > 0) : 0;
  const from = start === -1 ? sorted.length : start;
  const items = sorted.slice(from, from + limit);
  const last = items.at(-1);
  return {
    items,
    current_page: Math.floor(from / limit) + 1,
    total_items: sorted.length,
    total_pages: Math.max(1, Math.ceil(sorted.length / limit)),
    next_cursor: last && from + limit < sorted.length ? encodeKey(keyOf(last)) : null,
  };
}

function oneOf<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  if (!allowed.includes(value as T)) throw new HttpError(400, `"${name}" must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** The answer of `POST /connected_accounts/link`: the Connect Link and when it stops working. */
function linkResponse(ctx: EmulatorContext, result: { account: Account; link: { token: string; createdAt: string } }) {
  return {
    link_token: result.link.token,
    redirect_url: `${ctx.publicUrl}/link/${result.link.token}`,
    connected_account_id: result.account.id,
    expires_at: new Date(Date.parse(result.link.createdAt) + ctx.config.linkTtlMs).toISOString(),
  };
}

/** The API key of an `initiate()` `config`, under the names Composio's API-key schemes use. */
function apiKeyOf(state: unknown): string | null {
  const val = (state as { val?: Record<string, unknown> } | undefined)?.val;
  const key = val?.generic_api_key ?? val?.api_key;
  return typeof key === 'string' && key.trim() ? key.trim() : null;
}

export const accountRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/connected_accounts$/,
    handle(ctx, _req, res, _params, query) {
      const userIds = listParam(query, 'user_ids');
      const toolkits = listParam(query, 'toolkit_slugs').map((slug) => slug.toLowerCase());
      const statuses = listParam(query, 'statuses');
      const invalid = statuses.filter((status) => !ACCOUNT_STATUSES.includes(status as AccountStatus));
      if (invalid.length > 0) {
        throw new HttpError(400, `Invalid statuses: ${invalid.join(', ')} (allowed: ${ACCOUNT_STATUSES.join(', ')})`);
      }
      const authConfigs = listParam(query, 'auth_config_ids');
      const ids = listParam(query, 'connected_account_ids');
      const orderBy = oneOf(query, 'order_by', ['created_at', 'updated_at'] as const, 'created_at');
      const direction = oneOf(query, 'order_direction', ['asc', 'desc'] as const, 'desc');
      const matching = Object.values(ctx.store.state.accounts)
        .filter((account) => userIds.length === 0 || userIds.includes(account.userId))
        .filter((account) => toolkits.length === 0 || toolkits.includes(account.toolkit))
        .filter((account) => statuses.length === 0 || statuses.includes(account.status))
        .filter((account) => authConfigs.length === 0 || authConfigs.includes(account.authConfigId))
        .filter((account) => ids.length === 0 || ids.includes(account.id));
      const result = keysetPage(
        matching,
        query,
        orderBy === 'updated_at' ? 'updatedAt' : 'createdAt',
        direction === 'asc',
      );
      sendJson(res, 200, { ...result, items: result.items.map((account) => accountOut(ctx, account)) });
    },
  },
  {
    method: 'POST',
    pattern: /^\/connected_accounts\/link$/,
    async handle(ctx, req, res) {
      const body = await readJson(req);
      const userId = requireString(body, 'user_id');
      const authConfigId = requireString(body, 'auth_config_id');
      const config = ctx.store.state.authConfigs[authConfigId];
      if (!config) throw new HttpError(404, `Auth config ${authConfigId} not found`);
      const toolkit = requireToolkit(ctx, config.toolkit);
      const callbackUrl = optionalString(body, 'callback_url');
      const alias = optionalString(body, 'alias');
      const result = await ctx.store.mutate((state) =>
        createPendingAccount(state, {
          userId,
          toolkit,
          authConfig: authConfigFor(state, toolkit, authConfigId),
          callbackUrl,
          alias,
        }),
      );
      sendJson(res, 201, linkResponse(ctx, result));
    },
  },
  {
    method: 'POST',
    pattern: /^\/connected_accounts$/,
    async handle(ctx, req, res) {
      const body = await readJson(req);
      const authConfigId = (body.auth_config as { id?: unknown } | undefined)?.id;
      if (typeof authConfigId !== 'string') throw new HttpError(400, '"auth_config.id" is required');
      const connection = (body.connection ?? {}) as Record<string, unknown>;
      const userId = requireString(connection, 'user_id');
      const config = ctx.store.state.authConfigs[authConfigId];
      if (!config) throw new HttpError(404, `Auth config ${authConfigId} not found`);
      const toolkit = requireToolkit(ctx, config.toolkit);
      // Composio retired this endpoint for Composio-managed OAuth (cutover 2026-07-03 for every
      // organisation, per the SDK's own deprecation notice); the SDK maps this exact message to
      // ComposioLegacyConnectedAccountsEndpointRetiredError.
      if (config.isComposioManaged && config.authScheme === 'OAUTH2') {
        throw new HttpError(
          400,
          'Creating connected accounts for Composio-managed OAuth is no longer supported on this endpoint. Use POST /api/v3/connected_accounts/link instead.',
        );
      }
      const callbackUrl = optionalString(connection, 'callback_url');
      const alias = optionalString(connection, 'alias');
      const apiKey = config.authScheme === 'API_KEY' ? apiKeyOf(connection.state) : null;
      const { account, link } = await ctx.store.mutate((state) => {
        const created = createPendingAccount(state, {
          userId,
          toolkit,
          authConfig: authConfigFor(state, toolkit, authConfigId),
          callbackUrl,
          alias,
        });
        if (apiKey) {
          // A key given up front connects at once; there is nothing for the user to approve.
          created.account.status = 'ACTIVE';
          created.account.displayName = `API key •••• ${apiKey.slice(-4)}`;
          delete state.links[created.link.token];
        }
        // initiate()'s callback gets camelCase parameters, unlike link() and authorize() (Composio's docs, "Callback URL").
        created.link.callbackCase = 'camel';
        return created;
      });
      const redirectUrl = account.status === 'INITIATED' ? `${ctx.publicUrl}/link/${link.token}` : null;
      sendJson(res, 201, {
        id: account.id,
        connectionData: {
          authScheme: account.authScheme,
          val: { status: account.status, ...(redirectUrl ? { redirectUrl } : {}) },
        },
        status: account.status,
        redirect_url: redirectUrl,
        redirect_uri: redirectUrl,
        deprecated: { authConfigUuid: config.id, uuid: account.id },
      });
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
    async handle(ctx, _req, res, [id], query) {
      liveAccount(ctx, id!);
      // Deleted accounts are gone at once: Composio answers 404 for them, and nothing here needs them again.
      await ctx.store.mutate((state) => {
        delete state.accounts[id!];
        for (const [token, link] of Object.entries(state.links)) if (link.accountId === id) delete state.links[token];
      });
      // `revoke_on_delete=true` starts Composio's background revoke job; there is no provider here to revoke at.
      const revoke = query.get('revoke_on_delete') === 'true';
      sendJson(res, 200, { success: true, ...(revoke ? { revoke_job_id: newId('pj') } : {}) });
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/connected_accounts\/([^/]+)$/,
    async handle(ctx, req, res, [id]) {
      const account = liveAccount(ctx, id!);
      const body = await readJson(req);
      // Only renaming is emulated; new credentials and shared-account ACLs are not.
      const unsupported = Object.keys(body).filter((key) => key !== 'alias');
      if (unsupported.length > 0) {
        throw new HttpError(
          404,
          `PATCH /connected_accounts/{id} with ${unsupported.join(', ')}: the emulator does not implement it`,
        );
      }
      if (typeof body.alias !== 'string') throw new HttpError(400, '"alias" must be a string ("" clears it)');
      const alias = body.alias.trim() || null;
      await ctx.store.mutate((state) => {
        requireUniqueAlias(state, account.userId, account.toolkit, alias, account.id);
        account.alias = alias;
        account.updatedAt = new Date().toISOString();
      });
      sendJson(res, 200, { id: account.id, status: account.status, success: true });
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
      await ctx.store.mutate(() => {
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
      const link = await ctx.store.mutate((state) => {
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
];
