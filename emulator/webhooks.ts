import { createHmac, randomUUID } from 'node:crypto';

type Delivery = { delivered: boolean; status?: number; error?: string };

/**
 * Delivers an event the way Composio signs webhooks:
 * HMAC-SHA256 over `${id}.${timestamp}.${body}` with the secret's UTF-8 bytes
 * as the key (not base64-decoded), sent as `webhook-signature: v1,<base64>`.
 * `copies` > 1 sends the identical signed request again, one after the other,
 * as a delivery retried after a lost answer arrives: the receiver must act once.
 */
export async function deliverWebhook(
  url: string,
  secret: string,
  type: string,
  data: unknown,
  copies = 1,
): Promise<Delivery[]> {
  const id = `msg_${randomUUID()}`;
  const body = JSON.stringify({
    id,
    timestamp: new Date().toISOString(),
    type,
    metadata: { project_id: 'pr_emulator', org_id: 'ok_emulator' },
    data,
  });
  const signed = webhookSignatureHeaders(secret, id, Math.floor(Date.now() / 1000).toString(), body);
  const deliveries: Delivery[] = [];
  for (let copy = 0; copy < copies; copy++) deliveries.push(await send(url, signed, body));
  return deliveries;
}

/** The headers that sign one delivery (the e2e fixtures sign their hand-made deliveries with it too). */
export function webhookSignatureHeaders(secret: string, id: string, timestamp: string, body: string) {
  const signature = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

async function send(url: string, signed: Record<string, string>, body: string): Promise<Delivery> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signed,
        'x-composio-webhook-version': 'V3',
        'x-composio-delivery-attempt': '1',
      },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    return { delivered: response.ok, status: response.status };
  } catch (error) {
    return { delivered: false, error: (error as Error).message };
  }
}
