import type { NextRequest } from 'next/server';
import { sessionUriSchema } from '@/lib/composio/complete-auth';
import { confirmVerifiedConnection } from '@/lib/composio/connect-flow';
import { answerConnectReturn } from '@/lib/composio/connect-return';

/**
 * Composio's OAuth callback identity verifier (register `APP_URL/api/composio/verify` in Composio's project
 * settings; docs/composio.md, "The identity verifier"): after the provider step the connection is deferred and
 * the browser arrives here with a single-use `session_uri`. A signed-out browser signs in and comes back; the
 * session is then redeemed for the user signed in here, and only its owner's connection completes.
 */
export function GET(request: NextRequest) {
  const values = request.nextUrl.searchParams.getAll('session_uri');
  const parsed = values.length === 1 ? sessionUriSchema.safeParse(values[0]) : null;
  return answerConnectReturn(request, () => confirmVerifiedConnection(parsed?.success ? parsed.data : null));
}
