import 'server-only';
import type { NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/current-user';
import { signInPath } from '@/lib/auth/sign-in-path';
import { connectionFinishedPath } from '@/lib/composio/finish-page';
import { setFlash } from '@/lib/http/flash';
import { safeReturnPath } from '@/lib/http/safe-redirect';
import type { CallbackOutcome } from './connect-flow';

/**
 * The one way the browser comes back from a Connect Link, whether to the
 * callback or to the identity verifier: a signed-out browser signs in first
 * and returns to the same URL; then `confirm` decides, and the answer is
 * always a redirect with a message, never a 500.
 */
export async function answerConnectReturn(
  request: NextRequest,
  confirm: () => Promise<CallbackOutcome>,
): Promise<Response> {
  // A client-side navigation here (the sign-in form's redirect back is one) is a fetch for the router's payload
  // (`RSC: 1`): it would follow the redirect and render the next page under this URL. A plain answer makes the
  // router load this URL as a document instead, so the return is handled once, by that request.
  if (request.headers.get('rsc') === '1') {
    return new Response('Loading…', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
  }
  const user = await getCurrentUser();
  if (!user) {
    const back = `${request.nextUrl.pathname}${request.nextUrl.search}`.slice(0, 2048);
    return redirectTo(signInPath(back));
  }

  const { returnTo, flash, popup } = await confirm().catch((error: unknown): CallbackOutcome => {
    console.error('[composio] callback failed unexpectedly', error);
    return {
      returnTo: '/settings/integrations',
      popup: false,
      flash: { type: 'error', message: 'Something went wrong while confirming the connection. Please try again.' },
    };
  });
  // The stored path was checked when the attempt was saved; checked again here because this is where it becomes a Location.
  const location = safeReturnPath(returnTo, '/settings/integrations');
  // The message is for the page the person returns to; a popup's opener reads it when it refreshes.
  if (flash) await setFlash(flash, location);
  // An attempt sealed as started in a popup ends on the page that tells the opener and closes itself.
  return redirectTo(popup ? await connectionFinishedPath(location, user.id) : location);
}

/** A relative Location: the browser stays on whatever origin it used, whatever the Host header claims. */
function redirectTo(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });
}
