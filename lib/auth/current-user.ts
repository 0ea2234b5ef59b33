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

/**
 * The request's session: signed in, signed out, or unconfirmed, a signed
 * cookie whose session the database could not check (it is unreachable). An
 * unconfirmed session is not trusted: it reads no data and changes nothing, and
 * pages say so (SessionUnconfirmed) until the database answers again.
 */
export type SessionState =
  { status: 'signed-in'; user: CurrentUser } | { status: 'signed-out' } | { status: 'unconfirmed' };

/** The request's session, read once per request from the server session. */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return { status: 'signed-out' };
  if (session.unconfirmed) return { status: 'unconfirmed' };
  return {
    status: 'signed-in',
    user: {
      id,
      email: session.user.email ?? null,
      name: session.user.name ?? null,
      sessionId: session.sessionId ?? null,
    },
  };
});

/** The signed-in user; null when signed out, and when the session cannot be confirmed (it is not trusted). */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getSessionState();
  return session.status === 'signed-in' ? session.user : null;
}

/**
 * For data functions and actions: the signed-in user, or the user-facing
 * "session ended" (or "can't confirm your session") error. Each data function
 * calls this itself rather than trusting a user id handed to it, so no caller
 * can act for someone else.
 */
export async function getSignedInUser(): Promise<CurrentUser> {
  const session = await getSessionState();
  if (session.status === 'unconfirmed') throw new UserFacingError('session:unconfirmed');
  if (session.status === 'signed-out') throw new UserFacingError('unauthenticated');
  return session.user;
}

/**
 * For pages: the signed-in user, or a redirect to sign-in that comes back to
 * `returnTo`; null when the session cannot be confirmed, for the page to
 * render SessionUnconfirmed instead of anything of the user's.
 */
export async function requireUser(returnTo: string): Promise<CurrentUser | null> {
  const session = await getSessionState();
  if (session.status === 'signed-out') redirect(signInPath(returnTo));
  return session.status === 'signed-in' ? session.user : null;
}
