import type { NextRequest } from 'next/server';
import { confirmCallback, parseCallbackQuery } from '@/lib/composio/connect-flow';
import { answerConnectReturn } from '@/lib/composio/connect-return';

/**
 * Where Composio sends the browser back after the Connect Link, with
 * `status` and `connected_account_id` appended, in a project without the
 * identity verifier (or for a link the verifier does not cover). Verified
 * server-side in confirmCallback.
 */
export function GET(request: NextRequest) {
  return answerConnectReturn(request, () => confirmCallback(parseCallbackQuery(request.nextUrl.searchParams)));
}
