import 'server-only';
import { z } from 'zod';
import { databaseTarget, DatabaseUrlError } from './db/target';
import { isLoopback } from './http/loopback';

/**
 * Every environment variable the app reads, with what it is for. The same
 * sentences appear in `.env.example` and the table in docs/configuration.md; a unit test keeps
 * the three in step.
 */
export const envDocs = {
  APP_URL:
    'Canonical public origin of the app, used to build Composio callback URLs (never taken from the Host header). Defaults to http://localhost:$PORT (3000) in development.',
  AUTH_SECRET:
    'Secret that signs sessions and the pending-connection cookie (32+ characters). `npm run dev` writes one to .env.local; production never generates one.',
  AUTH_DEMO_LOGIN:
    'true/false. Email-only demo sign-in. In development it defaults to on when Composio is the local emulator; in production it is on only when set to true.',
  AUTH_GITHUB_ID: 'GitHub OAuth app client id; enables "Sign in with GitHub" together with AUTH_GITHUB_SECRET.',
  AUTH_GITHUB_SECRET: 'GitHub OAuth app client secret.',
  AUTH_GOOGLE_ID: 'Google OAuth client id; enables "Sign in with Google" together with AUTH_GOOGLE_SECRET.',
  AUTH_GOOGLE_SECRET: 'Google OAuth client secret.',
  DATABASE_URL:
    'postgres:// URL of the database every instance shares. Unset in development: an embedded PGlite database in .data/. Required in production; pglite:./folder opts into the embedded one (a single instance only).',
  CONNECT_RATE_LIMIT:
    'Connect attempts allowed per user in each window (default 10 in production, 100 in development); past it the user is told the limit and how long to wait, and nothing reaches Composio.',
  CONNECT_RATE_LIMIT_WINDOW_MINUTES: 'Length of the Connect rate-limit window in minutes (default 10).',
  CONNECTION_TEST_RATE_LIMIT:
    'Test connection runs allowed per user in each window (default 20); past it the user is told how long to wait and no tool runs.',
  CONNECTION_TEST_RATE_LIMIT_WINDOW_MINUTES: 'Length of the Test connection rate-limit window in minutes (default 10).',
  STATUS_CHECK_RATE_LIMIT:
    "Status checks of pending connections allowed per user in each window (default 40: two waiting pages' full budget of 20); past it the check is refused without asking Composio.",
  STATUS_CHECK_RATE_LIMIT_WINDOW_MINUTES: 'Length of the status-check rate-limit window in minutes (default 10).',
  COMPOSIO_API_KEY:
    'Composio project API key. Unset in development: `npm run dev` starts the local emulator and hands the app its key.',
  COMPOSIO_BASE_URL:
    "Composio API origin. Unset means Composio's cloud; `npm run dev` points it at the local emulator.",
  COMPOSIO_WEBHOOK_SECRET: 'Secret Composio signs webhooks with; enables POST /api/composio/webhook.',
  COMPOSIO_TELEMETRY:
    'true/false (default false). Lets the Composio SDK send usage telemetry; always off against the emulator.',
  SETUP_PAGE_USERS:
    'Comma-separated Composio user ids (see Profile) who may open /settings/setup in production. In development every signed-in user can.',
  TOOLKITS_SHOW_ALL:
    'true/false (default false). Lists every toolkit in the Composio catalog after the ones in lib/toolkits.ts, and lets users connect any of them.',
} as const;

export type EnvName = keyof typeof envDocs;

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const booleanFlag = z
  .enum(['true', 'false'], { error: 'must be "true" or "false"' })
  .transform((value) => value === 'true')
  .optional();

/** A whole number ≥ 1; blank counts as unset, so the default applies. */
const positiveInteger = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .optional(),
);

const origin = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((value) => new URL(value).origin);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    APP_URL: origin.optional(),
    // Set by `next dev`/`next start` to the port they listen on, so the development APP_URL follows it.
    PORT: z.string().regex(/^\d+$/, 'must be a port number').optional(),
    AUTH_SECRET: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
    AUTH_DEMO_LOGIN: booleanFlag,
    AUTH_GITHUB_ID: optionalText,
    AUTH_GITHUB_SECRET: optionalText,
    AUTH_GOOGLE_ID: optionalText,
    AUTH_GOOGLE_SECRET: optionalText,
    DATABASE_URL: optionalText,
    CONNECT_RATE_LIMIT: positiveInteger,
    CONNECT_RATE_LIMIT_WINDOW_MINUTES: positiveInteger.default(10),
    CONNECTION_TEST_RATE_LIMIT: positiveInteger.default(20),
    CONNECTION_TEST_RATE_LIMIT_WINDOW_MINUTES: positiveInteger.default(10),
    STATUS_CHECK_RATE_LIMIT: positiveInteger.default(40),
    STATUS_CHECK_RATE_LIMIT_WINDOW_MINUTES: positiveInteger.default(10),
    COMPOSIO_API_KEY: z.string({ error: 'is required' }).trim().min(1, 'is required'),
    COMPOSIO_BASE_URL: origin.optional(),
    COMPOSIO_WEBHOOK_SECRET: optionalText,
    COMPOSIO_TELEMETRY: booleanFlag,
    SETUP_PAGE_USERS: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    TOOLKITS_SHOW_ALL: booleanFlag,
  })
  .transform((env) => {
    const usesLocalEmulator = isLoopback(env.COMPOSIO_BASE_URL);
    let database;
    try {
      database = databaseTarget(env.DATABASE_URL, env.NODE_ENV);
    } catch {
      return z.NEVER; // crossFieldProblems reports it, alongside every other problem
    }
    return {
      nodeEnv: env.NODE_ENV,
      appUrl: env.APP_URL ?? `http://localhost:${env.PORT ?? 3000}`,
      appUrlConfigured: env.APP_URL !== undefined,
      authSecret: env.AUTH_SECRET,
      // A production server never turns demo sign-in on by guessing from the Composio origin: only an explicit true does.
      demoLogin: env.AUTH_DEMO_LOGIN ?? (env.NODE_ENV !== 'production' && usesLocalEmulator),
      github: env.AUTH_GITHUB_ID ? { clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET! } : undefined,
      google: env.AUTH_GOOGLE_ID ? { clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET! } : undefined,
      composio: {
        apiKey: env.COMPOSIO_API_KEY,
        baseUrl: env.COMPOSIO_BASE_URL,
        usesLocalEmulator,
        // Telemetry can never reach the internet from a local setup, and a
        // pending telemetry request keeps the event loop alive and delays process exit.
        telemetry: !usesLocalEmulator && (env.COMPOSIO_TELEMETRY ?? false),
        webhookSecret: env.COMPOSIO_WEBHOOK_SECRET,
      },
      database,
      rateLimits: {
        connect: {
          // Exploring in development connects and cancels often: a generous default there, production's stays strict.
          limit: env.CONNECT_RATE_LIMIT ?? (env.NODE_ENV === 'production' ? 10 : 100),
          windowMs: env.CONNECT_RATE_LIMIT_WINDOW_MINUTES * 60_000,
        },
        'connection-test': {
          limit: env.CONNECTION_TEST_RATE_LIMIT,
          windowMs: env.CONNECTION_TEST_RATE_LIMIT_WINDOW_MINUTES * 60_000,
        },
        'status-check': {
          limit: env.STATUS_CHECK_RATE_LIMIT,
          windowMs: env.STATUS_CHECK_RATE_LIMIT_WINDOW_MINUTES * 60_000,
        },
      },
      toolkitsShowAll: env.TOOLKITS_SHOW_ALL ?? false,
      setupPageUsers: env.SETUP_PAGE_USERS,
    };
  });

export type Env = z.output<typeof schema>;

/** Rules that span variables; checked on the raw values so they are reported alongside every other problem. */
function crossFieldProblems(source: Record<string, string | undefined>): { name: EnvName; message: string }[] {
  const problems: { name: EnvName; message: string }[] = [];
  const isSet = (name: EnvName) => Boolean(source[name]?.trim());
  try {
    databaseTarget(source.DATABASE_URL, source.NODE_ENV ?? 'development');
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    problems.push({ name: 'DATABASE_URL', message: error.message });
  }
  if (!isSet('APP_URL') && (source.NODE_ENV ?? 'development') === 'production') {
    problems.push({ name: 'APP_URL', message: 'is required in production' });
  }
  for (const [id, secret] of [
    ['AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET'],
    ['AUTH_GOOGLE_ID', 'AUTH_GOOGLE_SECRET'],
  ] as const) {
    if (isSet(id) !== isSet(secret)) {
      problems.push({ name: isSet(id) ? secret : id, message: `is required when ${isSet(id) ? id : secret} is set` });
    }
  }
  return problems;
}

export class EnvError extends Error {
  override name = 'EnvError';
}

/**
 * A blank value means unset: `.env.example` copied as-is is a valid
 * environment, and `APP_URL=` falls back to its default like an absent line.
 */
function withoutBlanks(source: Record<string, string | undefined>): Record<string, string> {
  const entries = Object.entries(source).flatMap(([name, value]) => (value?.trim() ? [[name, value] as const] : []));
  return Object.fromEntries(entries);
}

/** Parses an environment; throws one EnvError that lists every problem and what each variable is for. */
export function parseEnv(rawSource: Record<string, string | undefined>): Env {
  const source = withoutBlanks(rawSource);
  const result = schema.safeParse(source);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => ({ name: String(issue.path[0]), message: issue.message }))),
    ...crossFieldProblems(source),
  ];
  if (result.success && problems.length === 0) return result.data;
  const lines = problems.map(({ name, message }) => {
    const purpose = name in envDocs ? `\n      ${envDocs[name as EnvName]}` : '';
    return `  - ${name} ${message}${purpose}`;
  });
  throw new EnvError(
    `Invalid environment configuration:\n${lines.join('\n')}\nFix these in .env.local (or the deployment's environment); docs/configuration.md describes every variable.`,
  );
}

let cached: Env | undefined;

/** The validated process environment, parsed once per server process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
