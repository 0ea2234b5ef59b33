import type { ComposioBrowserOrigins } from '@/lib/composio/origins';

/** Two years, as the HSTS preload list asks. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Headers every response carries, HTML or not: no MIME sniffing, no full
 * referrer to other sites, no framing, and HSTS whenever the app's public
 * origin is https (APP_URL, never the request, decides).
 */
export function baseSecurityHeaders(appUrl: string): Record<string, string> {
  return {
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    ...(appUrl.startsWith('https:') ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/**
 * Headers for a response that is not a page (the webhook's JSON, build
 * output under /_next/static): nothing in it may load or run anything, so its
 * CSP allows nothing and needs no nonce.
 */
export function nonPageSecurityHeaders(appUrl: string): Record<string, string> {
  return { 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'", ...baseSecurityHeaders(appUrl) };
}

/**
 * Every security header the app sends, built in one place and applied by
 * proxy.ts to every response but the webhook's and build output's. The Content-Security-Policy is nonce-based:
 * Next.js reads the nonce from the request's CSP header and puts it on its
 * own scripts, and 'strict-dynamic' lets those load the rest. Other origins
 * are listed one by one, derived from configuration: the browser may load
 * images only from Composio's logo origin(s) and leave through a form only to
 * the Connect Link origin(s).
 */
export function securityHeaders(options: {
  nonce: string;
  isDev: boolean;
  appUrl: string;
  composio: ComposioBrowserOrigins;
}): Record<string, string> {
  const { nonce, isDev, appUrl, composio } = options;
  const list = (origins: string[]) => origins.map((origin) => ` ${origin}`).join('');
  const csp = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? ` 'unsafe-eval'` : ''}`,
    // 'unsafe-inline' for styles only, because a nonce cannot cover them: Sonner inserts its stylesheet as a
    // <style> element at run time, and Radix and Next.js render style="" attributes (popper positions,
    // visually hidden inputs). Styles cannot run script, and script-src stays nonce-only.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:${list(composio.logos)}`,
    `font-src 'self'`,
    // The dev server's hot reload talks over a websocket; production talks only to its own origin.
    `connect-src 'self'${isDev ? ' ws:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    // Connect sends the browser to the Connect Link; without JavaScript that is a form post answered with a redirect.
    `form-action 'self'${list(composio.connectLinks)}`,
    `frame-ancestors 'none'`,
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    // A page that opened the app (a link with target=_blank, window.open) keeps no handle on its window, so it
    // cannot later navigate the app's tab somewhere else. Connect's popup does not need one either: its last page
    // tells the app's windows over a BroadcastChannel (lib/connection-finished.ts), and the tab's own status
    // checks settle the attempt if that message never arrives.
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...baseSecurityHeaders(appUrl),
  };
}
