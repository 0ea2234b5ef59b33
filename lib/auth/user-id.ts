import { createHash } from 'node:crypto';

/**
 * The rule that decides whose Composio connections a signed-in person sees:
 * the returned id is sent to Composio as `user_id`, so it must be the same on
 * every sign-in of the same person and different for everyone else.
 *
 * - OAuth sign-in: `<provider>:<provider account id>` (e.g. `github:583231`).
 *   Emails can change or be reused; the provider's account id cannot.
 * - Demo sign-in: `demo:<first 24 hex chars of sha256(normalised email)>`.
 *   Hashing keeps the email itself out of Composio; normalising (trim, NFC,
 *   lower-case) makes `Alice@Example.com ` and `alice@example.com` one person.
 *
 * The id never contains a comma: Composio sends list filters such as
 * `user_ids` comma-joined in one query parameter.
 */
export function composioUserId(
  identity: { provider: string; providerAccountId: string } | { demoEmail: string },
): string {
  if ('demoEmail' in identity) {
    const digest = createHash('sha256').update(normaliseEmail(identity.demoEmail)).digest('hex');
    return `demo:${digest.slice(0, 24)}`;
  }
  const provider = identity.provider.toLowerCase().replace(/[^a-z0-9-]/g, '');
  const accountId = identity.providerAccountId.replace(/[^A-Za-z0-9._@-]/g, '');
  if (!provider || !accountId) throw new Error('An OAuth identity needs a provider and a provider account id');
  return `${provider}:${accountId}`;
}

export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}
