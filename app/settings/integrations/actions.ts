'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  accountIdSchema,
  cancelAttempt,
  disconnectAccount,
  setAccountEnabled,
  startConnection,
  toolkitName,
} from '@/lib/composio/connections';
import { offeredToolkitSlugSchema } from '@/lib/composio/catalog';
import { safeReturnPath } from '@/lib/safe-redirect';
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
  returnTo: z.string().max(2048).optional(),
  replaces: accountIdSchema.optional(),
});

/** Connect, Reconnect and "Add another account": start a Connect Link flow and send the browser there. */
export const connectToolkit = userAction(connectInput, async (input, user) => {
  const connectUrl = await startConnection({
    userId: user.id,
    toolkit: input.toolkit,
    alias: input.alias,
    returnTo: safeReturnPath(input.returnTo, '/settings/integrations'),
    replaces: input.replaces,
  });
  redirect(connectUrl);
});

const accountInput = z.object({ accountId: accountIdSchema });

export const disconnect = userAction(accountInput, async ({ accountId }, user) => {
  const account = await disconnectAccount(user.id, accountId);
  refresh();
  return { ok: true, message: `${await toolkitName(account.toolkit)} disconnected` };
});

export const cancelConnection = userAction(accountInput, async ({ accountId }, user) => {
  const account = await cancelAttempt(user.id, accountId);
  refresh();
  return { ok: true, message: `${await toolkitName(account.toolkit)} connection cancelled` };
});

const enabledInput = accountInput.extend({ enabled: z.enum(['true', 'false']).transform((value) => value === 'true') });

export const setEnabled = userAction(enabledInput, async ({ accountId, enabled }, user) => {
  const account = await setAccountEnabled(user.id, accountId, enabled);
  refresh();
  return { ok: true, message: `${await toolkitName(account.toolkit)} ${enabled ? 'enabled' : 'disabled'}` };
});
