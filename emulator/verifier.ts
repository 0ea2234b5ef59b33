import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './api';
import type { Account, Link } from './store';

/**
 * Composio's two defences against a Connect Link finished by someone other
 * than the person it was made for (docs.composio.dev, connected accounts,
 * "OAuth connection security"), as the emulator plays them:
 *
 * - The OAuth callback identity verifier, a per-project setting. After Allow
 *   the account stays INITIATED (deferred) and the browser goes to the
 *   project's verifier URL with a single-use, expiring `session_uri`; the app,
 *   which knows who is signed in in that browser, redeems it with
 *   `POST /connected_accounts/complete_auth` (routes/complete-auth.ts), and
 *   only the account's owner makes it ACTIVE.
 * - Same-browser binding of Composio-managed-auth links: finishing the page in
 *   a different browser than the one that opened it is refused with "This
 *   connection was started from a different browser or device".
 */

const DEFAULT_SESSION_TTL_MS = 10 * 60 * 1000;
const BINDING_COOKIE = 'composio_link_browser';

/**
 * The verifier URL a link's browser goes to after Allow, or null (the link
 * completes at once, as in a project without the verifier). One emulator
 * serves several apps in the tests, each its own "project": the registered
 * URL on the same origin as the link's callback URL is the one that applies.
 */
export function verifierUrlFor(ctx: EmulatorContext, link: Link, account: Account): string | null {
  if (ctx.config.verifier === false || !link.callbackUrl) return null;
  if (ctx.config.verifierOffForUsers?.includes(account.userId)) return null;
  const origin = originOf(link.callbackUrl);
  return (ctx.config.verifierUrls ?? []).find((url) => origin !== null && originOf(url) === origin) ?? null;
}

/** Defers the account behind a fresh `session_uri` and returns where to send the browser. Call inside `store.mutate`. */
export function deferToVerifier(link: Link, verifierUrl: string): string {
  const sessionUri = `vs_${randomBytes(24).toString('base64url')}`;
  link.verification = { sessionUri, createdAt: new Date().toISOString(), redeemed: false };
  const target = new URL(verifierUrl);
  target.searchParams.set('session_uri', sessionUri);
  return target.toString();
}

export function verificationSessionTtl(ctx: EmulatorContext): number {
  return ctx.config.verifierTtlMs ?? DEFAULT_SESSION_TTL_MS;
}

export function findVerification(ctx: EmulatorContext, sessionUri: string): { link: Link; account: Account } | null {
  for (const link of Object.values(ctx.store.state.links)) {
    if (link.verification?.sessionUri !== sessionUri) continue;
    const account = ctx.store.state.accounts[link.accountId];
    return account ? { link, account } : null;
  }
  return null;
}

/**
 * Binds a link to the first browser that opens its page: a cookie scoped to
 * the link's path. Returns whether the state changed (to be saved).
 */
export function bindBrowser(link: Link, res: ServerResponse): boolean {
  if (link.binding) return false;
  link.binding = randomBytes(18).toString('base64url');
  res.setHeader(
    'set-cookie',
    `${BINDING_COOKIE}=${link.binding}; Path=/link/${link.token}; HttpOnly; SameSite=Lax; Max-Age=3600`,
  );
  return true;
}

/**
 * Whether this request finishes a Composio-managed OAuth link in a browser
 * other than the one it was opened in. A link no browser has opened (a script
 * posting the form, as the contract tests and e2e set-up do) is not bound.
 */
export function fromOtherBrowser(ctx: EmulatorContext, link: Link, account: Account, req: IncomingMessage): boolean {
  const managed = ctx.store.state.authConfigs[account.authConfigId]?.isComposioManaged ?? true;
  if (!managed || account.authScheme === 'API_KEY' || !link.binding) return false;
  return cookieValue(req, BINDING_COOKIE) !== link.binding;
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
