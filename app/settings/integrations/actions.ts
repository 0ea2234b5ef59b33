'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { activityCursorSchema, loadActivity, type ActivityResult } from '@/lib/activity/activity';
import {
  accountIdSchema,
  cancelAttempt,
  disconnectAccount,
  setAccountEnabled,
  type OwnedAccount,
} from '@/lib/composio/accounts';
import { offeredToolkitSlugSchema, toolkitName } from '@/lib/composio/catalog';
import { checkAttempt, startConnection } from '@/lib/composio/connect-flow';
import { checkConnections, type ConnectionsCheck } from '@/lib/composio/integrations';
import { UserFacingError } from '@/lib/errors';
import { setFlash } from '@/lib/http/flash';
import type { TestOutcome } from '@/lib/connection-test/connection-test';
import { testConnection } from '@/lib/connection-test/flow';
import { returnPathSchema } from '@/lib/http/safe-redirect';
import { userAction } from '@/lib/auth/user-action';

const connectInput = z.object({
  toolkit: offeredToolkitSlugSchema,
  alias: z
    .string()
    .trim()
    .max(40, 'Keep the account name under 40 characters')
    .regex(/^[\p{L}\p{N} ._@-]*$/u, 'Use letters, numbers, spaces and . _ @ - in the account name')
    .optional()
    .transform((alias) => alias || undefined),
  returnTo: returnPathSchema('/settings/integrations'),
  replaces: accountIdSchema.optional(),
  /** Set by the page when it opened a popup for the Connect Link; absent (no JS, popup blocked, phone) means redirect. */
  popup: z.literal('1').optional(),
});

/** A Connect Link for the popup the page opened, and the attempt it waits for. */
export type PopupConnectResult = { ok: true; message: string; connectUrl: string; accountId: string };

/**
 * Connect, Reconnect and "Add another account": start a Connect Link flow and
 * send the browser there, or, when the page opened a popup for it, hand the
 * link back for the popup. The one place that starts a Connect Link.
 */
export const connectToolkit = userAction(connectInput, async (input): Promise<PopupConnectResult> => {
  const { connectUrl, accountId } = await startConnection({
    toolkit: input.toolkit,
    alias: input.alias,
    returnTo: input.returnTo,
    replaces: input.replaces,
    popup: input.popup === '1',
  });
  if (input.popup !== '1') redirect(connectUrl);
  return { ok: true, message: `Continue in the other window`, connectUrl, accountId };
});

/**
 * The page waiting on a popup re-checks its attempt itself, in case the
 * popup's message never arrives. Only this browser's attempt for the
 * signed-in user is looked up (checkAttempt); when this check completes the
 * attempt, its message is left as the page's flash, so the toast is the
 * server's text whichever way the page learns of it.
 */
export async function checkConnection(accountId: unknown): Promise<{ settled: boolean } | { error: string }> {
  const parsed = accountIdSchema.safeParse(accountId);
  if (!parsed.success) return { error: 'Invalid connection id. Nothing was changed.' };
  try {
    const check = await checkAttempt(parsed.data);
    if (!check.settled) return { settled: false };
    // Settled: the page is rendered again in this response (setting a cookie does that, and so does refresh()), so
    // the caller need not ask in a request of its own, a round trip more before the page shows Connected.
    if (check.flash) await setFlash(check.flash, check.returnTo);
    else refresh();
    return { settled: true };
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message };
    throw error;
  }
}

/** The digest a page rendered from the connections table sends back (connectionsFingerprint). */
const fingerprintSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * The one look at Composio a page painted from the connections table takes,
 * after it is on screen: lists the signed-in user's accounts (one request),
 * brings the table up to date and, only if that changes what the page showed,
 * re-renders the page in this same response (no second round trip, no
 * flicker when nothing changed). Composio unreachable: `ok: false`, the page
 * keeps its last-known state and says so.
 */
export async function confirmConnections(shown: unknown): Promise<ConnectionsCheck> {
  const parsed = fingerprintSchema.safeParse(shown);
  if (!parsed.success) return { ok: false, error: 'Invalid request. Nothing was changed.' };
  try {
    const check = await checkConnections(parsed.data);
    if (check.ok && check.changed) refresh();
    return check;
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    throw error;
  }
}

const accountInput = z.object({ accountId: accountIdSchema });

/** How a toast names the account: "Gmail", or "Gmail (work)" when it has a name of its own. */
async function accountName(account: OwnedAccount): Promise<string> {
  const toolkit = await toolkitName(account.toolkit);
  return account.alias ? `${toolkit} (${account.alias})` : toolkit;
}

export const disconnect = userAction(accountInput, async ({ accountId }) => {
  const account = await disconnectAccount(accountId);
  refresh();
  return { ok: true, message: `${await accountName(account)} disconnected` };
});

export const cancelConnection = userAction(accountInput, async ({ accountId }) => {
  const account = await cancelAttempt(accountId);
  refresh();
  return { ok: true, message: `${await accountName(account)} connection cancelled` };
});

const enabledInput = accountInput.extend({ enabled: z.enum(['true', 'false']).transform((value) => value === 'true') });

export const setEnabled = userAction(enabledInput, async ({ accountId, enabled }) => {
  const account = await setAccountEnabled(accountId, enabled);
  refresh();
  return { ok: true, message: `${await accountName(account)} ${enabled ? 'enabled' : 'disabled'}` };
});

/** A test ran: `outcome` says what it found (the form names the account itself). */
export type ConnectionTestResult = { ok: true; message: string; outcome: TestOutcome };

const testInput = accountInput.extend({
  toolkit: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'Unknown toolkit'),
  proof: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Invalid connection id'),
});

/**
 * Test: runs the account's who-am-I tool and says whether it works. The page
 * is refreshed only when what it shows changed (a failure was found or
 * cleared), so a passing test of a healthy account costs one Composio request.
 */
export const testAccountConnection = userAction(testInput, async (input): Promise<ConnectionTestResult> => {
  const { outcome, changed } = await testConnection(input);
  if (changed) refresh();
  return {
    ok: true,
    message: outcome.working ? 'The connection works.' : 'The connection does not work.',
    outcome,
  };
});

/**
 * The next older page of the signed-in user's Activity (Show more). Reads
 * only the caller's own events: the user comes from the session, the cursor
 * only says where to continue.
 */
export async function loadMoreActivity(cursor: unknown): Promise<ActivityResult> {
  const parsed = activityCursorSchema.safeParse(cursor);
  if (!parsed.success) return { ok: false, error: 'That page of activity could not be loaded. Reload the page.' };
  return loadActivity(parsed.data);
}
