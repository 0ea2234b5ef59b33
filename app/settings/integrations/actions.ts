'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { activityCursorSchema, loadActivity, type ActivityResult } from '@/lib/activity';
import { accountIdSchema, cancelAttempt, disconnectAccount, setAccountEnabled } from '@/lib/composio/accounts';
import { offeredToolkitSlugSchema, toolkitName } from '@/lib/composio/catalog';
import { startConnection } from '@/lib/composio/connect-flow';
import { returnPathSchema } from '@/lib/safe-redirect';
import { userAction } from '@/lib/user-action';

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
});

/** Connect, Reconnect and "Add another account": start a Connect Link flow and send the browser there. */
export const connectToolkit = userAction(connectInput, async (input) => {
  const connectUrl = await startConnection({
    toolkit: input.toolkit,
    alias: input.alias,
    returnTo: input.returnTo,
    replaces: input.replaces,
  });
  redirect(connectUrl);
});

const accountInput = z.object({ accountId: accountIdSchema });

export const disconnect = userAction(accountInput, async ({ accountId }) => {
  const account = await disconnectAccount(accountId);
  refresh();
  return { ok: true, message: `${await toolkitName(account.toolkit)} disconnected` };
});

export const cancelConnection = userAction(accountInput, async ({ accountId }) => {
  const account = await cancelAttempt(accountId);
  refresh();
  return { ok: true, message: `${await toolkitName(account.toolkit)} connection cancelled` };
});

const enabledInput = accountInput.extend({ enabled: z.enum(['true', 'false']).transform((value) => value === 'true') });

export const setEnabled = userAction(enabledInput, async ({ accountId, enabled }) => {
  const account = await setAccountEnabled(accountId, enabled);
  refresh();
  return { ok: true, message: `${await toolkitName(account.toolkit)} ${enabled ? 'enabled' : 'disabled'}` };
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
