import type { NextConfig } from 'next';

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
};

export default nextConfig;
