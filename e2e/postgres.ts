// A throwaway Postgres server for the end-to-end run, the benchmark and the
// load test: initdb into a fresh temporary folder, started on a free loopback
// port, migrated with `npm run db:migrate`'s command, stopped and deleted at the
// end. Every app instance shares it, as production instances share theirs.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { migrateCommand } from '../scripts/migrate-command';

export type PostgresServer = { owner: PostgresOwner; url: string; dataDir: string; port: number };

const DATABASE = 'composio_e2e';

/** Whether PostgreSQL's server binaries (initdb, pg_ctl) are installed: on the PATH or where Debian puts them. */
export function postgresInstalled(): boolean {
  try {
    postgresBin('initdb');
    postgresBin('pg_ctl');
    return true;
  } catch {
    return false;
  }
}

/** initdb, pg_ctl and createdb: on the PATH, or where Debian and Ubuntu install them. */
function postgresBin(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const path = join('/usr/lib/postgresql', version, 'bin', name);
    if (existsSync(path)) return path;
  }
  throw new Error(`${name} not found: install PostgreSQL (Debian/Ubuntu: apt-get install postgresql).`);
}

/**
 * Postgres refuses to run as root. As root (CI on this machine), run it as the
 * `postgres` user that the Debian package creates; as anyone else (a fork's
 * GitHub runner, a laptop), as oneself.
 */
function runAs(): Pick<SpawnSyncOptions, 'uid' | 'gid'> {
  if (userInfo().uid !== 0) return {};
  if (!postgresUser) {
    const passwd = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('postgres:'));
    if (!passwd)
      throw new Error('Running as root needs a `postgres` system user (apt-get install postgresql creates it).');
    const [, , uid, gid] = passwd.split(':');
    postgresUser = { uid: Number(uid), gid: Number(gid) };
  }
  return postgresUser;
}
let postgresUser: { uid: number; gid: number } | undefined;

function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  // cwd: a folder the postgres user may enter, whatever the caller's is.
  const result = spawnSync(command, args, { cwd: tmpdir(), encoding: 'utf8', ...runAs(), ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  return String(result.stdout);
}

/** A port nothing listens on right now, on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Who started a server: the e2e run (its tests find it by this), the benchmark or the load test. */
export type PostgresOwner = 'e2e' | 'bench' | 'load';

/** Where a run records its server, so the next run can clean up after one that was killed. */
function stateFile(owner: PostgresOwner): string {
  return join(tmpdir(), `composio-${owner}-postgres-${process.env.E2E_PORT_OFFSET ?? 0}.json`);
}

/** Starts (or restarts, same folder and port) the server; returns once it accepts connections. */
export function startPostgresServer({ dataDir, port }: Pick<PostgresServer, 'dataDir' | 'port'>): void {
  // Fast and disposable: no durability, no Unix socket outside the folder, loopback only.
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run(postgresBin('pg_ctl'), [
    'start',
    '-w',
    '-t',
    '60',
    '-D',
    dataDir,
    '-l',
    join(dataDir, 'server.log'),
    '-o',
    options,
  ]);
}

/** Stops the server at once (open connections are cut, as in an outage). */
export function stopPostgresServer(dataDir: string): void {
  if (existsSync(join(dataDir, 'postmaster.pid')))
    run(postgresBin('pg_ctl'), ['stop', '-w', '-t', '30', '-m', 'fast', '-D', dataDir]);
}

/** A fresh, migrated database. */
export async function startPostgres(owner: PostgresOwner): Promise<PostgresServer> {
  cleanUpPreviousRun(owner);
  const dataDir = mkdtempSync(join(tmpdir(), 'composio-e2e-pg-'));
  const { uid, gid } = runAs();
  if (uid !== undefined) chownSync(dataDir, uid, gid!);
  run(postgresBin('initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  const port = await freePort();
  const server = { owner, url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`, dataDir, port };
  writeFileSync(stateFile(owner), JSON.stringify(server));
  startPostgresServer(server);
  run(postgresBin('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', DATABASE]);
  const migrate = migrateCommand({ DATABASE_URL: server.url });
  const migrated = spawnSync(process.execPath, migrate.args, { encoding: 'utf8', env: migrate.env });
  if (migrated.status !== 0) throw new Error(`db:migrate failed:\n${migrated.stdout}${migrated.stderr}`);
  return server;
}

/** The application_name of psql(): statement counts leave its own statements out. */
export const PROBE_APPLICATION = 'composio-scripts';

/**
 * Runs one SQL statement with psql as the superuser and returns its rows, one
 * per line, columns separated by `|` (for scripts that count what the app wrote).
 */
export function psql(server: PostgresServer, statement: string): string[] {
  const output = run(
    postgresBin('psql'),
    [
      '-X',
      '-A',
      '-t',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      '127.0.0.1',
      '-p',
      String(server.port),
      '-U',
      'postgres',
      '-d',
      DATABASE,
      '-c',
      statement,
    ],
    { env: { ...process.env, PGAPPNAME: PROBE_APPLICATION } },
  );
  return output.split('\n').filter((line) => line !== '');
}

/** Stops the server and deletes its folder. Synchronous, so it can run on the way out of a signal handler. */
export function stopPostgres(server: PostgresServer): void {
  try {
    stopPostgresServer(server.dataDir);
  } finally {
    rmSync(server.dataDir, { recursive: true, force: true });
    rmSync(stateFile(server.owner), { force: true });
  }
}

function cleanUpPreviousRun(owner: PostgresOwner): void {
  if (!existsSync(stateFile(owner))) return;
  try {
    stopPostgres(JSON.parse(readFileSync(stateFile(owner), 'utf8')) as PostgresServer);
  } catch (error) {
    console.warn('Could not clean up the previous run’s Postgres:', error);
  }
}
