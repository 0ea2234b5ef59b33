import 'server-only';
import { ComposioCallError } from '@/lib/composio/call';
import { readToolkitCatalog, type ToolkitCatalog } from '@/lib/composio/catalog';
import { composioCallbackUrl, composioVerifierUrl } from '@/lib/composio/client';
import { lastConnection } from '@/lib/activity/queries';
import type { CurrentUser } from '@/lib/auth/current-user';
import { callbackUrlCheck } from '@/lib/setup/callback-url-check';
import { database } from '@/lib/db/client';
import { migrationStatus } from '@/lib/db/migration-status';
import { env, type EnvName } from '@/lib/env';
import { offeredToolkits } from '@/lib/toolkits';
import { databaseErrorSummary } from '@/lib/db/error-summary';

export type CheckState = 'ok' | 'warning' | 'error';

export type SetupCheck = {
  label: string;
  state: CheckState;
  detail: string;
  /** The variable to set (or change) to resolve a warning or error. */
  variable?: EnvName;
};

/**
 * Who may see the setup page: everyone signed in during development; in
 * production only the user ids listed in SETUP_PAGE_USERS (the deployer),
 * because it describes how the deployment is configured.
 */
export function canSeeSetup(user: CurrentUser | null): boolean {
  if (!user) return false;
  const config = env();
  return config.nodeEnv !== 'production' || config.setupPageUsers.includes(user.id);
}

/**
 * What is configured and what is missing, each gap naming the variable that
 * fills it. The settings page's catalog query, uncached, checks both the API
 * key and the configured toolkits: never stale, and never at odds with the page.
 */
export async function runSetupChecks(): Promise<SetupCheck[]> {
  const config = env();
  const checks: SetupCheck[] = [];
  const production = config.nodeEnv === 'production';

  checks.push({
    label: 'Composio API',
    state: 'ok',
    detail: config.composio.usesLocalEmulator
      ? `The local emulator at ${config.composio.baseUrl}: connections are simulated. Set COMPOSIO_API_KEY (and unset COMPOSIO_BASE_URL) to use Composio.`
      : `${config.composio.baseUrl ?? 'https://backend.composio.dev'} (Composio's cloud unless COMPOSIO_BASE_URL says otherwise).`,
    variable: config.composio.usesLocalEmulator ? 'COMPOSIO_API_KEY' : undefined,
  });

  let catalog: ToolkitCatalog | null = null;
  try {
    catalog = await readToolkitCatalog(false);
    checks.push({
      label: 'Composio API key',
      state: 'ok',
      detail: `Set and accepted (${catalog.listed} toolkits listed).`,
    });
  } catch (error) {
    const failure = error instanceof ComposioCallError ? error.failure : 'unknown';
    checks.push(
      failure === 'auth'
        ? {
            label: 'Composio API key',
            state: 'error',
            detail: 'Composio rejected the key.',
            variable: 'COMPOSIO_API_KEY',
          }
        : {
            label: 'Composio API key',
            state: 'error',
            detail: `Composio could not be reached to check the key (${failure}). Check the network and the base URL.`,
            variable: 'COMPOSIO_BASE_URL',
          },
    );
  }

  if (catalog) {
    const { missing } = catalog;
    checks.push(
      missing.length === 0
        ? {
            label: 'Toolkits',
            state: 'ok',
            detail: `All ${offeredToolkits.length} toolkits in lib/toolkits.ts are in the catalog${config.toolkitsShowAll ? ', and the whole catalog is listed after them' : ''}.`,
          }
        : {
            label: 'Toolkits',
            state: 'warning',
            detail: `Not in the catalog, so not shown: ${missing.join(', ')}. Fix the slugs in lib/toolkits.ts.`,
          },
    );
  }

  checks.push(
    callbackUrlCheck({
      callbackUrl: composioCallbackUrl(),
      appUrlConfigured: config.appUrlConfigured,
      production,
      servedPort: process.env.PORT,
    }),
  );

  checks.push(await verifierCheck());

  checks.push(
    config.composio.webhookSecret
      ? {
          label: 'Webhook',
          state: 'ok',
          detail: `Signed webhooks are verified at ${new URL('/api/composio/webhook', config.appUrl)}.`,
        }
      : {
          label: 'Webhook',
          state: 'warning',
          detail:
            'Not configured: an expired connection shows as Expired only on the next page load. Subscribe a webhook in Composio and set its secret.',
          variable: 'COMPOSIO_WEBHOOK_SECRET',
        },
  );

  const providers = [config.github && 'GitHub', config.google && 'Google'].filter(Boolean).join(', ');
  checks.push({
    label: 'Sign-in providers',
    state: providers ? 'ok' : production ? 'error' : 'warning',
    detail: providers
      ? `${providers}.`
      : 'None besides the demo sign-in. Add GitHub or Google before real people sign in.',
    variable: providers ? undefined : 'AUTH_GITHUB_ID',
  });

  checks.push({
    label: 'Demo sign-in',
    state: config.demoLogin && production ? 'error' : 'ok',
    detail: config.demoLogin
      ? 'On: anyone can sign in as any email address. Fine locally; turn it off in production.'
      : 'Off.',
    variable: config.demoLogin ? 'AUTH_DEMO_LOGIN' : undefined,
  });

  checks.push(await databaseCheck(production));

  return checks;
}

/**
 * Composio's OAuth callback identity verifier is a project setting the app cannot read: the last connection tells
 * whether it is on (it came through the verify route) or off (the plain callback). Without it, a Connect Link
 * connects the account of whoever finishes it to the user who started it.
 */
async function verifierCheck(): Promise<SetupCheck> {
  const register = `Register ${composioVerifierUrl()} as the OAuth callback verifier URL in Composio's project settings.`;
  let last: Awaited<ReturnType<typeof lastConnection>>;
  try {
    last = await lastConnection(database().db);
  } catch (error) {
    console.error(`[setup] the last connection could not be read: ${databaseErrorSummary(error)}`);
    return {
      label: 'Identity verifier',
      state: 'warning',
      detail: `${register} Whether it is on can't be told while the database is unreachable.`,
    };
  }
  if (!last) {
    return {
      label: 'Identity verifier',
      state: 'warning',
      detail: `${register} No connection yet shows whether it is on.`,
    };
  }
  const which = `The last connection (${last.toolkit}, ${last.at.toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
  return last.viaVerifier
    ? { label: 'Identity verifier', state: 'ok', detail: `${register} ${which} came through it.` }
    : {
        label: 'Identity verifier',
        state: 'warning',
        detail: `${register} ${which} came through the plain callback: the verifier is off, and a Connect Link connects whoever finishes it.`,
      };
}

/** Which database, whether it answers, and whether it has every migration this build ships. */
async function databaseCheck(production: boolean): Promise<SetupCheck> {
  const { target, db } = database();
  const where =
    target.kind === 'postgres'
      ? `Postgres at ${target.host}`
      : `The embedded database (PGlite) in ${target.dataDir}${production ? ', which serves a single instance only' : ''}`;
  try {
    const status = await migrationStatus(db);
    if (!status.current)
      return {
        label: 'Database',
        state: 'error',
        detail: `${where}: reachable, but ${status.applied} of ${status.expected} migrations are applied. Run npm run db:migrate.`,
      };
    return {
      label: 'Database',
      state: target.kind === 'embedded' && production ? 'warning' : 'ok',
      detail: `${where}: reachable, migrations current (${status.applied} of ${status.expected}).`,
      variable: target.kind === 'embedded' ? 'DATABASE_URL' : undefined,
    };
  } catch (error) {
    console.error(`[setup] the database is unreachable: ${databaseErrorSummary(error)}`);
    return {
      label: 'Database',
      state: 'error',
      detail: `${where}: unreachable. Sign-in is refused until it answers; check the server and DATABASE_URL.`,
      variable: 'DATABASE_URL',
    };
  }
}
