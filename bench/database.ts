// The database part of `npm run bench`, run by bench/bench.ts in its own
// process (`--conditions=react-server`, like the app, so lib/db loads as on the
// server). Seeds 100,000 activity events for 10,000 users into PGlite in memory
// and into the Postgres server named on the command line, times the Activity
// query (first page and the page after it), and prints one JSON line.
//
// Usage: node --conditions=react-server --import tsx bench/database.ts postgres://…
import { sql } from 'drizzle-orm';
import { listActivity } from '../lib/activity/queries';
import { openDatabase, type DatabaseConnection } from '../lib/db/client';
import { percentile } from './harness';

const EVENTS = 100_000;
const USERS = 10_000;
const QUERIES = 2_000;
const WARMUP = 200;
/** The Activity list's page size (ACTIVITY_PAGE_SIZE in lib/activity/activity.ts, which needs the Next.js runtime). */
const ACTIVITY_PAGE_SIZE = 20;

export type ActivityQueryTiming = {
  events: number;
  users: number;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  nextPageP95Ms: number;
};

async function seed(connection: DatabaseConnection, prefix: string): Promise<void> {
  // One statement: generate_series is far faster than 100,000 inserts, and the
  // rows look like real ones (several kinds, labels, one event a minute apart).
  await connection.db.execute(sql`
    insert into activity_events (user_id, toolkit, connected_account_id, account_label, kind, source, created_at)
    select ${prefix} || (i % ${USERS}),
           (array['gmail','slack','github','notion'])[1 + i % 4],
           'ca_' || i,
           case when i % 3 = 0 then 'work' else 'demo@gmail.example' end,
           (array['connected','disconnected','enabled','disabled','expired']::activity_kind[])[1 + i % 5],
           case when i % 5 = 4 then 'webhook'::activity_source else 'user'::activity_source end,
           now() - make_interval(mins => ${EVENTS} - i)
    from generate_series(1, ${EVENTS}) as i`);
  await connection.db.execute(sql`analyze activity_events`);
}

async function time(connection: DatabaseConnection, prefix: string): Promise<ActivityQueryTiming> {
  const first: number[] = [];
  const next: number[] = [];
  for (let n = 0; n < WARMUP + QUERIES; n++) {
    const userId = `${prefix}${Math.floor(Math.random() * USERS)}`;
    let started = performance.now();
    await listActivity(connection.db, userId, { limit: ACTIVITY_PAGE_SIZE });
    const firstMs = performance.now() - started;
    // Users have ten events each: Show more is timed from a cursor a few events in.
    const { next: cursor } = await listActivity(connection.db, userId, { limit: 4 });
    started = performance.now();
    await listActivity(connection.db, userId, { limit: ACTIVITY_PAGE_SIZE, before: cursor });
    const nextMs = performance.now() - started;
    if (n >= WARMUP) {
      first.push(firstMs);
      next.push(nextMs);
    }
  }
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    events: EVENTS,
    users: USERS,
    queries: QUERIES,
    p50Ms: round(percentile(first, 50)),
    p95Ms: round(percentile(first, 95)),
    nextPageP95Ms: round(percentile(next, 95)),
  };
}

async function measure(connection: DatabaseConnection, prefix: string): Promise<ActivityQueryTiming> {
  try {
    await connection.migrate();
    await seed(connection, prefix);
    return await time(connection, prefix);
  } finally {
    await connection.close();
  }
}

const postgresUrl = process.argv[2];
if (!postgresUrl) throw new Error('usage: bench-database.ts <postgres url>');
const pglite = await measure(openDatabase('memory'), 'bench-user-');
const postgres = await measure(
  openDatabase({ kind: 'postgres', url: postgresUrl, host: new URL(postgresUrl).host }),
  `bench-db-${Date.now()}-`,
);
console.log(JSON.stringify({ pglite, postgres }));
