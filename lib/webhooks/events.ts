import 'server-only';
import { ConnectionExpiredEventSchema, SingleConnectedAccountDetailedResponseSchema } from '@composio/core';
import { revalidatePath } from 'next/cache';
import { after } from 'next/server';
import { z } from 'zod';
import { insertActivityEvent, lastKnownAccountLabel } from '@/lib/activity/queries';
import { recordConnection } from '@/lib/connections/connections';
import { db } from '@/lib/db/client';
import { atMostEvery } from '@/lib/db/housekeeping';
import { claimWebhookDelivery, pruneWebhookDeliveries, releaseWebhookDelivery } from '@/lib/webhooks/deliveries';
import { accountLabel, ownedAccount } from '@/lib/composio/accounts';
import { databaseErrorSummary } from '@/lib/db/error-summary';

/**
 * How long a processed `webhook-id` is remembered. Composio retries a failed
 * delivery with the same id over roughly a day (re-signed, so the timestamp
 * check alone does not stop it); three days covers the whole retry schedule.
 */
const DELIVERY_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;

/** Old deliveries are deleted now and then, not on every claim: at most once an hour per server process. */
const pruneDue = atMostEvery(60 * 60_000);

export type DeliveryOutcome = 'processed' | 'repeat' | 'retry_later';

/**
 * Handles one verified delivery exactly once across every instance: the
 * `webhook-id` is claimed in the database first, a repeat does nothing, and a
 * delivery whose effect could not be stored gives its claim back and asks
 * Composio to retry (a 5xx) rather than being lost.
 */
export async function processWebhookDelivery(webhookId: string, payload: unknown): Promise<DeliveryOutcome> {
  let claimed: boolean;
  try {
    claimed = await claimWebhookDelivery(db(), webhookId);
  } catch (error) {
    console.error(`[webhook] ${webhookId} not processed, Composio will retry: ${databaseErrorSummary(error)}`);
    return 'retry_later';
  }
  if (!claimed) return 'repeat';
  if (pruneDue())
    after(() => pruneWebhookDeliveries(db(), new Date(Date.now() - DELIVERY_RETENTION_MS)).catch(() => undefined));

  try {
    await applyEvent(payload);
    return 'processed';
  } catch (error) {
    console.error(`[webhook] ${webhookId} not processed: its effect could not be stored; Composio will retry`, error);
    await releaseWebhookDelivery(db(), webhookId).catch(() => undefined);
    return 'retry_later';
  }
}

/** Any other event about a connected account (`composio.connected_account.*`): only its account is read. */
const accountEventSchema = z.object({ type: z.string().startsWith('composio.connected_account.'), data: z.unknown() });

/**
 * The expiry event is recorded in Activity; it and any other event about a
 * connected account update the connections table, so the next view shows it
 * without asking Composio. A failure to store either throws: the delivery is
 * given back and Composio retries it.
 */
async function applyEvent(payload: unknown): Promise<void> {
  const expired = ConnectionExpiredEventSchema.safeParse(payload);
  const other = expired.success ? null : accountEventSchema.safeParse(payload);
  const parsed = expired.success
    ? expired.data.data
    : other?.success
      ? SingleConnectedAccountDetailedResponseSchema.safeParse(other.data.data).data
      : undefined;
  if (!parsed) return; // an event this app does not act on
  const account = { ...parsed, alias: typeof parsed.alias === 'string' ? parsed.alias : null };
  const label = accountLabel(account) ?? (await lastKnownAccountLabel(db(), account.user_id, account.id));
  const stored = await recordConnection({ ...ownedAccount(account), label }, new Date());
  if (!stored) throw new Error('the connections table could not be updated');
  if (expired.success) {
    console.info(`[composio] connected account ${account.id} of ${account.user_id} expired`);
    await insertActivityEvent(db(), {
      userId: account.user_id,
      toolkit: account.toolkit.slug,
      connectedAccountId: account.id,
      accountLabel: label,
      kind: 'expired',
      source: 'webhook',
    });
  }
  // Drops any rendered copy of a page a browser or the router cache still holds: the next view reads the table.
  revalidatePath('/', 'layout');
}
