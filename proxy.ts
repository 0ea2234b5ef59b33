import { NextResponse, type NextRequest } from 'next/server';
import { auth } from '@/lib/auth';

/**
 * Sends signed-out visitors of the signed-in area to /sign-in and back again.
 * Pages and actions still check the session themselves: this is the friendly
 * redirect, not the security boundary.
 */
export async function proxy(request: NextRequest) {
  const session = await auth();
  if (session?.user?.id) return NextResponse.next();
  const signIn = new URL('/sign-in', request.nextUrl);
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ['/settings/:path*', '/onboarding/:path*'],
};
