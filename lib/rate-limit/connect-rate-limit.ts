import 'server-only';
import { db } from '@/lib/db/client';
import { takeConnectSlot as takeSlot } from '@/lib/rate-limit/queries';
import { databaseErrorSummary } from '@/lib/db/error-summary';
import { env } from '@/lib/env';
import { UserFacingError } from '@/lib/errors';

/** Past the Connect limit: says how long to wait. Nothing was sent to Composio. */
export class ConnectRateLimitError extends UserFacingError {
  override name = 'ConnectRateLimitError';
  constructor(
    readonly retryAfterMs: number,
    rule: { limit: number; windowMs: number },
  ) {
    super('connect_rate_limited');
    // The limit itself is said, so a person (or a developer exploring) knows what they ran into.
    this.message = `Too many connection attempts: the limit is ${rule.limit} in ${formatWait(rule.windowMs)}. Try again in ${formatWait(retryAfterMs)}. Nothing was changed.`;
  }
}

function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Counts a Connect attempt against the user's limit (CONNECT_RATE_LIMIT per
 * CONNECT_RATE_LIMIT_WINDOW_MINUTES), before any Composio request: each
 * attempt creates a session and a connected account there. The count lives in
 * the database, so it holds however many instances serve the user.
 * If the database is unreachable the attempt goes ahead (connecting keeps
 * working during an outage) and the skipped check is logged.
 */
export async function takeConnectSlot(userId: string): Promise<void> {
  const rule = env().connectRateLimit;
  let slot;
  try {
    slot = await takeSlot(db(), userId, rule);
  } catch (error) {
    console.error(
      `[rate-limit] connect limit not checked: ${JSON.stringify({ userId, error: databaseErrorSummary(error) })}`,
    );
    return;
  }
  if (!slot.allowed) throw new ConnectRateLimitError(slot.retryAfterMs, rule);
}
