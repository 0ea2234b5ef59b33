import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composioUserId } from '../lib/auth/user-id';

/**
 * Where the end-to-end run's servers listen, and the environment they share.
 * E2E_PORT_OFFSET shifts every port, so two checkouts can run the suite side by side.
 */
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const EMULATOR_PORT = 4610 + PORT_OFFSET;
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
export const APP_URL = `http://localhost:${3100 + PORT_OFFSET}`;
/** A second instance with the same environment: proves no flow depends on one server's memory. */
export const SECOND_APP_URL = `http://localhost:${3101 + PORT_OFFSET}`;
/**
 * An instance with demo sign-in off and a GitHub provider configured, whose APP_URL says https (TLS would end at a
 * proxy in front of it): its cookies and headers are those of an https deployment. Reached over plain http here.
 */
export const NO_DEMO_APP_URL = `http://localhost:${3102 + PORT_OFFSET}`;
export const NO_DEMO_PUBLIC_URL = NO_DEMO_APP_URL.replace('http:', 'https:');
/** An instance that lists the emulator's whole catalog (TOOLKITS_SHOW_ALL), long enough to need search. */
export const SHOW_ALL_APP_URL = `http://localhost:${3103 + PORT_OFFSET}`;
/**
 * An instance whose database is unreachable (nothing listens on the port):
 * the outage journeys. It is its own APP_URL, so Composio's callback comes back
 * to it, and its server log goes to DB_DOWN_LOG for the tests to read.
 */
export const DB_DOWN_APP_URL = `http://localhost:${3104 + PORT_OFFSET}`;
export const DB_DOWN_LOG = join(tmpdir(), `composio-e2e-${3104 + PORT_OFFSET}-db-down.log`);

/**
 * Each instance's OAuth callback identity verifier, registered with the emulator as in a Composio project's settings
 * (the emulator uses the one on the origin of a link's callback URL). The second instance's APP_URL is the first's.
 */
export const VERIFIER_URLS = [APP_URL, NO_DEMO_PUBLIC_URL, SHOW_ALL_APP_URL, DB_DOWN_APP_URL].map(
  (url) => `${url}/api/composio/verify`,
);

export const EMULATOR_API_KEY = 'e2e-emulator-key';
/**
 * The emulator serves only the N most used toolkits of Composio's real catalog, plus every toolkit lib/toolkits.ts
 * offers (e2e/serve.ts), whatever a fork offers: long enough for the show-all instance to page its list.
 */
export const EMULATOR_CATALOG_SIZE = 30;
export const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';
/** The one demo user allowed to see /settings/setup in these production builds. */
export const SETUP_PAGE_EMAIL = 'deployer@example.com';

export const sharedAppEnv = {
  APP_URL,
  AUTH_SECRET: 'e2e-auth-secret-not-for-production-0123456789',
  // A production build: demo sign-in is on only when asked for.
  AUTH_DEMO_LOGIN: 'true',
  COMPOSIO_API_KEY: EMULATOR_API_KEY,
  COMPOSIO_BASE_URL: EMULATOR_URL,
  COMPOSIO_WEBHOOK_SECRET: WEBHOOK_SECRET,
  SETUP_PAGE_USERS: composioUserId({ demoEmail: SETUP_PAGE_EMAIL }),
  NEXT_TELEMETRY_DISABLED: '1',
};

export const noDemoAppEnv = {
  ...sharedAppEnv,
  APP_URL: NO_DEMO_PUBLIC_URL,
  AUTH_DEMO_LOGIN: 'false',
  AUTH_GITHUB_ID: 'e2e-github-client-id',
  AUTH_GITHUB_SECRET: 'e2e-github-client-secret',
};

export const dbDownAppEnv = {
  ...sharedAppEnv,
  APP_URL: DB_DOWN_APP_URL,
  // Port 1 on loopback: connections are refused at once, as when a database server is down.
  DATABASE_URL: 'postgres://app:unused@127.0.0.1:1/app',
};

export const showAllAppEnv = { ...sharedAppEnv, APP_URL: SHOW_ALL_APP_URL, TOOLKITS_SHOW_ALL: 'true' };
