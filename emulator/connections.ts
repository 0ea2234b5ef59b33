import type { EmulatorContext } from './api';
import type { CatalogToolkit } from './catalog';
import { HttpError } from './http';
import { accountJson } from './serialize';
import { newId, type Account, type AuthConfig, type Link, type State } from './store';

/** Composio's numeric code for "connected account not found" (the only one it documents). */
export const ACCOUNT_NOT_FOUND_CODE = 1803;

function findToolkit(ctx: EmulatorContext, slug: string): CatalogToolkit | undefined {
  const wanted = slug.toLowerCase();
  return ctx.catalog.find((toolkit) => toolkit.slug === wanted);
}

export function requireToolkit(ctx: EmulatorContext, slug: string, status = 400): CatalogToolkit {
  const toolkit = findToolkit(ctx, slug);
  if (!toolkit) throw new HttpError(status, `Toolkit "${slug}" does not exist`);
  return toolkit;
}

export function liveAccount(ctx: EmulatorContext, id: string): Account {
  const account = ctx.store.state.accounts[id];
  if (!account) throw new HttpError(404, `Connected account ${id} not found`, ACCOUNT_NOT_FOUND_CODE);
  return account;
}

export function requireAuthConfig(ctx: EmulatorContext, id: string, status = 404): AuthConfig {
  const config = ctx.store.state.authConfigs[id];
  if (!config) throw new HttpError(status, `Auth config ${id} not found`);
  return config;
}

function connectUrlFor(ctx: EmulatorContext, accountId: string): string | null {
  const link = Object.values(ctx.store.state.links).find(
    (candidate) => candidate.accountId === accountId && !candidate.used,
  );
  return link ? `${ctx.publicUrl}/link/${link.token}` : null;
}

export function accountOut(ctx: EmulatorContext, account: Account) {
  return accountJson(account, connectUrlFor(ctx, account.id), accountAuthConfig(ctx.store.state, account));
}

/** The auth config an account was made under, deleted or not. */
export function accountAuthConfig(state: State, account: Account): AuthConfig | undefined {
  return state.authConfigs[account.authConfigId] ?? state.deletedAuthConfigs[account.authConfigId];
}

/**
 * The auth config a new connection of `toolkit` uses: the given one (which
 * must exist, belong to the toolkit and be enabled), else the toolkit's
 * Composio-managed default, created on first use as Composio does.
 * Call inside `store.mutate`.
 */
export function authConfigFor(state: State, toolkit: CatalogToolkit, requestedId?: string): AuthConfig {
  // Checked first, so that a refused request leaves no default auth config behind.
  if (toolkit.authScheme === 'NO_AUTH') {
    throw new HttpError(400, `Toolkit "${toolkit.slug}" does not require authentication`);
  }
  if (requestedId) {
    const config = state.authConfigs[requestedId];
    if (!config) throw new HttpError(400, `Auth config ${requestedId} not found`);
    if (config.toolkit !== toolkit.slug) {
      throw new HttpError(400, `Auth config ${requestedId} belongs to "${config.toolkit}", not "${toolkit.slug}"`);
    }
    if (config.status === 'DISABLED') throw new HttpError(400, `Auth config ${requestedId} is disabled`);
    return config;
  }
  const existing = Object.values(state.authConfigs)
    .filter((config) => config.toolkit === toolkit.slug && config.isComposioManaged && config.status === 'ENABLED')
    .sort((a, b) => a.seq - b.seq)[0];
  if (existing) return existing;
  return createAuthConfig(state, toolkit, { isComposioManaged: true });
}

export function createAuthConfig(
  state: State,
  toolkit: CatalogToolkit,
  options: { isComposioManaged: boolean; name?: string; authScheme?: string; scopes?: string[] },
): AuthConfig {
  const now = new Date().toISOString();
  state.seq += 1;
  const config: AuthConfig = {
    id: newId('ac'),
    seq: state.seq,
    toolkit: toolkit.slug,
    name: options.name ?? `${toolkit.name} ${options.isComposioManaged ? 'Auth Config' : 'Custom Auth Config'}`,
    authScheme: options.authScheme ?? (toolkit.authScheme === 'NO_AUTH' ? 'NO_AUTH' : toolkit.authScheme),
    isComposioManaged: options.isComposioManaged,
    status: 'ENABLED',
    scopes: options.scopes ?? [],
    hasCustomCredentials: !options.isComposioManaged,
    createdAt: now,
    updatedAt: now,
  };
  state.authConfigs[config.id] = config;
  return config;
}

/**
 * A new INITIATED account and its Connect Link, as every connection flow
 * (session link, `connected_accounts/link`, OAuth `initiate`) creates them,
 * under an auth config from `authConfigFor`. Call inside `store.mutate`.
 */
export function createPendingAccount(
  state: State,
  input: {
    userId: string;
    toolkit: CatalogToolkit;
    authConfig: AuthConfig;
    callbackUrl: string | null;
    alias: string | null;
  },
) {
  requireUniqueAlias(state, input.userId, input.toolkit.slug, input.alias);
  const now = new Date().toISOString();
  state.seq += 1;
  const account: Account = {
    id: newId('ca'),
    seq: state.seq,
    userId: input.userId,
    toolkit: input.toolkit.slug,
    authConfigId: input.authConfig.id,
    authScheme: input.authConfig.authScheme,
    status: 'INITIATED',
    statusReason: null,
    alias: input.alias,
    displayName: null,
    createdAt: now,
    updatedAt: now,
  };
  state.accounts[account.id] = account;
  const link: Link = {
    token: newId('ln'),
    accountId: account.id,
    callbackUrl: input.callbackUrl,
    createdAt: now,
    used: false,
  };
  state.links[link.token] = link;
  return { account, link };
}

/**
 * An alias names one account of a user's toolkit: Composio refuses a second
 * with the same alias (`@composio/client`: "must be unique per entity and
 * toolkit"), whatever the first one's status, until it is deleted or renamed.
 */
export function requireUniqueAlias(
  state: State,
  userId: string,
  toolkit: string,
  alias: string | null,
  exceptId?: string,
): void {
  if (alias === null) return;
  const taken = Object.values(state.accounts).find(
    (account) =>
      account.userId === userId && account.toolkit === toolkit && account.alias === alias && account.id !== exceptId,
  );
  if (taken) {
    throw new HttpError(400, `The alias "${alias}" is already used by ${toolkit} account ${taken.id} of this user`);
  }
}

/** The identity a connected account shows, consistent across the Connect Link page and the who-am-I tools. */
export function emulatedEmail(toolkitSlug: string): string {
  return `demo@${toolkitSlug}.example`;
}

export function optionalString(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new HttpError(400, `"${key}" must be a string`);
  return value || null;
}

export function requireString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.length === 0) throw new HttpError(400, `"${key}" is required`);
  return value;
}
