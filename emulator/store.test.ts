import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { newId, Store } from './store';

test('200 parallel writes all reach the disk, and nothing is left half-written', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-store-'));
  const store = await Store.open(dir);
  await Promise.all(
    Array.from({ length: 200 }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, index % 7));
      store.mutate((state) => {
        const id = newId('trs');
        state.sessions[id] = { id, userId: `user-${index}`, toolkits: null, manageConnections: false, createdAt: '' };
      });
    }),
  );
  await store.flush();

  const reopened = await Store.open(dir);
  const users = Object.values(reopened.state.sessions).map((session) => session.userId);
  assert.equal(new Set(users).size, 200);
  assert.deepEqual(await readdir(dir), ['state.json']);
});

test('reset empties the state on disk too', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-store-'));
  const store = await Store.open(dir);
  store.mutate((state) => {
    state.sessions.a = { id: 'a', userId: 'u', toolkits: null, manageConnections: false, createdAt: '' };
  });
  store.reset();
  await store.flush();
  assert.deepEqual((await Store.open(dir)).state.sessions, {});
});
