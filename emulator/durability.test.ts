// No acknowledged write is lost: the emulator as `npm run emulator` runs it,
// killed with SIGKILL right after a burst of acknowledged creates.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
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

async function api(port: number, method: string, path: string, body?: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v3.1${path}`, {
    method,
    headers: { 'x-api-key': API_KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test('killed with SIGKILL right after 50 acknowledged creates, a restart finds all 50', async () => {
  // A real disk, not tmpfs: the point is that the data was fsynced before each answer.
  const dataDir = await mkdtemp(join(tmpdir(), 'emulator-durability-'));
  const port = await freePort();
  const first = await startProcess(dataDir, port);
  const { body: session } = await api(port, 'POST', '/tool_router/session', { user_id: 'durable-user' });
  const acknowledged = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const created = await api(port, 'POST', `/tool_router/session/${String(session.session_id)}/link`, {
        toolkit: 'gmail',
      });
      assert.equal(created.status, 201);
      return String(created.body.connected_account_id);
    }),
  );
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));

  // The restart reads the same folder through the same code path (Store.open); in-process is quicker to start.
  const second = await startEmulator({ port, apiKey: API_KEY, dataDir, linkTtlMs: 600_000 });
  try {
    const { body } = await api(port, 'GET', '/connected_accounts?user_ids=durable-user&limit=1000');
    const found = (body.items as { id: string }[]).map((item) => item.id);
    assert.equal(found.length, 50);
    assert.deepEqual([...found].sort(), [...acknowledged].sort());
  } finally {
    await second.close();
  }
});
