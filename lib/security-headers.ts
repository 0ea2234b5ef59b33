/**
 * Every security header the app sends, built in one place and applied by
 * proxy.ts to every page and route. The Content-Security-Policy is
 * nonce-based: Next.js reads the nonce from the request's CSP header and puts
 * it on its own scripts, and 'strict-dynamic' lets those load the rest.
 */
export function securityHeaders(options: {
  nonce: string;
  isDev: boolean;
  composioOrigin?: string;
}): Record<string, string> {
  const { nonce, isDev, composioOrigin } = options;
  // The local emulator serves logos and the stand-in Connect Link over plain http on loopback.
  const emulator = composioOrigin?.startsWith('http://') ? ` ${composioOrigin}` : '';
  const csp = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob: https:${emulator}`,
    `font-src 'self' data:`,
    `connect-src 'self'${isDev ? ' ws:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    // Connect Links live on Composio's domain; server actions may redirect the browser there.
    `form-action 'self' https:${emulator}`,
    `frame-ancestors 'none'`,
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  };
}
