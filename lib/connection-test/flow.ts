import 'server-only';
import { getSignedInUser } from '@/lib/auth/current-user';
import { recordConnectionStatus } from '@/lib/connections/connections';
import { db } from '@/lib/db/client';
import { clearTestFailure, listTestFailures, recordTestFailure, type TestFailure } from '@/lib/connection-test/queries';
import { databaseErrorSummary } from '@/lib/db/error-summary';
import { env } from '@/lib/env';
import { UserFacingError } from '@/lib/errors';
import { takeRateLimitSlot } from '@/lib/rate-limit/rate-limit';
import { composioWrite } from '../composio/call';
import { composio } from '../composio/client';
import {
  connectionTestProof,
  isConnectionTestProof,
  readExecution,
  readExecutionError,
  whoAmITools,
  type TestOutcome,
} from './connection-test';

// The Test flow: the proofs and failure marks the integrations view shows, the test itself, and its clean-up.
// What is tested, with which tool, and how its answer reads: ./connection-test.ts.

/** What the account row needs to offer Test: the proof for the form, and the last failed test, if any. */
export type ConnectionTestView = { proof: string; failure: string | null };

/** The Test button's data for an account Composio reports ACTIVE, or null when its toolkit has no who-am-I tool. */
export function connectionTestView(
  userId: string,
  account: { id: string; toolkit: string },
  failures: ReadonlyMap<string, TestFailure>,
): ConnectionTestView | null {
  if (!whoAmITools[account.toolkit]) return null;
  return {
    proof: connectionTestProof(env().authSecret, userId, account.id, account.toolkit),
    failure: failures.get(account.id)?.reason ?? null,
  };
}

/**
 * The user's failed tests, for the integrations view. An unreachable database
 * must not take the page down: it renders without the marks, and says so in the log.
 */
export async function loadTestFailures(userId: string): Promise<ReadonlyMap<string, TestFailure>> {
  try {
    return await listTestFailures(db(), userId);
  } catch (error) {
    console.error(`[connection-test] failed tests not read: ${databaseErrorSummary(error)}`);
    return new Map();
  }
}

/** The result of a test, and whether what the page shows about the account changed. */
export type TestRun = { outcome: TestOutcome; changed: boolean };

/**
 * Tests a connected account: runs its toolkit's who-am-I tool through
 * Composio for this very account, after checking the proof that it is the
 * signed-in user's, and counting it against the user's limit. Exactly one Composio request, never retried (a second try
 * could hide the flakiness the person is asking about). A failure is
 * remembered until a later test passes or the account is replaced; a
 * Composio outage is an error, not a verdict on the account.
 */
export async function testConnection(input: { accountId: string; toolkit: string; proof: string }): Promise<TestRun> {
  const user = await getSignedInUser();
  const whoAmI = whoAmITools[input.toolkit];
  if (!whoAmI || !isConnectionTestProof(input.proof, env().authSecret, user.id, input.accountId, input.toolkit)) {
    throw new UserFacingError('not_owned');
  }
  // Each test runs a tool through Composio: counted per user (CONNECTION_TEST_RATE_LIMIT), whatever the instance.
  await takeRateLimitSlot('connection-test', user.id);

  let outcome: TestOutcome;
  const at = new Date();
  try {
    const response = await composioWrite(`tools.execute(${whoAmI.tool})`, () =>
      // The HTTP client, not `composio.tools.execute()`: the core SDK first fetches the tool's schema
      // (a second request) to apply modifiers and file handling a no-argument tool does not need.
      composio().getClient().tools.execute(whoAmI.tool, {
        connected_account_id: input.accountId,
        user_id: user.id,
        arguments: {},
        version: 'latest',
      }),
    );
    outcome = readExecution(whoAmI, response);
  } catch (error) {
    const refused = readExecutionError(error);
    if (!refused) throw error;
    outcome = refused;
  }
  // A tool ran through the account: Composio holds it as working (ACTIVE), whatever the table last said.
  if (outcome.working) await recordConnectionStatus(user.id, input.accountId, 'ACTIVE', at);
  return { outcome, changed: await rememberOutcome(user.id, input.accountId, outcome) };
}

/** Stores or clears the failure mark; a database outage loses only the mark, and the log says which. */
async function rememberOutcome(userId: string, connectedAccountId: string, outcome: TestOutcome): Promise<boolean> {
  try {
    if (outcome.working) return await clearTestFailure(db(), userId, connectedAccountId);
    await recordTestFailure(db(), { userId, connectedAccountId, reason: outcome.reason });
    return true;
  } catch (error) {
    console.error(
      `[connection-test] result not stored: ${JSON.stringify({ userId, connectedAccountId, working: outcome.working, error: databaseErrorSummary(error) })}`,
    );
    return false;
  }
}

/**
 * Forgets an account's failed test when the account is replaced or removed;
 * true if it had one. Best effort: a row left behind names an account that
 * no longer exists and is never shown.
 */
export async function forgetTestFailure(userId: string, connectedAccountId: string): Promise<boolean> {
  try {
    return await clearTestFailure(db(), userId, connectedAccountId);
  } catch (error) {
    console.error(`[connection-test] failed test not cleared: ${databaseErrorSummary(error)}`);
    return false;
  }
}
