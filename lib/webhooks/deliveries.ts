import 'server-only';
import { eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { webhookDeliveries } from '../db/schema';

/**
 * Claims a delivery by its `webhook-id`: true the first time, false for every
 * repeat, on any instance. The primary key makes the claim atomic.
 */
export async function claimWebhookDelivery(db: Database, webhookId: string, now = new Date()): Promise<boolean> {
  const claimed = await db
    .insert(webhookDeliveries)
    .values({ webhookId, receivedAt: now })
    .onConflictDoNothing()
    .returning({ webhookId: webhookDeliveries.webhookId });
  return claimed.length === 1;
}

/** Gives a claim back when processing failed, so Composio's retry of the same delivery is processed. */
export async function releaseWebhookDelivery(db: Database, webhookId: string): Promise<void> {
  await db.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
}

/** Forgets deliveries received before `before`; returns how many. */
export async function pruneWebhookDeliveries(db: Database, before: Date): Promise<number> {
  const pruned = await db
    .delete(webhookDeliveries)
    .where(lt(webhookDeliveries.receivedAt, before))
    .returning({ webhookId: webhookDeliveries.webhookId });
  return pruned.length;
}
