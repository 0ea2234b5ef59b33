import { composio } from '@/lib/composio/client';
import { processWebhookDelivery } from '@/lib/webhooks/events';
import { env } from '@/lib/env';
import { nonPageSecurityHeaders } from '@/lib/http/security-headers';

/** Larger bodies are refused before any work: Composio's events are a few kilobytes. */
const MAX_BODY_BYTES = 64 * 1024;
/** Composio signs with a timestamp; older (or future) deliveries are replays. */
const TOLERANCE_SECONDS = 300;

/**
 * Signed events from Composio. The signature is checked on the raw body with
 * the SDK's verifyWebhook; anything unsigned, mis-signed or stale gets 401 and
 * changes nothing. A verified delivery is processed once per `webhook-id`,
 * whichever instance receives it; repeats get 200.
 */
export async function POST(request: Request) {
  const secret = env().composio.webhookSecret;
  if (!secret) return json(404, 'Webhooks are not configured (set COMPOSIO_WEBHOOK_SECRET).');

  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return json(413, 'Payload too large.');
  // Read as a stream and stop at the limit, whatever Content-Length or Transfer-Encoding claim.
  const payload = await readLimited(request, MAX_BODY_BYTES);
  if (payload === null) return json(413, 'Payload too large.');

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

  switch (await processWebhookDelivery(id, JSON.parse(payload))) {
    case 'processed':
      return json(200, 'ok');
    case 'repeat':
      return json(200, 'Already processed.');
    case 'retry_later':
      return json(503, 'Temporarily unable to process this delivery. Retry later.');
  }
}

/** Other methods get the same headers as every response (Next's automatic 405 would not carry them). */
function methodNotAllowed(): Response {
  const response = json(405, 'Method not allowed.');
  response.headers.set('Allow', 'POST');
  return response;
}
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as DELETE, methodNotAllowed as PATCH };

/** The body as text, or null as soon as it grows past `limit` bytes (the rest is never read). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** proxy.ts does not run for this route (see its matcher), so the route sets the headers itself. */
function json(status: number, message: string): Response {
  return Response.json({ message }, { status, headers: nonPageSecurityHeaders(env().appUrl) });
}
