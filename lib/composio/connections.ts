import 'server-only';
import { after } from 'next/server';
import { cache } from 'react';
import { z } from 'zod';
import { env } from '@/lib/env';
import type { Flash } from '@/lib/flash';
import { toolkitConfig } from '@/lib/toolkits';
import { ComposioCallError, composioRead, composioWrite } from './call';
import { getOfferedToolkits, isOfferedToolkit, type ToolkitInfo } from './catalog';
import { composio } from './client';
import { attemptExpiry, clearPendingAttempt, readPendingAttempt, savePendingAttempt } from './pending-attempt';
import { isAbandoned, summariseStatuses, toConnectionStatus, type ConnectionStatus } from './status';

/** One connected account, shaped for the UI: no tokens, no raw SDK objects. */
export type AccountView = {
  id: string;
  toolkit: string;
  status: ConnectionStatus;
  /** Who the account is connected as, e.g. "demo@gmail.example", when Composio tells us. */
  label: string | null;
  alias: string | null;
  /** ISO date the account was created. */
  since: string;
  /** The Connect Link to reopen a pending attempt started in this browser. */
  resumeUrl: string | null;
};

export type ToolkitView = ToolkitInfo & {
  required: boolean;
  reason: string;
  status: ConnectionStatus;
  accounts: AccountView[];
};

const ACCOUNTS_PAGE_LIMIT = 100;
const ACCOUNTS_MAX = 1000;

type Account = Awaited<ReturnType<ReturnType<typeof composio>['connectedAccounts']['list']>>['items'][number];

async function listAccounts(userId: string): Promise<Account[]> {
  const accounts: Account[] = [];
  let cursor: string | undefined;
  do {
    const page = await composioRead('connectedAccounts.list', () =>
      composio().connectedAccounts.list({ userIds: [userId], limit: ACCOUNTS_PAGE_LIMIT, cursor }),
    );
    accounts.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && accounts.length < ACCOUNTS_MAX);
  return accounts;
}

function accountLabel(account: Account): string | null {
  if (account.alias) return account.alias;
  // `data` is Composio's legacy credential record: read display fields only, never pass it on.
  for (const key of ['email', 'display_name', 'username'] as const) {
    const value = account.data?.[key];
    if (typeof value === 'string' && value.length > 0) return value.slice(0, 120);
  }
  return null;
}

/**
 * Everything the integrations page shows for a user: one Composio request
 * (the user's accounts) plus the cached catalog, fetched in parallel.
 */
export const getIntegrations = cache(async (userId: string): Promise<ToolkitView[]> => {
  const [catalog, accounts, attempt] = await Promise.all([
    getOfferedToolkits(),
    listAccounts(userId),
    readPendingAttempt(),
  ]);
  const now = Date.now();
  const visible: AccountView[] = [];
  const abandoned: string[] = [];

  for (const account of accounts) {
    const status = toConnectionStatus(account.status, account.createdAt, now);
    const startedHere = attempt?.userId === userId && attempt.accountId === account.id;
    if (account.status === 'INITIATED' || account.status === 'INITIALIZING') {
      if (isAbandoned(account.createdAt, now)) abandoned.push(account.id);
      // Only the attempt this browser can finish is pending; another tab's fresh attempt is not ours to show.
      if (status !== 'pending' || !startedHere) continue;
    }
    visible.push({
      id: account.id,
      toolkit: account.toolkit.slug,
      status,
      label: accountLabel(account),
      alias: account.alias ?? null,
      since: account.createdAt,
      resumeUrl: status === 'pending' && startedHere ? attempt.connectUrl : null,
    });
  }

  if (abandoned.length > 0) after(() => deleteAccountsQuietly(abandoned));

  const accountsByToolkit = new Map<string, AccountView[]>();
  for (const account of visible) {
    const list = accountsByToolkit.get(account.toolkit);
    if (list) list.push(account);
    else accountsByToolkit.set(account.toolkit, [account]);
  }
  return catalog.map((info) => {
    const config = toolkitConfig(info.slug);
    const toolkitAccounts = (accountsByToolkit.get(info.slug) ?? []).sort((a, b) => a.since.localeCompare(b.since));
    return {
      ...info,
      required: config?.required === true,
      reason: config?.reason ?? info.description,
      status: summariseStatuses(toolkitAccounts.map((account) => account.status)),
      accounts: toolkitAccounts,
    };
  });
});

async function deleteAccountsQuietly(accountIds: string[]): Promise<void> {
  await Promise.allSettled(
    accountIds.map((id) =>
      composioWrite('connectedAccounts.delete(abandoned)', () => composio().connectedAccounts.delete(id)),
    ),
  );
}

/** The toolkit's display name from the cached catalog, falling back to its slug. */
export async function toolkitName(slug: string): Promise<string> {
  const catalog = await getOfferedToolkits().catch(() => []);
  return catalog.find((toolkit) => toolkit.slug === slug)?.name ?? slug;
}

export function composioCallbackUrl(): string {
  return new URL('/api/composio/callback', env().appUrl).toString();
}

/**
 * Starts a Connect Link flow: a Composio session for this user with only this
 * toolkit and manual authorization (manageConnections: false), then
 * `session.authorize()`. Records the attempt in the signed cookie and returns
 * the Connect Link to send the browser to. Two Composio requests.
 */
export async function startConnection(input: {
  userId: string;
  toolkit: string;
  alias?: string;
  returnTo: string;
  replaces?: string;
}): Promise<string> {
  if (!(await isOfferedToolkit(input.toolkit))) throw new UnknownToolkitError();
  const client = composio();
  const authConfigId = toolkitConfig(input.toolkit)?.authConfigId;
  const session = await composioWrite('sessions.create', () =>
    client.create(input.userId, {
      toolkits: [input.toolkit],
      manageConnections: false,
      ...(authConfigId ? { authConfigs: { [input.toolkit]: authConfigId } } : {}),
    }),
  );
  const request = await composioWrite('session.authorize', () =>
    session.authorize(input.toolkit, { callbackUrl: composioCallbackUrl(), alias: input.alias }),
  );
  const connectUrl = request.redirectUrl;
  if (!request.id || !connectUrl || !/^https?:\/\//.test(connectUrl)) {
    throw new ComposioCallError('rejected', 'session.authorize', { cause: new Error('No Connect Link returned') });
  }
  await savePendingAttempt({
    accountId: request.id,
    toolkit: input.toolkit,
    userId: input.userId,
    expiresAt: attemptExpiry(Date.now()),
    returnTo: input.returnTo,
    connectUrl,
    replaces: input.replaces,
  });
  return connectUrl;
}

export type OwnedAccount = { id: string; toolkit: string; status: string };

/**
 * The account, if it exists and belongs to this user; otherwise null. Uses the
 * HTTP client because the core SDK drops `user_id` from accounts (composio-api.md §4.0).
 */
export async function getOwnedAccount(userId: string, accountId: string): Promise<OwnedAccount | null> {
  try {
    const account = await composioRead('connectedAccounts.get', () =>
      composio().getClient().connectedAccounts.retrieve(accountId),
    );
    if (account.user_id !== userId) return null;
    return { id: account.id, toolkit: account.toolkit.slug, status: account.status };
  } catch (error) {
    if (error instanceof ComposioCallError && error.failure === 'not_found') return null;
    throw error;
  }
}

export class UnknownToolkitError extends Error {
  override name = 'UnknownToolkitError';
  constructor() {
    super('Unknown toolkit. Nothing was changed.');
  }
}

export class NotOwnedError extends Error {
  override name = 'NotOwnedError';
  constructor() {
    super("That connection doesn't exist or belongs to another account. Nothing was changed.");
  }
}

async function requireOwnedAccount(userId: string, accountId: string): Promise<OwnedAccount> {
  const account = await getOwnedAccount(userId, accountId);
  if (!account) throw new NotOwnedError();
  return account;
}

export async function disconnectAccount(userId: string, accountId: string): Promise<OwnedAccount> {
  const account = await requireOwnedAccount(userId, accountId);
  await composioWrite('connectedAccounts.delete', () => composio().connectedAccounts.delete(account.id));
  return account;
}

export async function setAccountEnabled(userId: string, accountId: string, enabled: boolean): Promise<OwnedAccount> {
  const account = await requireOwnedAccount(userId, accountId);
  const accounts = composio().connectedAccounts;
  await composioWrite(enabled ? 'connectedAccounts.enable' : 'connectedAccounts.disable', () =>
    enabled ? accounts.enable(account.id) : accounts.disable(account.id),
  );
  return account;
}

/** Cancels this browser's pending attempt: deletes the unfinished account and forgets the attempt. */
export async function cancelAttempt(userId: string, accountId: string): Promise<OwnedAccount> {
  const account = await requireOwnedAccount(userId, accountId);
  if (account.status !== 'INITIATED' && account.status !== 'INITIALIZING') throw new NotOwnedError();
  await composioWrite('connectedAccounts.delete(cancelled)', () => composio().connectedAccounts.delete(account.id));
  const attempt = await readPendingAttempt();
  if (attempt?.accountId === account.id) await clearPendingAttempt();
  return account;
}

/** Connected-account ids as Composio issues them (`ca_…`); anything else is refused before any request. */
export const accountIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Invalid connection id');

const callbackQuerySchema = z.object({
  status: z.enum(['success', 'failed']),
  connected_account_id: accountIdSchema,
});

export type CallbackQuery = z.infer<typeof callbackQuerySchema>;

/** The two parameters Composio appends to the callback URL, each exactly once; null for anything else. */
export function parseCallbackQuery(params: URLSearchParams): CallbackQuery | null {
  if (params.getAll('status').length !== 1 || params.getAll('connected_account_id').length !== 1) return null;
  const parsed = callbackQuerySchema.safeParse({
    status: params.get('status'),
    connected_account_id: params.get('connected_account_id'),
  });
  return parsed.success ? parsed.data : null;
}

/**
 * Confirms a return from the Connect Link. Trusts nothing in the query: the
 * account id must match this browser's signed attempt for this user, and the
 * outcome is what Composio reports for that account, not what the URL says.
 */
export async function confirmCallback(
  userId: string,
  query: CallbackQuery | null,
): Promise<{ returnTo: string; flash: Flash }> {
  const attempt = await readPendingAttempt();
  const returnTo = attempt?.userId === userId ? attempt.returnTo : '/settings/integrations';
  const fail = (message: string) => ({ returnTo, flash: { type: 'error', message } as const });

  if (!query) return fail('The response from the connection page was not understood. Nothing was changed.');
  if (!attempt) {
    return fail(
      'This connection attempt has expired or was started in another browser. Nothing was changed; please connect again.',
    );
  }
  if (attempt.userId !== userId) {
    await clearPendingAttempt();
    return fail('This connection was started by a different account. Nothing was changed.');
  }
  if (attempt.accountId !== query.connected_account_id) {
    return fail("That response doesn't match the connection you started. Nothing was changed.");
  }

  await clearPendingAttempt();
  const name = await toolkitName(attempt.toolkit);
  let account: OwnedAccount | null;
  try {
    account = await getOwnedAccount(userId, attempt.accountId);
  } catch (error) {
    return fail(
      `${name} could not be verified: ${error instanceof ComposioCallError ? error.message : 'unexpected error.'}`,
    );
  }
  if (!account || account.toolkit !== attempt.toolkit)
    return fail(`${name} could not be verified. Nothing was changed.`);

  if (account.status === 'ACTIVE') {
    if (attempt.replaces) await replaceAccount(userId, attempt.replaces);
    return { returnTo, flash: { type: 'success', message: `${name} connected` } };
  }
  if (query.status === 'failed' && (account.status === 'FAILED' || account.status === 'INITIATED')) {
    // The person declined or the provider refused: remove the dead attempt so the toolkit reads "Not connected".
    await composioWrite('connectedAccounts.delete(failed attempt)', () =>
      composio().connectedAccounts.delete(account.id),
    ).catch(() => undefined);
    return fail(`${name} was not connected. You can try again whenever you like.`);
  }
  return fail(`${name} could not be verified as connected. Nothing was changed.`);
}

/** After a reconnect succeeds, the expired or failed account it replaces goes away: no duplicates left behind. */
async function replaceAccount(userId: string, accountId: string): Promise<void> {
  try {
    const old = await getOwnedAccount(userId, accountId);
    if (old && old.status !== 'ACTIVE') {
      await composioWrite('connectedAccounts.delete(replaced)', () => composio().connectedAccounts.delete(old.id));
    }
  } catch {
    // Logged by the call wrapper; the new connection stands either way.
  }
}
