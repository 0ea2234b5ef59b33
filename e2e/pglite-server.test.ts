import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { servePglite, type PgliteServer } from './pglite-server';

let db: PGlite;
let server: PgliteServer;
const clients: postgres.Sql[] = [];

/** A pooled client, as each app instance has (lib/db/client.ts). */
function client(): postgres.Sql {
  const sql = postgres(`postgres://postgres@127.0.0.1:${server.port}/postgres`, {
    max: 10,
    connect_timeout: 5,
    backoff: () => 0,
    onnotice: () => {},
  });
  clients.push(sql);
  return sql;
}

before(async () => {
  db = await PGlite.create();
  server = await servePglite(db, 0);
});

after(async () => {
  await Promise.all(clients.map((sql) => sql.end({ timeout: 1 })));
  await server.stop();
  await db.close();
});

test('pooled connections of several clients at once each get their own answers, transactions included', async () => {
  const instances = [client(), client(), client()];
  await instances[0]!`create table items (owner int not null, n int not null)`;
  const work = Array.from({ length: 150 }, (_, i) => {
    const sql = instances[i % instances.length]!;
    if (i % 5 === 0)
      return sql.begin(async (tx) => {
        await tx`insert into items ${tx({ owner: i, n: 1 })}`;
        await tx`insert into items ${tx({ owner: i, n: 2 })}`;
        const [row] = await tx<{ total: number }[]>`select sum(n)::int as total from items where owner = ${i}`;
        return row!.total === 3 ? i : -1;
      });
    // Parameters of different types and lengths: another connection's statement would not bind them alike.
    return sql<{ n: number; label: string }[]>`select ${i}::int as n, ${'x'.repeat(i % 9)}::text as label`.then(
      ([row]) => (row!.n === i && row!.label === 'x'.repeat(i % 9) ? i : -1),
    );
  });
  assert.deepEqual(
    await Promise.all(work),
    Array.from({ length: 150 }, (_, i) => i),
  );
  const [counted] = await instances[1]!<{ rows: number }[]>`select count(*)::int as rows from items`;
  assert.equal(counted?.rows, 60);
});

test('stopped, it refuses connections and cuts the open ones; started again, it has the same data', async () => {
  const sql = client();
  await sql`create table kept (id int)`;
  await sql`insert into kept values (1)`;
  await server.stop();
  await assert.rejects(sql`select 1`);
  await assert.rejects(client()`select 1`, /ECONNREFUSED/);
  await server.start();
  const [kept] = await sql<{ count: number }[]>`select count(*)::int as count from kept`;
  assert.equal(kept?.count, 1);
});
