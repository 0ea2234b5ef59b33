import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from './next-auth';
import { UserFacingError } from '../errors';
import { signInPath } from './sign-in-path';

export type CurrentUser = {
  /** The Composio user id: the only identity ever sent to Composio. */
  id: string;
  email: string | null;
  name: string | null;
  /** This sign-in's row in `sessions` (lib/sessions/session-store.ts). */
  sessionId: string | null;
};

/** The signed-in user, read once per request from the server session. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return {
    id,
    email: session.user.email ?? null,
    name: session.user.name ?? null,
    sessionId: session.sessionId ?? null,
  };
});

/**
 * For data functions: the signed-in user, or the user-facing "session ended"
 * error. Each data function calls this itself rather than trusting a user id
 * handed to it, so no caller can act for someone else.
 */
export async function getSignedInUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UserFacingError('unauthenticated');
  return user;
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}
