import 'server-only';
import { z } from 'zod';
import { getSignedInUser } from '@/lib/current-user';
import { takeConnectSlot } from '@/lib/connect-rate-limit';
import { UserFacingError } from '@/lib/errors';
import type { Flash } from '@/lib/flash';
import { toolkitConfig } from '@/lib/toolkits';
import {
  accountIdSchema,
  deleteConnectedAccount,
  deleteReplacedAccount,
  getOwnedAccount,
  recordAccountActivity,
  type OwnedAccount,
} from './accounts';
import { ComposioCallError, composioWrite } from './call';
import { isOfferedToolkit, toolkitName } from './catalog';
import { composio, composioCallbackUrl } from './client';
import { attemptExpiry, clearPendingAttempt, readPendingAttempt, savePendingAttempt } from './pending-attempt';

/**
 * Starts a Connect Link flow: a Composio session for the signed-in user with
 * only this toolkit and manual authorization (manageConnections: false), then
 * `session.authorize()`. Records the attempt in the signed cookie and returns
 * the Connect Link to send the browser to. Two Composio requests, made only
 * once the per-user rate limit has counted this attempt.
 */
export async function startConnection(input: {
  toolkit: string;
  alias?: string;
  returnTo: string;
  replaces?: string;
}): Promise<string> {
  const user = await getSignedInUser();
  if (!(await isOfferedToolkit(input.toolkit))) throw new UserFacingError('unknown_toolkit');
  await takeConnectSlot(user.id);
  const client = composio();
  const authConfigId = toolkitConfig(input.toolkit)?.authConfigId;
  const session = await composioWrite('sessions.create', () =>
    client.create(user.id, {
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
    userId: user.id,
    expiresAt: attemptExpiry(Date.now()),
    returnTo: input.returnTo,
    connectUrl,
    replaces: input.replaces,
  });
  return connectUrl;
}

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
 * account id must match this browser's signed attempt for the signed-in user,
 * and the outcome is what Composio reports for that account, not what the URL says.
 */
export async function confirmCallback(query: CallbackQuery | null): Promise<{ returnTo: string; flash: Flash }> {
  const { id: userId } = await getSignedInUser();
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
    if (attempt.replaces) await deleteReplacedAccount(userId, attempt.replaces);
    await recordAccountActivity(account, attempt.replaces ? 'reconnected' : 'connected');
    return { returnTo, flash: { type: 'success', message: `${name} connected` } };
  }
  if (query.status === 'failed' && (account.status === 'FAILED' || account.status === 'INITIATED')) {
    // The person declined or the provider refused: remove the dead attempt so the toolkit reads "Not connected".
    await deleteConnectedAccount(account.id, 'failed attempt').catch(() => undefined);
    await recordAccountActivity(account, 'failed');
    return fail(`${name} was not connected. You can try again whenever you like.`);
  }
  return fail(`${name} could not be verified as connected. Nothing was changed.`);
}
