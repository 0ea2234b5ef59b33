/**
 * The sign-in page, coming back to `returnTo` afterwards. The sign-in page
 * checks `callbackUrl` itself (lib/http/safe-redirect.ts), so this only builds the URL.
 */
export function signInPath(returnTo: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`;
}
