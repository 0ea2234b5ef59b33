import 'server-only';
import { APIError } from '@composio/client';
import { z } from 'zod';
import { recordConnection } from '@/lib/connections/connections';
import { accountIdSchema, ownedAccount, type OwnedAccount } from './accounts';
import { composioWrite } from './call';
import { composio } from './client';

/** The verifier's `session_uri`: opaque to the app, bounded so a hand-made URL sends nothing large on to Composio. */
export const sessionUriSchema = z.string().min(1).max(2048);

/** The fields of the connected account Composio answers with that the app reads (the same as a `retrieve`). */
const completedAccountSchema = z.object({
  id: accountIdSchema,
  user_id: z.string(),
  status: z.string(),
  created_at: z.string(),
  toolkit: z.object({ slug: z.string() }),
  alias: z.string().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
});

/** Why Composio refused to complete a deferred connection: all three leave nothing connected. */
export type CompleteAuthRefusal = 'not_owner' | 'used_or_expired' | 'unknown_session';

export type CompleteAuthResult = { ok: true; account: OwnedAccount } | { ok: false; refusal: CompleteAuthRefusal };

/** Composio's answers to a session it will not complete, by HTTP status: refusals, not faults. */
const refusals: Record<number, CompleteAuthRefusal> = {
  400: 'unknown_session',
  403: 'not_owner',
  404: 'unknown_session',
  410: 'used_or_expired',
};

/**
 * Redeems the single-use `session_uri` Composio's OAuth callback identity
 * verifier hands the browser: `POST /api/v3.1/connected_accounts/complete_auth`
 * `{ session_uri, user_id }` (Composio's API reference, "Complete a deferred
 * OAuth connection after identity verification"). Composio completes the
 * token exchange only when `user_id` owns the connection, and answers with the
 * now-ACTIVE connected account.
 *
 * `@composio/core` 0.19 and `@composio/client` have no method for this newer
 * endpoint, so it goes through the SDK's own HTTP client (`getClient().post`):
 * the same base URL, API key, timeout and error classes as every other call.
 * Never retried: the session is single-use, and a retry of one that went
 * through would read as "already used". `userId` must come from the server
 * session, never from the request.
 */
export async function completeDeferredConnection(sessionUri: string, userId: string): Promise<CompleteAuthResult> {
  const at = new Date();
  const answer = await composioWrite('connectedAccounts.completeAuth', () =>
    composio()
      .getClient()
      .post<unknown>('/api/v3.1/connected_accounts/complete_auth', {
        body: { session_uri: sessionUri, user_id: userId },
      })
      .then((body) => ({ body }))
      .catch((error: unknown) => {
        const refusal = error instanceof APIError && error.status !== undefined ? refusals[error.status] : undefined;
        if (refusal) return { refusal };
        throw error;
      }),
  );
  if ('refusal' in answer) return { ok: false, refusal: answer.refusal };
  const account = completedAccountSchema.parse(answer.body);
  // Composio checked the owner; checked again because this is what the app is about to record as the user's.
  if (account.user_id !== userId) return { ok: false, refusal: 'not_owner' };
  const owned = ownedAccount(account);
  // What Composio just confirmed updates the app's copy of the user's connections, as every read does.
  await recordConnection(owned, at);
  return { ok: true, account: owned };
}
