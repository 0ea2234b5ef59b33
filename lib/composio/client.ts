import 'server-only';
import { Composio } from '@composio/core';
import { env } from '@/lib/env';

/** Per-request timeout. The SDK's own default is 60 s, far longer than a person waits on a settings page. */
const COMPOSIO_TIMEOUT_MS = 8_000;

let instance: Composio | undefined;

/**
 * The one Composio client of this server process.
 *
 * One instance, because every `new Composio()` otherwise asks the npm registry
 * for the latest SDK version, and telemetry is a process-wide singleton
 * (docs/composio.md, "The client"). Retries are ours, not the SDK's (lib/composio/call.ts):
 * the SDK would retry writes such as `link` too, and could create duplicate
 * connection attempts.
 */
export function composio(): Composio {
  if (instance) return instance;
  const config = env().composio;
  if (!config.telemetry) process.env.TELEMETRY_DISABLED = 'true';
  instance = new Composio({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    allowTracking: config.telemetry,
    disableVersionCheck: true,
  });
  // The core constructor does not forward these to its HTTP client; the
  // client reads both fields on every request.
  const http = instance.getClient();
  http.timeout = COMPOSIO_TIMEOUT_MS;
  http.maxRetries = 0;
  return instance;
}

/** Where Composio sends the browser after the Connect Link: built from APP_URL, never from a request's Host header. */
export function composioCallbackUrl(): string {
  return new URL('/api/composio/callback', env().appUrl).toString();
}

/**
 * The URL to register as the OAuth callback identity verifier in Composio's project settings
 * (app/api/composio/verify): built from APP_URL like the callback URL.
 */
export function composioVerifierUrl(): string {
  return new URL('/api/composio/verify', env().appUrl).toString();
}
