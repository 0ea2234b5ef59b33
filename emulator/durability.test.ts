// No acknowledged write is lost: the emulator as `npm run emulator` runs it, killed with
// SIGKILL in the middle of a burst of writes, round after round, on the same folder.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startEmulator } from './app';

const API_KEY = 'durability-key';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/server.ts'], {
    env: {
      ...process.env,
      COMPOSIO_EMULATOR_PORT: String(port),
      COMPOSIO_EMULATOR_API_KEY: API_KEY,
      COMPOSIO_EMULATOR_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
  });
  return child;
}

function assertAllFound(found: string[], acknowledged: string[], when: string) {
  const missing = acknowledged.filter((id) => !found.includes(id));
  assert.deepEqual(missing, [], `acknowledged writes lost ${when}`);
}

/** Children still running when a test fails are killed, so that the test run ends. */
const children = new Set<ChildProcess>();
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function accountIds(port: number): Promise<string[]> {
  const { body } = await api(port, 'GET', '/connected_accounts?user_ids=durable-user&limit=1000');
  return (body.items as { id: string }[]).map((item) => item.id);
}

async function api(port: number, method: string, path: string, body?: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v3.1${path}`, {
    method,
    headers: { 'x-api-key': API_KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test('killed with SIGKILL in the middle of writes, round after round: every acknowledged write survives, no temporary file is left', async () => {
  // A real disk, not tmpfs: the point is that the data was fsynced before each answer.
  const dataDir = await mkdtemp(join(tmpdir(), 'emulator-durability-'));
  const port = await freePort();
  const acknowledged: string[] = [];
  for (let round = 0; round < 3; round++) {
    const child = await startProcess(dataDir, port);
    children.add(child);
    // Each start finds every write acknowledged before any earlier kill (and maybe some that were cut off unanswered).
    assertAllFound(await accountIds(port), acknowledged, `before round ${round}`);
    const { body: config } = await api(port, 'POST', '/auth_configs', { toolkit: { slug: 'gmail' } });
    const id = String((config.auth_config as { id: string }).id);
    // A burst of creates; the kill lands once 10 are answered, with the others still being written.
    let answered = 0;
    let killed: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        const created = await api(port, 'POST', '/connected_accounts/link', {
          user_id: 'durable-user',
          auth_config_id: id,
        }).catch(() => undefined);
        if (created?.status !== 201) return;
        acknowledged.push(String(created.body.connected_account_id));
        if (++answered === 10) killed = kill(child);
      }),
    );
    await killed;
  }
  // The last restart reads the same folder through the same code path (Store.open); in-process is quicker to start.
  const last = await startEmulator({ port, apiKey: API_KEY, dataDir, linkTtlMs: 600_000 });
  try {
    assertAllFound(await accountIds(port), acknowledged, 'at the end');
    assert.deepEqual(
      (await readdir(dataDir)).filter((name) => name.endsWith('.tmp')),
      [],
    );
  } finally {
    await last.close();
  }
});
