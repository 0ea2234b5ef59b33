import type { NextConfig } from 'next';
import { nonPageSecurityHeaders } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The Dockerfile builds with NEXT_OUTPUT=standalone for a small image; `next start` keeps the default.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  // The Composio SDK (and its openai/pusher/undici dependencies) is loaded by
  // Node at run time instead of being bundled: smaller server bundles, faster
  // builds, and one copy of @composio/client, so `instanceof APIError` holds.
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ['@composio/core', '@composio/client', '@electric-sql/pglite'],
  // Build output (scripts, styles, fonts) is never a page: its fixed headers are served here, so proxy.ts does not
  // run for each file (see its matcher). Without HSTS: this list is fixed at build time, while APP_URL (which decides
  // HSTS) is read at run time; a browser has HSTS from the page that loads these files anyway.
  headers: async () => [
    {
      source: '/_next/static/:path*',
      headers: Object.entries(nonPageSecurityHeaders('http:')).map(([key, value]) => ({ key, value })),
    },
  ],
};

export default nextConfig;
