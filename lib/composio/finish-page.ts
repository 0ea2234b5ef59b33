import 'server-only';
import { decode, encode } from 'next-auth/jwt';
import { env } from '@/lib/env';

/**
 * The popup's finish page (app/connected/page.tsx) tells the app's other
 * windows to re-render and re-check their attempts. Anyone can open
 * `/connected`, so it announces only with a proof that this app's callback
 * just finished an attempt of the signed-in user: sealed with AUTH_SECRET
 * (Auth.js's own JWE, with a salt of its own so no other sealed value passes
 * for it), bound to the user, valid for a minute. Another site opening the
 * page, or the planter of someone else's proof, announces nothing.
 */
const SALT = 'connection-finished/v1';
const PROOF_MAX_AGE_SECONDS = 60;

const FINISHED_PATH = '/connected';

/** Where the callback sends a popup: `returnTo` is where the window goes if it cannot close itself. */
export async function connectionFinishedPath(returnTo: string, userId: string): Promise<string> {
  const proof = await encode({
    token: { sub: userId },
    secret: env().authSecret,
    salt: SALT,
    maxAge: PROOF_MAX_AGE_SECONDS,
  });
  return `${FINISHED_PATH}?${new URLSearchParams({ to: returnTo, proof })}`;
}

/** Whether the finish page may announce: `proof` is the callback's, unexpired, for `userId`. */
export async function isConnectionFinishedProof(proof: unknown, userId: string): Promise<boolean> {
  if (typeof proof !== 'string' || proof.length > 2048) return false;
  const token = await decode({ token: proof, secret: env().authSecret, salt: SALT }).catch(() => null);
  return token?.sub === userId;
}
