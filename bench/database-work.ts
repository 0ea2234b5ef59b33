// What the app asks of its database while some work runs (page views, a
// Connect cycle), read from the Postgres server's own statement log: how many
// statements, of which kind, and how long the server spent on them. The app
// carries no instrumentation for this. Used by `npm run bench` and `npm run load`.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROBE_APPLICATION, psql, type PostgresServer } from '../e2e/postgres';

export type DatabaseWork = {
  /** Statements executed (a prepared statement's parse and bind are part of its one execution). */
  statements: number;
  /** Server time for them, parse and bind included: what the database did, not the network round trips. */
  serverMs: number;
  /** Statements by verb and table, e.g. `select sessions: 2`. */
  byKind: Record<string, number>;
};

function setLogging(server: PostgresServer, on: boolean): void {
  // ALTER SYSTEM cannot share a transaction, so one psql call each; a reload applies it to open connections too.
  if (on) {
    psql(server, 'alter system set log_min_duration_statement = 0');
    psql(server, `alter system set log_line_prefix = '%m [%p] app=%a '`);
  } else {
    psql(server, 'alter system reset log_min_duration_statement');
    psql(server, 'alter system reset log_line_prefix');
  }
  psql(server, 'select pg_reload_conf()');
}

const durationLine = /app=(\S*) LOG: {2}duration: ([\d.]+) ms {2}(parse|bind|execute|statement)[^:]*: (.*)$/;

/** `select sessions`, `insert activity_events`, `begin`: enough to tell the statements of a view apart. */
function kindOf(sql: string): string {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? '?';
  const table = /\b(?:from|into|update)\s+"?(\w+)"?/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/** Parses the statement-log lines the app wrote (the probe's own are left out). */
export function parseStatementLog(text: string): DatabaseWork {
  const work: DatabaseWork = { statements: 0, serverMs: 0, byKind: {} };
  for (const line of text.split('\n')) {
    const match = durationLine.exec(line);
    if (!match || match[1] === PROBE_APPLICATION) continue;
    work.serverMs += Number(match[2]);
    if (match[3] === 'execute' || match[3] === 'statement') {
      work.statements += 1;
      const kind = kindOf(match[4]!);
      work.byKind[kind] = (work.byKind[kind] ?? 0) + 1;
    }
  }
  work.serverMs = Math.round(work.serverMs * 1000) / 1000;
  return work;
}

/**
 * The database work done while `work` runs, plus whatever it leaves running
 * briefly afterwards (Next.js `after()` tasks). Turns the server's statement
 * log on for the duration only.
 */
export async function databaseWork(server: PostgresServer, work: () => Promise<unknown>): Promise<DatabaseWork> {
  const log = join(server.dataDir, 'server.log');
  setLogging(server, true);
  try {
    const start = statSync(log).size;
    await work();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const end = statSync(log).size;
    const buffer = Buffer.alloc(end - start);
    const fd = openSync(log, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, start);
    } finally {
      closeSync(fd);
    }
    return parseStatementLog(buffer.toString('utf8'));
  } finally {
    setLogging(server, false);
  }
}

/** One line for a report: the work of `views` page views, per view. */
export function describePerView(work: DatabaseWork, views: number): string {
  const per = (value: number) => Math.round((value / views) * 100) / 100;
  const kinds = Object.entries(work.byKind).map(([kind, count]) => `${kind} ×${per(count)}`);
  return `${per(work.statements)} statements, ${per(work.serverMs)} ms server time (${kinds.join(', ')})`;
}
