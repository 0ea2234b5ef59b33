import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ToolExecuteResponse } from '@composio/client/resources/tools';
import { deriveKey } from '@/lib/auth/secret-keys';
import { composioApiError, composioErrorMessage } from '../composio/call';

import { whoAmITools, type WhoAmITool } from './who-am-i';

export { whoAmITools };

type ToolData = Record<string, unknown>;

function record(value: unknown): ToolData | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ToolData) : undefined;
}

/** What a test found: the account works (and as whom), or Composio said why it does not. */
export type TestOutcome = { working: true; identity: string | null } | { working: false; reason: string };

/** Composio's reasons are shown verbatim, on one line and within reason. */
function reasonText(reason: string): string {
  return reason.replace(/\s+/g, ' ').trim().slice(0, 300) || 'Composio did not say why.';
}

/** Reads a tool execution Composio answered: it ran and said who the account is, or it said why it could not run. */
export function readExecution(whoAmI: WhoAmITool, response: ToolExecuteResponse): TestOutcome {
  if (!response.successful) return { working: false, reason: reasonText(response.error ?? '') };
  const data = record(response.data) ?? {};
  // Some Composio tools wrap their output once more in `response_data`.
  return { working: true, identity: whoAmI.identity(record(data.response_data) ?? data) };
}

/**
 * Statuses of a refused execution that are about the connected account
 * (its credentials, its state, its permissions), not about this app or
 * Composio being down. 401 is this app's API key; 404 an account that is gone;
 * 429 and 5xx say nothing about the account, so those stay errors.
 */
const accountProblemStatuses = new Set([400, 403, 410, 422]);

/** The outcome a refused execution means, or undefined when it says nothing about the account. */
export function readExecutionError(error: unknown): TestOutcome | undefined {
  const apiError = composioApiError(error);
  if (apiError?.status === undefined || !accountProblemStatuses.has(apiError.status)) return undefined;
  return { working: false, reason: reasonText(composioErrorMessage(apiError)) };
}

/**
 * A server-made proof that `accountId` is `userId`'s `toolkit` account, issued
 * while listing the user's accounts (which Composio filters by user). The
 * Test action checks it instead of asking Composio who owns the account: the
 * test then costs one Composio request, the execution itself. An account
 * belongs to one user for life and ids are never reused, so the proof does not expire.
 */
export function connectionTestProof(secret: string, userId: string, accountId: string, toolkit: string): string {
  return createHmac('sha256', deriveKey(secret, 'connection-test-proof/v1'))
    .update(JSON.stringify([userId, accountId, toolkit]))
    .digest('base64url');
}

export function isConnectionTestProof(
  proof: string,
  secret: string,
  userId: string,
  accountId: string,
  toolkit: string,
): boolean {
  const expected = Buffer.from(connectionTestProof(secret, userId, accountId, toolkit));
  const given = Buffer.from(proof);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
