/**
 * Which database DATABASE_URL names. Pure, so that `npm run db:migrate` can
 * use it without the rest of the app's environment.
 */
export type DatabaseTarget =
  /** PGlite (Postgres compiled to WebAssembly) in a local folder: one process at a time, so one instance only. */
  | { kind: 'embedded'; dataDir: string; explicit: boolean }
  /** A Postgres server shared by every instance. */
  | { kind: 'postgres'; url: string; host: string };

/** Where `npm run dev` keeps its embedded database (git-ignored). */
export const DEFAULT_EMBEDDED_DIR = '.data/pglite';

/** The prefix that opts a production deployment into the embedded database: `DATABASE_URL=pglite:./folder`. */
export const EMBEDDED_PREFIX = 'pglite:';

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * Reads DATABASE_URL. Unset means the embedded default, except in production,
 * where a forgotten variable must not quietly give each instance its own
 * private database: production names its database, even an embedded one.
 */
export function databaseTarget(url: string | undefined, nodeEnv: string | undefined): DatabaseTarget {
  const value = url?.trim();
  if (!value) {
    if (nodeEnv === 'production')
      throw new DatabaseUrlError(
        `is required in production: a postgres:// URL, or ${EMBEDDED_PREFIX}./folder for the embedded database (a single instance only)`,
      );
    return { kind: 'embedded', dataDir: DEFAULT_EMBEDDED_DIR, explicit: false };
  }
  if (value.startsWith(EMBEDDED_PREFIX)) {
    const dataDir = value.slice(EMBEDDED_PREFIX.length);
    if (!dataDir)
      throw new DatabaseUrlError(`needs a folder after "${EMBEDDED_PREFIX}", e.g. ${EMBEDDED_PREFIX}./.data/pglite`);
    return { kind: 'embedded', dataDir, explicit: true };
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new DatabaseUrlError(`must be a postgres:// URL or ${EMBEDDED_PREFIX}./folder`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new DatabaseUrlError(`must be a postgres:// URL or ${EMBEDDED_PREFIX}./folder (got ${parsed.protocol}//)`);
  if (!parsed.hostname) throw new DatabaseUrlError('must name a host, e.g. postgres://user:password@host:5432/db');
  return { kind: 'postgres', url: value, host: parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname };
}
