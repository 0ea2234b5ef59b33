import 'server-only';
import { after } from 'next/server';
import { cache } from 'react';
import { getSignedInUser } from '@/lib/auth/current-user';
import { UserFacingError } from '@/lib/errors';
import { toolkitConfig } from '@/lib/toolkits';
import {
  connectionsFingerprint,
  forgetConnection,
  readConnections,
  recordConnectionList,
  STALE_AFTER_MS,
  type ConnectionRecord,
} from '@/lib/connections/connections';
import { accountLabel, deleteConnectedAccounts } from './accounts';
import { ComposioCallError, composioRead } from './call';
import { catalogToolkit, getOfferedCatalog, toolkitInfo, type ToolkitInfo } from './catalog';
import { composio } from './client';
import { connectionTestView, loadTestFailures, type ConnectionTestView } from '../connection-test/flow';
import { whoAmITools } from '../connection-test/who-am-i';
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
  /**
   * The app offers it (lib/toolkits.ts, or the whole catalog with TOOLKITS_SHOW_ALL). False for a toolkit the user
   * has accounts for that the list no longer holds: shown apart, to disconnect, never to connect again.
   */
  offered: boolean;
  required: boolean;
  reason: string;
  /** Whether its accounts can be tested: the toolkit has a read-only who-am-I tool (lib/connection-test/who-am-i.ts). */
  testable: boolean;
  status: ConnectionStatus;
  accounts: AccountView[];
  /** Shown from the table, and Composio has not confirmed its accounts for a few minutes (a quiet "Checking…"). */
  stale?: boolean;
};

/**
 * Where the page's statuses come from: Composio itself, or the connections
 * table (the last-known state, dated), which the page then checks against
 * Composio once, sending back `fingerprint` to learn whether anything changed.
 */
export type Freshness = { source: 'composio' } | { source: 'table'; syncedAt: string; fingerprint: string };

/**
 * The signed-in user's integrations, or why they cannot be shown (a message
 * for the user). With TOOLKITS_SHOW_ALL, `catalogCursor` says where the
 * catalog continues after the toolkits listed (search and Show more fetch the rest).
 */
export type IntegrationsResult =
  | { ok: true; toolkits: ToolkitView[]; catalogCursor: string | null; freshness: Freshness }
  | { ok: false; error: string };

const ACCOUNTS_PAGE_LIMIT = 100;
const ACCOUNTS_MAX = 1000;

/** The user's accounts as Composio lists them now, and when the request left (what the table dates them by). */
async function listAccounts(userId: string): Promise<{ records: ConnectionRecord[]; at: Date }> {
  const at = new Date();
  const records: ConnectionRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await composioRead('connectedAccounts.list', () =>
      composio().connectedAccounts.list({ userIds: [userId], limit: ACCOUNTS_PAGE_LIMIT, cursor }),
    );
    for (const account of page.items) {
      records.push({
        id: account.id,
        userId,
        toolkit: account.toolkit.slug,
        status: account.status,
        alias: account.alias ?? null,
        label: accountLabel(account),
        createdAt: account.createdAt,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && records.length < ACCOUNTS_MAX);
  return { records, at };
}

/**
 * Reads the user's accounts from Composio and makes the connections table
 * agree (accounts gone at Composio disappear from it). Attempts abandoned
 * long ago are deleted at Composio after the response: only a fresh list, never
 * the table, decides that. Throws ComposioCallError when Composio cannot answer.
 */
async function syncAccounts(userId: string): Promise<ConnectionRecord[]> {
  const { records, at } = await listAccounts(userId);
  await recordConnectionList(userId, records, at);
  const now = Date.now();
  const abandoned = records.filter(
    (record) =>
      (record.status === 'INITIATED' || record.status === 'INITIALIZING') && isAbandoned(record.createdAt, now),
  );
  if (abandoned.length > 0) {
    after(async () => {
      await deleteConnectedAccounts(
        abandoned.map((record) => record.id),
        'abandoned',
      );
      await Promise.all(abandoned.map((record) => forgetConnection(userId, record.id)));
    });
  }
  return records;
}

/**
 * Everything the integrations page shows for the signed-in user, with no
 * Composio request once the user's accounts have been listed before: the
 * connections table (last-known state), their failed connection tests and the
 * cached catalog, read in parallel. The first time (or while the database
 * cannot be read) the accounts come from Composio itself, as one request.
 * Once per request however many components ask; a Composio outage or an ended
 * session comes back as a message, anything else is a bug and propagates.
 */
export const loadIntegrations = cache(async (): Promise<IntegrationsResult> => {
  try {
    const { id: userId } = await getSignedInUser();
    const stored = await readConnections(userId);
    if (stored?.syncedAt) {
      const now = Date.now();
      const stale = new Set(
        stored.connections.filter((row) => now - Date.parse(row.confirmedAt) > STALE_AFTER_MS).map((row) => row.id),
      );
      return {
        ok: true,
        ...(await readIntegrations(userId, stored.connections, stale)),
        freshness: {
          source: 'table',
          syncedAt: stored.syncedAt,
          fingerprint: connectionsFingerprint(stored.connections),
        },
      };
    }
    // Never listed, or the table cannot be read: Composio now, on the critical path (and its error state when down).
    return {
      ok: true,
      ...(await readIntegrations(userId, await syncAccounts(userId), new Set())),
      freshness: { source: 'composio' },
    };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    throw error;
  }
});

/** What the page's one look at Composio found: whether the page must be rendered again, or why it could not look. */
export type ConnectionsCheck = { ok: true; changed: boolean } | { ok: false; error: string };

/**
 * The page's check, after it painted from the table: lists the signed-in
 * user's accounts at Composio (one request), updates the table, and says
 * whether what the page showed (`shown`, its fingerprint) is still true.
 */
export async function checkConnections(shown: string): Promise<ConnectionsCheck> {
  const { id: userId } = await getSignedInUser();
  try {
    await syncAccounts(userId);
  } catch (error) {
    if (error instanceof ComposioCallError) return { ok: false, error: error.message };
    throw error;
  }
  const stored = await readConnections(userId);
  return { ok: true, changed: stored === null || connectionsFingerprint(stored.connections) !== shown };
}

/** A toolkit Composio no longer knows, named by its slug: its accounts can still be disconnected. */
function unknownToolkit(slug: string): ToolkitInfo {
  return { slug, name: slug, description: '', logo: null, category: null, noAuth: false };
}

/**
 * Accounts in a stable order: the unnamed one first, then by name, then the
 * oldest first. Not by creation date alone: Reconnect creates a new account
 * (with the old one's name) in place of the old, and it must keep its place.
 */
function byListPosition(a: AccountView, b: AccountView): number {
  if ((a.alias === null) !== (b.alias === null)) return a.alias === null ? -1 : 1;
  return (a.alias ?? '').localeCompare(b.alias ?? '') || a.since.localeCompare(b.since);
}

async function readIntegrations(
  userId: string,
  accounts: readonly ConnectionRecord[],
  stale: ReadonlySet<string>,
): Promise<{ toolkits: ToolkitView[]; catalogCursor: string | null }> {
  const [catalog, attempts, testFailures] = await Promise.all([
    getOfferedCatalog(),
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

  for (const account of accounts) {
    const connectionTest =
      account.status === 'ACTIVE'
        ? connectionTestView(userId, { id: account.id, toolkit: account.toolkit }, testFailures)
        : null;
    // Composio says ACTIVE, but the last test found it broken: it needs attention like a failed one.
    const status = connectionTest?.failure ? 'failed' : toConnectionStatus(account.status, account.createdAt, now);
    const attempt = startedHere.get(account.id);
    // Only attempts this browser can finish are pending; another browser's fresh attempt is not ours to show.
    if ((account.status === 'INITIATED' || account.status === 'INITIALIZING') && (status !== 'pending' || !attempt)) {
      continue;
    }
    visible.push({
      id: account.id,
      toolkit: account.toolkit,
      status,
      label: account.label,
      alias: account.alias,
      since: account.createdAt,
      resumeUrl: status === 'pending' && attempt ? attempt.connectUrl : null,
      connectionTest,
    });
  }

  const accountsByToolkit = new Map<string, AccountView[]>();
  for (const account of visible) {
    const list = accountsByToolkit.get(account.toolkit);
    if (list) list.push(account);
    else accountsByToolkit.set(account.toolkit, [account]);
  }
  // An account may be for a toolkit beyond the first page (TOOLKITS_SHOW_ALL, found by search), or for one
  // lib/toolkits.ts no longer offers (a fork edited the list): its details come from the per-toolkit cache (a
  // Composio request only the first time anyone has it), its slug alone if Composio no longer knows it.
  const listed = new Set(catalog.toolkits.map((toolkit) => toolkit.slug));
  const beyond = await Promise.all(
    [...accountsByToolkit.keys()]
      .filter((slug) => !listed.has(slug))
      .map(async (slug) => {
        const info = await toolkitInfo(slug);
        if (info) return { ...info, offered: true };
        // Not offered: only its name is wanted, and an outage of that lookup is no reason to hide the account.
        return { ...((await catalogToolkit(slug).catch(() => null)) ?? unknownToolkit(slug)), offered: false };
      }),
  );

  const toolkits = [...catalog.toolkits.map((info) => ({ ...info, offered: true })), ...beyond].map((info) => {
    const config = toolkitConfig(info.slug);
    const toolkitAccounts = (accountsByToolkit.get(info.slug) ?? []).sort(byListPosition);
    return {
      ...info,
      required: config?.required === true,
      reason: config?.reason ?? info.description,
      testable: whoAmITools[info.slug] !== undefined,
      status: summariseStatuses(toolkitAccounts.map((account) => account.status)),
      accounts: toolkitAccounts,
      stale: toolkitAccounts.some((account) => stale.has(account.id)),
    };
  });
  return { toolkits, catalogCursor: catalog.nextCursor };
}
