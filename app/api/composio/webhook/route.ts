import { ConnectionExpiredEventSchema } from '@composio/core';
import { revalidatePath } from 'next/cache';
import { composio } from '@/lib/composio/client';
import { env } from '@/lib/env';

/** Larger bodies are refused before any work: Composio's events are a few kilobytes. */
const MAX_BODY_BYTES = 64 * 1024;
/** Composio signs with a timestamp; older (or future) deliveries are replays. */
const TOLERANCE_SECONDS = 300;

/**
 * Signed events from Composio (composio-api.md §8). The signature is checked
 * on the raw body with the SDK's verifyWebhook; anything unsigned, mis-signed
 * or stale gets 401 and changes nothing.
 */
export async function POST(request: Request) {
  const secret = env().composio.webhookSecret;
  if (!secret) return json(404, 'Webhooks are not configured (set COMPOSIO_WEBHOOK_SECRET).');

  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) return json(413, 'Payload too large.');
  const payload = await request.text();
  if (Buffer.byteLength(payload) > MAX_BODY_BYTES) return json(413, 'Payload too large.');

  const id = request.headers.get('webhook-id');
  const timestamp = request.headers.get('webhook-timestamp');
  const signature = request.headers.get('webhook-signature');
  if (!id || !timestamp || !signature) return json(401, 'Missing webhook signature headers.');

  try {
    await composio().triggers.verifyWebhook({
      id,
      timestamp,
      signature,
      payload,
      secret,
      tolerance: TOLERANCE_SECONDS,
    });
  } catch {
    return json(401, 'Invalid or expired webhook signature.');
  }

  const event = ConnectionExpiredEventSchema.safeParse(JSON.parse(payload));
  if (event.success) {
    console.info(`[composio] connected account ${event.data.data.id} of ${event.data.data.user_id} expired`);
    // Pages read connection status live from Composio on every view; this drops
    // any rendered copy a browser or the router cache still holds.
    revalidatePath('/', 'layout');
  }
  return json(200, 'ok');
}

function json(status: number, message: string): Response {
  return Response.json({ message }, { status });
}
