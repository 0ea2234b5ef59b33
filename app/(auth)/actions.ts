'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { DEMO_PROVIDER_ID, demoEmailSchema, signIn, signInOptions, signOut } from '@/lib/auth/next-auth';
import { returnPathSchema } from '@/lib/http/safe-redirect';
import { isSessionStoreFailure } from '@/lib/sessions/session-store';
import { site } from '@/lib/site';

export type SignInState = { error?: string; email?: string };

// Sign-in fails closed when the session cannot be recorded: a session that could not be revoked is never handed out.
const SIGN_IN_UNAVAILABLE =
  'Sign-in is unavailable right now: the app cannot reach its database. Nothing was changed; try again in a few minutes.';

const demoSignInInput = z.object({
  email: demoEmailSchema,
  callbackUrl: returnPathSchema(site.home),
});

export async function signInWithDemo(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const input = demoSignInInput.safeParse({
    email: formData.get('email'),
    callbackUrl: formData.get('callbackUrl') ?? undefined,
  });
  const email = String(formData.get('email') ?? '').slice(0, 254);
  if (!input.success) return { error: input.error.issues[0]?.message ?? 'Enter a valid email address', email };
  if (!signInOptions().demo) return { error: 'Demo sign-in is turned off on this server.', email };

  try {
    await signIn(DEMO_PROVIDER_ID, {
      email: input.data.email,
      redirectTo: input.data.callbackUrl,
    });
  } catch (error) {
    // signIn() redirects by throwing; only Auth.js's own errors are failures.
    if (error instanceof AuthError && isSessionStoreFailure(error)) return { error: SIGN_IN_UNAVAILABLE, email };
    if (error instanceof AuthError) return { error: 'Sign-in failed. Check the email address and try again.', email };
    throw error;
  }
  return {};
}

const oauthSignInInput = z.object({
  provider: z.enum(['github', 'google']),
  callbackUrl: returnPathSchema(site.home),
});

export async function signInWithOAuth(formData: FormData): Promise<void> {
  const input = oauthSignInInput.safeParse({
    provider: formData.get('provider'),
    callbackUrl: formData.get('callbackUrl') ?? undefined,
  });
  if (!input.success || !signInOptions()[input.data.provider]) return;
  await signIn(input.data.provider, { redirectTo: input.data.callbackUrl });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}
