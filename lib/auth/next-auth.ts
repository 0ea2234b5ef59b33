import 'server-only';
import NextAuth, { AuthError, type NextAuthConfig } from 'next-auth';
import { getToken } from 'next-auth/jwt';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { z } from 'zod';
import { clearPendingAttempts } from '../composio/pending-attempt';
import { env } from '../env';
import { errorCauses, UserFacingError } from '../errors';
import { checkSession, endSession, recordSignIn, SESSION_MAX_AGE_SECONDS } from '../sessions/session-store';
import { safeReturnPath } from '../http/safe-redirect';
import { site } from '../site';
import { appCookie } from './secret-keys';
import { composioUserId, normaliseEmail } from './user-id';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; image?: string | null };
    /** Which of the user's sessions this is, to mark "this device" in Profile. */
    sessionId?: string;
    /** The database could not say whether this session is still active: it is not trusted (lib/auth/current-user.ts). */
    unconfirmed?: boolean;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    /** The Composio user id (see lib/auth/user-id.ts), fixed at sign-in. */
    uid?: string;
    /** The `sessions` row of this sign-in (lib/sessions/session-store.ts): revoking it ends the cookie. */
    sid?: string;
    /** Set on each read while the session cannot be checked; never carried over from an earlier read. */
    unconfirmed?: boolean;
  }
}

export const DEMO_PROVIDER_ID = 'demo';

export const demoEmailSchema = z.email({ error: 'Enter a valid email address' }).max(254, 'That email is too long');

function buildConfig(): NextAuthConfig {
  const config = env();
  const providers: NextAuthConfig['providers'] = [];
  if (config.github) providers.push(GitHub(config.github));
  if (config.google) providers.push(Google(config.google));
  if (config.demoLogin) {
    providers.push(
      Credentials({
        id: DEMO_PROVIDER_ID,
        name: 'Demo',
        credentials: { email: { label: 'Email', type: 'email' } },
        authorize(credentials) {
          const email = demoEmailSchema.safeParse(credentials?.email);
          if (!email.success) return null;
          const normalised = normaliseEmail(email.data);
          return { id: composioUserId({ demoEmail: normalised }), email: normalised, name: normalised.split('@')[0] };
        },
      }),
    );
  }

  return {
    secret: config.authSecret,
    // Self-hosted deployments sit behind proxies; APP_URL, not the Host
    // header, is what Composio callbacks are built from (lib/composio).
    trustHost: true,
    // On https every Auth.js cookie is Secure. Decided by APP_URL, not by the request, because TLS usually ends at
    // a proxy in front of the app. Their names: authCookies.
    useSecureCookies: config.appUrl.startsWith('https:'),
    cookies: authCookies(config.appUrl),
    // The cookie's lifetime; lib/sessions/queries.ts deletes rows unused for longer, which no cookie can still name.
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    // Failures (e.g. an OAuth sign-in whose session could not be recorded) come back to the sign-in page, which says so.
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers,
    logger: { error: logAuthError },
    callbacks: {
      // Auth.js's own endpoints take a callbackUrl too (`/api/auth/signin?callbackUrl=…`): the same rule as every other redirect.
      redirect({ url, baseUrl }) {
        const target = URL.canParse(url) ? new URL(url) : null;
        const path =
          target?.origin === new URL(baseUrl).origin ? `${target.pathname}${target.search}${target.hash}` : url;
        return new URL(safeReturnPath(path, site.home), baseUrl).toString();
      },
      async jwt({ token, user, account }) {
        if (account && user) {
          const uid =
            account.provider === DEMO_PROVIDER_ID
              ? user.id
              : composioUserId({ provider: account.provider, providerAccountId: account.providerAccountId });
          if (!uid) return null;
          return { ...token, uid, sid: await recordSignIn(uid) };
        }
        // Every later read of the cookie: null signs it out (Auth.js clears the cookie where it can). An unconfirmed
        // session keeps its cookie, to be checked again on the next request, but is marked: nothing trusts it.
        const rest = { ...token };
        delete rest.unconfirmed;
        const check = rest.uid ? await checkSession(rest.sid, rest.uid) : 'ended';
        if (check === 'ended') return null;
        return check === 'unconfirmed' ? { ...rest, unconfirmed: true } : rest;
      },
      session({ session, token }) {
        if (token.uid) session.user.id = token.uid;
        session.sessionId = token.sid;
        if (token.unconfirmed) session.unconfirmed = true;
        return session;
      },
    },
    events: {
      async signOut(message) {
        // The pending attempts carry Connect Links: it must not outlive the session that started it.
        await clearPendingAttempts();
        if ('token' in message) await endSession(message.token?.sid, message.token?.uid);
      },
    },
  };
}

/** Auth.js's cookies, by its own keys; the names are Auth.js's, the prefix is the app's (appCookie). */
const AUTH_COOKIES = {
  sessionToken: 'authjs.session-token',
  callbackUrl: 'authjs.callback-url',
  csrfToken: 'authjs.csrf-token',
  pkceCodeVerifier: 'authjs.pkce.code_verifier',
  state: 'authjs.state',
  nonce: 'authjs.nonce',
  webauthnChallenge: 'authjs.challenge',
} as const;

/**
 * Every Auth.js cookie named as the app's own (appCookie): on https `__Host-`, which browsers accept only from this
 * very origin over https with `Path=/` and no `Domain`. Auth.js's own https names are `__Secure-` (any `Domain`,
 * any `Path`): a sibling subdomain could plant its session for the whole domain, or a narrower `Path=/settings` one
 * sent before the real cookie, and the victim's next Connect would land on the planter's Composio user id. Auth.js
 * keeps its other defaults (httpOnly, SameSite=Lax, the 15-minute lifetime of the OAuth state cookies).
 */
function authCookies(appUrl: string): NextAuthConfig['cookies'] {
  const cookie = (name: string) => {
    const { name: prefixed, secure } = appCookie(name, appUrl);
    return { name: prefixed, options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure } };
  };
  return Object.fromEntries(Object.entries(AUTH_COOKIES).map(([key, name]) => [key, cookie(name)]));
}

/** The session cookie's name: the proxy reads it without Auth.js (hasSessionCookie). */
function sessionCookieName(appUrl: string): string {
  return appCookie(AUTH_COOKIES.sessionToken, appUrl).name;
}

/** Auth.js error types that mean a sign-in was refused (bad credentials, a forged form), not that something broke. */
const refusals = new Set(['CredentialsSignin', 'AccessDenied', 'MissingCSRF', 'OAuthCallbackError', 'Verification']);

/**
 * Refused sign-ins are everyday traffic: one line each. Asking for a provider this deployment does not offer (the
 * demo sign-in when it is off) is one of them; Auth.js reports it as a plain Error. Anything else stays loud.
 */
function logAuthError(error: Error): void {
  const refused =
    (error instanceof AuthError && error.type !== undefined && refusals.has(error.type)) ||
    /^Provider with id "[^"]*" not found/.test(error.message);
  if (refused) return console.warn(`[auth] sign-in refused: ${error.message.split('\n')[0]}`);
  // A failure the user was already told about (the database is down): session-store logged its cause.
  const explained = [...errorCauses(error)].find((cause) => cause instanceof UserFacingError);
  if (explained) return console.warn(`[auth] sign-in failed: ${explained.code}`);
  console.error('[auth]', error);
}

export const { handlers, auth, signIn, signOut } = NextAuth(buildConfig);

/**
 * Whether the request carries a signed, unexpired session cookie of a signed-in
 * user: the cookie alone, with no database query. For the proxy's redirect of
 * signed-out visitors only. Whether the session is still active (not signed
 * out elsewhere) is the page's check, through `auth()`: one session query per
 * view, not one in the proxy and another in the render.
 */
export async function hasSessionCookie(request: Request): Promise<boolean> {
  const config = env();
  const token = await getToken({
    req: request,
    secret: config.authSecret,
    // Also the salt Auth.js seals the cookie with.
    cookieName: sessionCookieName(config.appUrl),
  }).catch(() => null);
  return Boolean(token?.uid && token.sid);
}

export type SignInOptions = { demo: boolean; github: boolean; google: boolean };

/** Which sign-in methods the sign-in page should offer. */
export function signInOptions(): SignInOptions {
  const config = env();
  return { demo: config.demoLogin, github: Boolean(config.github), google: Boolean(config.google) };
}
