// Setup diagnostics against the emulator, behind a proxy that makes Composio's
// catalog list leave out one configured toolkit (as a real first page of 1,000
// can), while the toolkit itself is still there to fetch by slug. Its database is
// a throwaway PGlite folder of its own, closed at the end: never the developer's
// .data/pglite, whose open handle kept this process from ever exiting.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as forward, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { offeredToolkits } from '../toolkits';

const API_KEY = 'setup-diagnostics-test-key';
/** The last toolkit lib/toolkits.ts offers, whichever a fork lists. */
const BEYOND_FIRST_PAGE = offeredToolkits[offeredToolkits.length - 1]!.slug;

let emulator: ChildProcess;
let proxy: Server;
let databaseDir: string;

/** The emulator as its own process, as the app meets it: over HTTP only. */
async function startEmulator(): Promise<URL> {
  emulator = spawn(process.execPath, ['--import', 'tsx', 'emulator/server.ts'], {
    env: {
      ...process.env,
      COMPOSIO_EMULATOR_PORT: '0',
      COMPOSIO_EMULATOR_API_KEY: API_KEY,
      COMPOSIO_EMULATOR_DATA_DIR: await mkdtemp(join(tmpdir(), 'setup-diagnostics-')),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    emulator.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const url = /listening on (\S+)/.exec(output)?.[1];
      if (url) resolve(new URL(url));
    });
    emulator.on('exit', () => reject(new Error(`The emulator exited before listening: ${output}`)));
  });
}

before(async () => {
  const upstream = await startEmulator();
  proxy = createServer((req, res) => {
    const listsCatalog = req.method === 'GET' && /\/toolkits(\?|$)/.test(req.url ?? '');
    const outgoing = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host },
      },
      (response) => {
        if (!listsCatalog || response.statusCode !== 200) {
          res.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(res);
          return;
        }
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => {
          const page = JSON.parse(body) as { items: { slug: string }[] };
          page.items = page.items.filter((toolkit) => toolkit.slug !== BEYOND_FIRST_PAGE);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(page));
        });
      },
    );
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as { port: number };
  databaseDir = await mkdtemp(join(tmpdir(), 'setup-diagnostics-db-'));
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: `pglite:${databaseDir}`,
    COMPOSIO_API_KEY: API_KEY,
    COMPOSIO_BASE_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: 'x'.repeat(32),
  });
});

after(async () => {
  const { database } = await import('../db/client');
  await database().close();
  await rm(databaseDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  emulator.kill();
  await once(emulator, 'exit');
});

test('a configured toolkit beyond the catalog list is found, as the settings page finds it', async () => {
  const { runSetupChecks } = await import('./diagnostics');
  const { readToolkitCatalog } = await import('../composio/catalog');

  const catalog = await readToolkitCatalog(false);
  assert.ok(catalog.toolkits.some((toolkit) => toolkit.slug === BEYOND_FIRST_PAGE));

  const toolkits = (await runSetupChecks()).find((check) => check.label === 'Toolkits');
  assert.equal(toolkits?.state, 'ok', toolkits?.detail);
  assert.match(
    toolkits?.detail ?? '',
    new RegExp(`^All ${offeredToolkits.length} toolkits in lib/toolkits\\.ts are in the catalog`),
  );
});
