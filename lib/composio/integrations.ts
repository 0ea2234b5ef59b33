import 'server-only';
import { after } from 'next/server';
import { cache } from 'react';
import { getSignedInUser } from '@/lib/auth/current-user';
import { UserFacingError } from '@/lib/errors';
import { toolkitConfig } from '@/lib/toolkits';
import { accountLabel, deleteConnectedAccounts } from './accounts';
import { composioRead } from './call';
import { getOfferedCatalog, toolkitInfo, type ToolkitInfo } from './catalog';
import { composio } from './client';
import { connectionTestView, loadTestFailures, type ConnectionTestView } from '../connection-test/flow';
import { readPendingAttempts } from './pending-attempt';
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
  /** The Connect Link to reopen a pending attempt started in this browser (in any of its tabs). */
  resumeUrl: string | null;
  /** Test button data, for an account Composio reports ACTIVE whose toolkit has a who-am-I tool. */
  connectionTest: ConnectionTestView | null;
};

export type ToolkitView = ToolkitInfo & {
  required: boolean;
  reason: string;
  status: ConnectionStatus;
  accounts: AccountView[];
};

/**
 * The signed-in user's integrations, or why they cannot be shown (a message
 * for the user). With TOOLKITS_SHOW_ALL, `catalogCursor` says where the
 * catalog continues after the toolkits listed (search and Show more fetch the rest).
 */
export type IntegrationsResult =
  { ok: true; toolkits: ToolkitView[]; catalogCursor: string | null } | { ok: false; error: string };

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

/**
 * Everything the integrations page shows for the signed-in user: one Composio
 * request (their accounts), one database query (their failed connection
 * tests) and the cached catalog, fetched in parallel. Once
 * per request however many components ask; a Composio outage or an ended
 * session comes back as a message, anything else is a bug and propagates.
 */
export const loadIntegrations = cache(async (): Promise<IntegrationsResult> => {
  try {
    return { ok: true, ...(await readIntegrations((await getSignedInUser()).id)) };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    throw error;
  }
});

/**
 * Accounts in a stable order: the unnamed one first, then by name, then the
 * oldest first. Not by creation date alone: Reconnect creates a new account
 * (with the old one's name) in place of the old, and it must keep its place.
 */
function byListPosition(a: AccountView, b: AccountView): number {
  if ((a.alias === null) !== (b.alias === null)) return a.alias === null ? -1 : 1;
  return (a.alias ?? '').localeCompare(b.alias ?? '') || a.since.localeCompare(b.since);
}

async function readIntegrations(userId: string): Promise<{ toolkits: ToolkitView[]; catalogCursor: string | null }> {
  const [offered, accounts, attempts, testFailures] = await Promise.all([
    getOfferedCatalog(),
    listAccounts(userId),
    readPendingAttempts(),
    loadTestFailures(userId),
  ]);
  const startedHere = new Map(
    attempts
      .filter((attempt) => attempt.userId === userId && !attempt.confirmed)
      .map((attempt) => [attempt.accountId, attempt]),
  );
  const now = Date.now();
  const visible: AccountView[] = [];
  const abandoned: string[] = [];

  for (const account of accounts) {
    const connectionTest =
      account.status === 'ACTIVE'
        ? connectionTestView(userId, { id: account.id, toolkit: account.toolkit.slug }, testFailures)
        : null;
    // Composio says ACTIVE, but the last test found it broken: it needs attention like a failed one.
    const status = connectionTest?.failure ? 'failed' : toConnectionStatus(account.status, account.createdAt, now);
    const attempt = startedHere.get(account.id);
    if (account.status === 'INITIATED' || account.status === 'INITIALIZING') {
      if (isAbandoned(account.createdAt, now)) abandoned.push(account.id);
      // Only attempts this browser can finish are pending; another browser's fresh attempt is not ours to show.
      if (status !== 'pending' || !attempt) continue;
    }
    visible.push({
      id: account.id,
      toolkit: account.toolkit.slug,
      status,
      label: accountLabel(account),
      alias: account.alias ?? null,
      since: account.createdAt,
      resumeUrl: status === 'pending' && attempt ? attempt.connectUrl : null,
      connectionTest,
    });
  }

  if (abandoned.length > 0) after(() => deleteConnectedAccounts(abandoned, 'abandoned'));

  const accountsByToolkit = new Map<string, AccountView[]>();
  for (const account of visible) {
    const list = accountsByToolkit.get(account.toolkit);
    if (list) list.push(account);
    else accountsByToolkit.set(account.toolkit, [account]);
  }
  // With the whole catalog on offer, an account may be for a toolkit beyond the first page (found by search): its
  // details come from the cache too (a Composio request only the first time anyone has it).
  const listed = new Set(offered.toolkits.map((toolkit) => toolkit.slug));
  const beyond = (
    await Promise.all(
      [...accountsByToolkit.keys()].filter((slug) => !listed.has(slug)).map((slug) => toolkitInfo(slug)),
    )
  ).filter((info) => info !== null);

  const toolkits = [...offered.toolkits, ...beyond].map((info) => {
    const config = toolkitConfig(info.slug);
    const toolkitAccounts = (accountsByToolkit.get(info.slug) ?? []).sort(byListPosition);
    return {
      ...info,
      required: config?.required === true,
      reason: config?.reason ?? info.description,
      status: summariseStatuses(toolkitAccounts.map((account) => account.status)),
      accounts: toolkitAccounts,
    };
  });
  return { toolkits, catalogCursor: offered.nextCursor };
}
