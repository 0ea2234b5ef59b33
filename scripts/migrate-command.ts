// How every script applies the migrations: `npm run db:migrate`'s own command
// (node with the react-server condition, so lib/db loads as on the server), run
// with node directly rather than through npm, from any working directory.
// Used by `npm run dev` and by the Postgres server of the e2e run, bench and load.
import { fileURLToPath } from 'node:url';

const migrateEntry = fileURLToPath(new URL('./db-migrate.ts', import.meta.url));
// The project's tsconfig, for the `@/` imports of lib/db, whatever the working directory.
const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

/** `node <args>` with `env` applies the migrations to `env.DATABASE_URL` (or the embedded database). */
export function migrateCommand(env: Record<string, string | undefined>): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: ['--conditions=react-server', '--import', import.meta.resolve('tsx'), migrateEntry],
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: tsconfig } as NodeJS.ProcessEnv,
  };
}
