import 'server-only';
import { z } from 'zod';
import { getSignedInUser } from '@/lib/auth/current-user';
import { takeRateLimitSlot } from '@/lib/rate-limit/rate-limit';
import { forgetConnection, recordConnection } from '@/lib/connections/connections';
import { UserFacingError } from '@/lib/errors';
import type { Flash } from '@/lib/http/flash';
import { toolkitConfig } from '@/lib/toolkits';
import {
  accountIdSchema,
  deleteConnectedAccount,
  deleteReplacedAccount,
  getOwnedAccount,
  inheritAlias,
  recordAccountActivity,
  type OwnedAccount,
} from './accounts';
import { ComposioCallError, composioWrite } from './call';
import { isOfferedToolkit, needsNoConnection, toolkitName } from './catalog';
import { composio, composioCallbackUrl } from './client';
import { completeDeferredConnection, type CompleteAuthRefusal } from './complete-auth';
import {
  attemptExpiry,
  clearPendingAttempts,
  markAttemptConfirmed,
  readPendingAttempts,
  removePendingAttempt,
  savePendingAttempt,
  type PendingAttempt,
} from './pending-attempt';

/**
 * Starts a Connect Link flow: a Composio session for the signed-in user with
 * only this toolkit and manual authorization (manageConnections: false), then
 * `session.authorize()`. Records the attempt in the encrypted cookie, beside
 * any others this browser has pending, and returns the Connect Link to send
 * the browser (or the popup it opened) to. Two Composio requests, made only
 * once the per-user rate limit has counted this attempt.
 */
export async function startConnection(input: {
  toolkit: string;
  alias?: string;
  returnTo: string;
  replaces?: string;
  popup?: boolean;
}): Promise<{ connectUrl: string; accountId: string }> {
  const user = await getSignedInUser();
  if (!(await isOfferedToolkit(input.toolkit))) throw new UserFacingError('unknown_toolkit');
  // Composio would refuse it anyway, after the rate limit counted it: say why, and spend nothing.
  if (await needsNoConnection(input.toolkit)) throw new UserFacingError('no_connection_needed');
  await takeRateLimitSlot('connect', user.id);
  const client = composio();
  const authConfigId = toolkitConfig(input.toolkit)?.authConfigId;
  const startedAt = new Date();
  const session = await composioWrite('sessions.create', () =>
    client.create(user.id, {
      toolkits: [input.toolkit],
      manageConnections: false,
      ...(authConfigId ? { authConfigs: { [input.toolkit]: authConfigId } } : {}),
    }),
  );
  // A reconnect's account gets the old one's alias once that is deleted (completeAttempt): Composio allows one
  // account per alias, and the old one still holds it.
  const alias = input.replaces ? undefined : input.alias;
  const request = await composioWrite('session.authorize', () =>
    session.authorize(input.toolkit, { callbackUrl: composioCallbackUrl(), alias }),
  );
  const connectUrl = request.redirectUrl;
  if (!request.id || !connectUrl || !/^https?:\/\//.test(connectUrl)) {
    throw new ComposioCallError('rejected', 'session.authorize', { cause: new Error('No Connect Link returned') });
  }
  // Composio created the attempt: the page painted from the table shows it as Pending at once.
  await recordConnection(
    {
      id: request.id,
      userId: user.id,
      toolkit: input.toolkit,
      status: 'INITIATED',
      alias: alias ?? null,
      label: null,
      createdAt: startedAt.toISOString(),
    },
    startedAt,
  );
  await savePendingAttempt({
    accountId: request.id,
    toolkit: input.toolkit,
    userId: user.id,
    expiresAt: attemptExpiry(Date.now()),
    returnTo: input.returnTo,
    connectUrl,
    replaces: input.replaces,
    popup: input.popup || undefined,
  });
  return { connectUrl, accountId: request.id };
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

/** What the callback answers: where to send the browser, and the message to show there (none when already shown). */
export type CallbackOutcome = { returnTo: string; flash: Flash | null; popup: boolean };

/**
 * Confirms a return from the Connect Link. Trusts nothing in the query: the
 * account id must match one of this browser's sealed attempts for the
 * signed-in user, and the outcome is what Composio reports for that account,
 * not what the URL says. Only the matched attempt is used up; the browser's
 * other pending attempts (other tabs) stay.
 */
export async function confirmCallback(query: CallbackQuery | null): Promise<CallbackOutcome> {
  const { id: userId } = await getSignedInUser();
  const attempts = await readPendingAttempts();
  const attempt = query ? attempts.find((candidate) => candidate.accountId === query.connected_account_id) : undefined;
  const returnTo = attempt?.userId === userId ? attempt.returnTo : '/settings/integrations';
  const popup = attempt?.userId === userId && attempt.popup === true;
  const fail = (message: string): CallbackOutcome => ({ returnTo, popup, flash: { type: 'error', message } });

  if (!query) return fail('The response from the connection page was not understood. Nothing was changed.');
  if (attempts.length === 0) {
    return fail(
      'This connection attempt has expired or was started in another browser. Nothing was changed; please connect again.',
    );
  }
  if (attempts[0]!.userId !== userId) {
    await clearPendingAttempts();
    return fail('This connection was started by a different account. Nothing was changed.');
  }
  if (!attempt) return fail("That response doesn't match the connection you started. Nothing was changed.");

  await removePendingAttempt(attempt.accountId);
  // The waiting page's status check got there first and already said so: nothing left to do or say.
  if (attempt.confirmed) return { returnTo, popup, flash: null };
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
    return { returnTo, popup, flash: await completeAttempt(attempt, account, name) };
  }
  if (query.status === 'failed' && (account.status === 'FAILED' || account.status === 'INITIATED')) {
    // The person declined or the provider refused: remove the dead attempt so the toolkit reads "Not connected".
    const deleted = await deleteConnectedAccount(account.id, 'failed attempt').then(
      () => true,
      () => false,
    );
    await Promise.all([
      deleted ? forgetConnection(userId, account.id) : undefined,
      recordAccountActivity(account, 'failed'),
    ]);
    return fail(`${name} was not connected. You can try again whenever you like.`);
  }
  return fail(`${name} could not be verified as connected. Nothing was changed.`);
}

/** What a person reads when Composio will not complete a deferred connection: nothing was connected, for anyone. */
const refusalMessages: Record<CompleteAuthRefusal, string> = {
  not_owner: 'This connection was started by another account. Nothing was connected.',
  used_or_expired: 'This connection link was already used or has expired. Nothing was connected; please connect again.',
  unknown_session: "That connection couldn't be found. Nothing was connected; please connect again.",
};

/**
 * Confirms a return through Composio's OAuth callback identity verifier (docs/composio.md, "The identity
 * verifier"): the connection is still deferred, and only redeeming `session_uri` for the user signed in *in
 * this browser* completes it, so a Connect Link finished by someone else connects nothing. What follows a
 * completed connection is exactly the callback's: this browser's attempt is used up and completed (Activity,
 * replaced account, popup or redirect, message). The same user finishing in another browser of theirs, with
 * no attempt there, is connected all the same.
 */
export async function confirmVerifiedConnection(sessionUri: string | null): Promise<CallbackOutcome> {
  const { id: userId } = await getSignedInUser();
  const fail = (message: string): CallbackOutcome => ({
    returnTo: '/settings/integrations',
    popup: false,
    flash: { type: 'error', message },
  });
  if (!sessionUri) return fail('The response from the connection page was not understood. Nothing was connected.');

  let result: Awaited<ReturnType<typeof completeDeferredConnection>>;
  try {
    result = await completeDeferredConnection(sessionUri, userId);
  } catch (error) {
    const reason = error instanceof ComposioCallError ? error.message : 'unexpected error.';
    return fail(`The connection could not be completed: ${reason} Nothing was connected.`);
  }
  if (!result.ok) return fail(refusalMessages[result.refusal]);

  const { account } = result;
  const name = await toolkitName(account.toolkit);
  const attempt = (await readPendingAttempts()).find(
    (candidate) => candidate.accountId === account.id && candidate.userId === userId,
  );
  if (!attempt) {
    await recordAccountActivity(account, 'connected', { viaVerifier: true });
    return {
      returnTo: '/settings/integrations',
      popup: false,
      flash: { type: 'success', message: `${name} connected` },
    };
  }
  await removePendingAttempt(attempt.accountId);
  const popup = attempt.popup === true;
  if (attempt.confirmed) return { returnTo: attempt.returnTo, popup, flash: null };
  return { returnTo: attempt.returnTo, popup, flash: await completeAttempt(attempt, account, name, true) };
}

/** What follows an attempt Composio reports ACTIVE, whether its callback or the waiting page's check saw it first. */
async function completeAttempt(
  attempt: PendingAttempt,
  account: OwnedAccount,
  name: string,
  viaVerifier = false,
): Promise<Flash> {
  const replaced = attempt.replaces ? await deleteReplacedAccount(account.userId, attempt.replaces) : null;
  const current = replaced?.alias && !account.alias ? await inheritAlias(account, replaced.alias) : account;
  await recordAccountActivity(current, attempt.replaces ? 'reconnected' : 'connected', { viaVerifier });
  return { type: 'success', message: `${name} connected` };
}

/** Whether the page waiting on a popup can stop waiting, and the message to show if it settled the attempt itself. */
export type AttemptCheck = { settled: false } | { settled: true; flash: Flash | null; returnTo: string };

/**
 * The waiting page's own look at an attempt, for when the popup's message
 * never arrives. Only an attempt sealed in this browser for the signed-in
 * user is looked up (one Composio request; none once the callback has used
 * it up). An ACTIVE account is completed here exactly as the callback would,
 * and marked confirmed so that the callback, arriving later, says nothing twice.
 */
export async function checkAttempt(accountId: string): Promise<AttemptCheck> {
  const { id: userId } = await getSignedInUser();
  const attempt = (await readPendingAttempts()).find(
    (candidate) => candidate.accountId === accountId && candidate.userId === userId,
  );
  // Used up (by the callback or Cancel), expired, or never this browser's: the page's next render tells the truth.
  if (!attempt || attempt.confirmed) return { settled: true, flash: null, returnTo: '/settings/integrations' };
  // The page's checks are a budget of 20 per attempt (components/integrations/connect-popup.ts); the server holds
  // every user to STATUS_CHECK_RATE_LIMIT whatever a client sends. A refused check asks Composio nothing.
  await takeRateLimitSlot('status-check', userId);
  const account = await getOwnedAccount(userId, attempt.accountId);
  if (account?.toolkit === attempt.toolkit && (account.status === 'INITIATED' || account.status === 'INITIALIZING')) {
    return { settled: false };
  }
  if (account?.status !== 'ACTIVE' || account.toolkit !== attempt.toolkit) {
    // Declined, failed or gone: the callback (if it comes) reports it; the page shows Composio's state meanwhile.
    return { settled: true, flash: null, returnTo: attempt.returnTo };
  }
  await markAttemptConfirmed(attempt.accountId);
  return {
    settled: true,
    flash: await completeAttempt(attempt, account, await toolkitName(attempt.toolkit)),
    returnTo: attempt.returnTo,
  };
}
