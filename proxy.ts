import { NextResponse, type NextRequest } from 'next/server';
import { hasSessionCookie } from '@/lib/auth/next-auth';
import { env } from '@/lib/env';
import { composioBrowserOrigins } from '@/lib/composio/origins';
import { securityHeaders } from '@/lib/http/security-headers';
import { signInPath } from '@/lib/auth/sign-in-path';

/** Pages only people who are signed in may see; the rest of the app is public. */
const signedInArea = ['/settings', '/onboarding'];

/**
 * Runs before every page and route: sets the security headers (with a fresh
 * CSP nonce per page request; build output gets fixed ones from next.config.ts) and sends signed-out visitors of the signed-in area
 * to /sign-in and back again. Pages and actions still check the session
 * themselves: this redirect is for people, not the security boundary, so it
 * reads the signed cookie only and leaves the database to the page.
 */
export async function proxy(request: NextRequest) {
  const settings = env();
  const { pathname, search } = request.nextUrl;

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const headers = securityHeaders({
    nonce,
    isDev: settings.nodeEnv === 'development',
    appUrl: settings.appUrl,
    composio: composioBrowserOrigins(settings.composio),
  });

  const guarded = signedInArea.some((area) => pathname === area || pathname.startsWith(`${area}/`));
  let response: NextResponse;
  if (guarded && !(await hasSessionCookie(request))) {
    response = NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.nextUrl));
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  return withHeaders(response, headers);
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every path, public files and 404s included, so every response carries the headers. Except build output, whose
  // fixed headers next.config.ts serves without running this for each file, and the webhook itself: Next.js buffers
  // the body of any request a proxy sees (up to 10 MB) before the route can refuse it, and the webhook must stop
  // reading at 64 kB; it sets the same non-CSP headers itself. Only that exact path: anything under it
  // (`/api/composio/webhook/x`) is a 404 page, and gets the headers here.
  matcher: [{ source: '/((?!api/composio/webhook$|_next/static/).*)' }],
};
