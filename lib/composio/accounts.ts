import 'server-only';
import { z } from 'zod';
import { getSignedInUser } from '@/lib/auth/current-user';
import { recordActivity } from '@/lib/activity/activity';
import type { ActivityKind } from '@/lib/activity/queries';
import { forgetConnection, recordConnection, recordConnectionStatus } from '@/lib/connections/connections';
import { UserFacingError } from '@/lib/errors';
import { ComposioCallError, composioRead, composioWrite } from './call';
import { composio } from './client';
import { forgetTestFailure } from '../connection-test/flow';
import { removePendingAttempt } from './pending-attempt';

/** Connected-account ids as Composio issues them (`ca_…`); anything else is refused before any request. */
export const accountIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Invalid connection id');

export type OwnedAccount = {
  id: string;
  userId: string;
  toolkit: string;
  status: string;
  label: string | null;
  alias: string | null;
  /** ISO date Composio created the account. */
  createdAt: string;
};

/** The fields the app keeps of a connected account as Composio answers it (a `retrieve`, or a completed verification). */
export function ownedAccount(account: {
  id: string;
  user_id: string;
  status: string;
  created_at: string;
  toolkit: { slug: string };
  alias?: string | null;
  data?: Record<string, unknown> | null;
}): OwnedAccount {
  return {
    id: account.id,
    userId: account.user_id,
    toolkit: account.toolkit.slug,
    status: account.status,
    label: accountLabel(account),
    alias: account.alias ?? null,
    createdAt: account.created_at,
  };
}

/**
 * How an account is listed everywhere (card, menu, dialogs, Activity): its name and who it is connected as,
 * "work · ada@work.example"; either alone when Composio has only one; null when it has neither.
 */
export function accountLabel(account: { alias?: string | null; data?: Record<string, unknown> | null }): string | null {
  const identity = accountIdentity(account.data);
  if (account.alias && identity && identity !== account.alias) return `${account.alias} · ${identity}`;
  return account.alias || identity;
}

/** Who the account is connected as: a display field Composio keeps ("demo@gmail.example"), if any. */
function accountIdentity(data: Record<string, unknown> | null | undefined): string | null {
  // `data` is Composio's legacy credential record: read display fields only, never pass it on.
  for (const key of ['email', 'display_name', 'username'] as const) {
    const value = data?.[key];
    if (typeof value === 'string' && value.length > 0) return value.slice(0, 120);
  }
  return null;
}

/**
 * Records what just happened to `account`, as the user did it; called only after Composio confirmed it.
 * `viaVerifier`: a connection Composio's identity verifier completed (the setup page reports the last one).
 */
export function recordAccountActivity(
  account: OwnedAccount,
  kind: ActivityKind,
  options: { viaVerifier?: boolean } = {},
): Promise<boolean> {
  return recordActivity({
    userId: account.userId,
    toolkit: account.toolkit,
    connectedAccountId: account.id,
    accountLabel: account.label,
    kind,
    source: 'user',
    ...(options.viaVerifier ? { viaVerifier: true } : {}),
  });
}

/**
 * The account, if it exists and belongs to this user; otherwise null. Asks
 * Composio, never the connections table: this is the ownership check before
 * any change. What it learns updates the table (an account found missing
 * leaves it). Uses the HTTP client because the core SDK drops `user_id` when
 * it maps an account to camelCase.
 */
export async function getOwnedAccount(userId: string, accountId: string): Promise<OwnedAccount | null> {
  const at = new Date();
  try {
    const account = await composioRead('connectedAccounts.get', () =>
      composio().getClient().connectedAccounts.retrieve(accountId),
    );
    if (account.user_id !== userId) return null;
    const owned = ownedAccount(account);
    await recordConnection(owned, at);
    return owned;
  } catch (error) {
    if (error instanceof ComposioCallError && error.failure === 'not_found') {
      await forgetConnection(userId, accountId);
      return null;
    }
    throw error;
  }
}

/** The signed-in user's account, or the user-facing "not yours" error: someone else's id and a missing one read the same. */
async function requireOwnedAccount(accountId: string): Promise<OwnedAccount> {
  const user = await getSignedInUser();
  const account = await getOwnedAccount(user.id, accountId);
  if (!account) throw new UserFacingError('not_owned');
  return account;
}

/** Deletes an account at Composio; `why` names the flow in the server log. Callers check ownership first. */
export async function deleteConnectedAccount(accountId: string, why?: string): Promise<void> {
  await composioWrite(why ? `connectedAccounts.delete(${why})` : 'connectedAccounts.delete', () =>
    composio().connectedAccounts.delete(accountId),
  );
}

/** Housekeeping deletes: each failure is logged by the call wrapper and none stops the others. */
export async function deleteConnectedAccounts(accountIds: string[], why: string): Promise<void> {
  await Promise.allSettled(accountIds.map((id) => deleteConnectedAccount(id, why)));
}

export async function disconnectAccount(accountId: string): Promise<OwnedAccount> {
  const account = await requireOwnedAccount(accountId);
  await deleteConnectedAccount(account.id);
  await Promise.all([
    forgetConnection(account.userId, account.id),
    recordAccountActivity(account, 'disconnected'),
    forgetTestFailure(account.userId, account.id),
  ]);
  return account;
}

export async function setAccountEnabled(accountId: string, enabled: boolean): Promise<OwnedAccount> {
  const account = await requireOwnedAccount(accountId);
  const accounts = composio().connectedAccounts;
  const at = new Date();
  await composioWrite(enabled ? 'connectedAccounts.enable' : 'connectedAccounts.disable', () =>
    enabled ? accounts.enable(account.id) : accounts.disable(account.id),
  );
  await Promise.all([
    recordConnectionStatus(account.userId, account.id, enabled ? 'ACTIVE' : 'INACTIVE', at),
    recordAccountActivity(account, enabled ? 'enabled' : 'disabled'),
  ]);
  return account;
}

/** Cancels a pending attempt: deletes the unfinished account and forgets this browser's attempt for it (only that one). */
export async function cancelAttempt(accountId: string): Promise<OwnedAccount> {
  const account = await requireOwnedAccount(accountId);
  if (account.status !== 'INITIATED' && account.status !== 'INITIALIZING') throw new UserFacingError('not_owned');
  await deleteConnectedAccount(account.id, 'cancelled');
  await Promise.all([forgetConnection(account.userId, account.id), recordAccountActivity(account, 'cancelled')]);
  await removePendingAttempt(account.id);
  return account;
}

/**
 * After a reconnect succeeds, the expired or failed account it replaces goes away: no duplicates left behind.
 * An account whose connection test failed is ACTIVE at Composio yet broken, so it is replaced too.
 * Answers the account it deleted, or null when it deleted none.
 */
export async function deleteReplacedAccount(userId: string, accountId: string): Promise<OwnedAccount | null> {
  try {
    const old = await getOwnedAccount(userId, accountId);
    if (!old) return null;
    const failedTest = await forgetTestFailure(userId, old.id);
    if (old.status !== 'ACTIVE' || failedTest) {
      await deleteConnectedAccount(old.id, 'replaced');
      await forgetConnection(userId, old.id);
      return old;
    }
  } catch {
    // Logged by the call wrapper; the new connection stands either way.
  }
  return null;
}

/**
 * Gives a reconnected account the alias of the account it replaced. Composio
 * keeps an alias unique per user and toolkit, so the replacement is created
 * without it and named only once the old account is deleted. A failure is
 * logged by the call wrapper and leaves the account unnamed.
 */
export async function inheritAlias(account: OwnedAccount, alias: string): Promise<OwnedAccount> {
  const at = new Date();
  try {
    await composioWrite('connectedAccounts.patch(alias)', () =>
      composio().getClient().connectedAccounts.patch(account.id, { alias }),
    );
  } catch {
    return account;
  }
  const renamed = { ...account, alias, label: alias };
  await recordConnection(renamed, at);
  return renamed;
}
