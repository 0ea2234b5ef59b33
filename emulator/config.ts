/**
 * The emulator's settings, all from the environment:
 * - COMPOSIO_EMULATOR_PORT (4599): port on 127.0.0.1.
 * - COMPOSIO_EMULATOR_API_KEY (emulator-local-key): the only `x-api-key` accepted.
 * - COMPOSIO_EMULATOR_DATA_DIR (.emulator-data): where state.json is kept between restarts.
 * - COMPOSIO_EMULATOR_WEBHOOK_URL + COMPOSIO_WEBHOOK_SECRET: where and how to sign webhooks.
 * - COMPOSIO_EMULATOR_LINK_TTL_MS (600000): a Connect Link's lifetime, 10 minutes like Composio's.
 * - COMPOSIO_EMULATOR_CATALOG_SIZE: serve only the N most used toolkits of the real catalog (1,595 without it),
 *   plus those COMPOSIO_EMULATOR_CATALOG_INCLUDE names (comma-separated slugs).
 * - COMPOSIO_EMULATOR_VERIFIER_URL: the OAuth callback identity verifier URL(s) registered for the project, separated
 *   by spaces (one per app origin sharing this emulator; `npm run dev` and the e2e servers register the app's).
 * - COMPOSIO_EMULATOR_VERIFIER=off: a project that has not enabled the verifier, whatever URL is registered.
 * - COMPOSIO_EMULATOR_VERIFIER_TTL_MS (600000): how long a verifier's `session_uri` can be redeemed.
 */
export type EmulatorConfig = {
  port: number;
  apiKey: string;
  dataDir: string;
  webhookUrl?: string;
  webhookSecret?: string;
  linkTtlMs: number;
  catalogSize?: number;
  catalogInclude?: string[];
  /** The verifier URLs registered; with `verifier` off (or none matching a link's callback) links complete at once. */
  verifierUrls?: string[];
  /** Whether the project has the verifier enabled; the `/_emulator/verifier` control changes it at run time. */
  verifier?: boolean;
  /** Users whose links complete as in a project without the verifier (the control, for journeys run side by side). */
  verifierOffForUsers?: string[];
  verifierTtlMs?: number;
};

export const DEFAULT_PORT = 4599;
export const DEFAULT_API_KEY = 'emulator-local-key';

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const number = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
  return {
    port: number(env.COMPOSIO_EMULATOR_PORT) ?? DEFAULT_PORT,
    apiKey: env.COMPOSIO_EMULATOR_API_KEY || DEFAULT_API_KEY,
    dataDir: env.COMPOSIO_EMULATOR_DATA_DIR || '.emulator-data',
    webhookUrl: env.COMPOSIO_EMULATOR_WEBHOOK_URL || undefined,
    webhookSecret: env.COMPOSIO_WEBHOOK_SECRET || undefined,
    linkTtlMs: number(env.COMPOSIO_EMULATOR_LINK_TTL_MS) ?? 10 * 60 * 1000,
    catalogSize: number(env.COMPOSIO_EMULATOR_CATALOG_SIZE),
    catalogInclude: env.COMPOSIO_EMULATOR_CATALOG_INCLUDE?.split(',')
      .map((slug) => slug.trim())
      .filter(Boolean),
    verifierUrls: (env.COMPOSIO_EMULATOR_VERIFIER_URL ?? '').split(/[\s,]+/).filter(Boolean),
    verifier: env.COMPOSIO_EMULATOR_VERIFIER !== 'off',
    verifierTtlMs: number(env.COMPOSIO_EMULATOR_VERIFIER_TTL_MS) ?? 10 * 60 * 1000,
  };
}
