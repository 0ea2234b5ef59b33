import 'server-only';
import { db } from '@/lib/db/client';
import { takeSlot, type RateLimit } from '@/lib/rate-limit/queries';
import { databaseErrorSummary } from '@/lib/db/error-summary';
import { env } from '@/lib/env';
import { UserFacingError } from '@/lib/errors';

/**
 * The requests of a user that spend Composio calls, each limited per user
 * (env: CONNECT_RATE_LIMIT, CONNECTION_TEST_RATE_LIMIT, STATUS_CHECK_RATE_LIMIT
 * and their windows): Connect creates a session and a connected account,
 * Test runs a tool, a status check reads an account.
 */
export type RateLimitedAction = 'connect' | 'connection-test' | 'status-check';

/** What the refusal says was refused. */
const refused: Record<RateLimitedAction, string> = {
  connect: 'Too many connection attempts',
  'connection-test': 'Too many connection tests',
  'status-check': 'Too many status checks',
};

/** Past a limit: says how long to wait. Nothing was sent to Composio. */
export class RateLimitError extends UserFacingError {
  override name = 'RateLimitError';
  constructor(
    readonly action: RateLimitedAction,
    readonly retryAfterMs: number,
    rule: RateLimit,
  ) {
    super('rate_limited');
    // The limit itself is said, so a person (or a developer exploring) knows what they ran into.
    this.message = `${refused[action]}: the limit is ${rule.limit} in ${formatWait(rule.windowMs)}. Try again in ${formatWait(retryAfterMs)}. Nothing was changed.`;
  }
}

function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Counts one `action` against the user's limit, before any Composio request.
 * The count lives in the database, so it holds however many instances serve
 * the user. If the database is unreachable the request is refused: an
 * unchecked limit is no limit (the cause is logged).
 */
export async function takeRateLimitSlot(action: RateLimitedAction, userId: string): Promise<void> {
  const rule = env().rateLimits[action];
  let slot;
  try {
    slot = await takeSlot(db(), userId, action, rule);
  } catch (error) {
    console.error(
      `[rate-limit] ${action} refused, its limit could not be checked: ${JSON.stringify({ userId, error: databaseErrorSummary(error) })}`,
    );
    throw new UserFacingError('rate_limit:unavailable', { cause: error });
  }
  if (!slot.allowed) throw new RateLimitError(action, slot.retryAfterMs, rule);
}
