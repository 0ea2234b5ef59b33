import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { newId, Store, type Session, type State } from './store';

function session(userId: string, createdAt = new Date().toISOString()): Session {
  return {
    id: newId('trs'),
    userId,
    toolkits: null,
    authConfigs: {},
    connectedAccounts: {},
    manageConnections: false,
    callbackUrl: null,
    configVersion: 1,
    createdAt,
  };
}

test('200 parallel writes are each on disk when they resolve, and nothing is left half-written', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-store-'));
  const store = await Store.open(dir);
  await Promise.all(
    Array.from({ length: 200 }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, index % 7));
      await store.mutate((state) => {
        const created = session(`user-${index}`);
        state.sessions[created.id] = created;
      });
      // Acknowledged means on disk: the file already holds this user.
      const onDisk = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as State;
      assert.ok(Object.values(onDisk.sessions).some((saved) => saved.userId === `user-${index}`));
    }),
  );
  const reopened = await Store.open(dir);
  assert.equal(new Set(Object.values(reopened.state.sessions).map((saved) => saved.userId)).size, 200);
  assert.deepEqual(await readdir(dir), ['state.json']);
});

test('reset empties the state on disk too', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-store-'));
  const store = await Store.open(dir);
  await store.mutate((state) => {
    const created = session('u');
    state.sessions[created.id] = created;
  });
  await store.reset();
  assert.deepEqual((await Store.open(dir)).state.sessions, {});
});

/** Opens a store on `dir` whose state.json was damaged, capturing what it says. */
async function openDamaged(t: TestContext, dir: string) {
  const messages: string[] = [];
  t.mock.method(console, 'error', (message: string) => messages.push(message));
  const store = await Store.open(dir);
  const files = await readdir(dir);
  return { store, messages, aside: files.find((file) => file.startsWith('state.json.corrupt-')), files };
}

test('a corrupt state file is moved aside with a clear message, and the emulator starts empty', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-store-'));
  await writeFile(join(dir, 'state.json'), '{"sessions": {"trs_1": ');
  const { store, messages, aside, files } = await openDamaged(t, dir);
  assert.deepEqual(store.state.sessions, {});
  assert.ok(aside, `moved aside: ${files.join(', ')}`);
  assert.equal(await readFile(join(dir, aside), 'utf8'), '{"sessions": {"trs_1": ');
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /could not be read .* moved it to .*corrupt-.* started with an empty state/);
});

for (const [what, text] of <[string, string][]>[
  ['accounts null', '{"accounts": null}'],
  ['accounts a string', '{"accounts": "x"}'],
  ['an account without its fields', '{"accounts": {"ca_1": {"id": "ca_1"}}}'],
  ['an unknown account status', '{"accounts": {"ca_1": {"id": "ca_1", "status": "active"}}}'],
  ['a JSON array', '[]'],
  ['JSON null', 'null'],
]) {
  test(`valid JSON of the wrong structure (${what}) is moved aside, said in one line, and the start is clean`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-store-'));
    await writeFile(join(dir, 'state.json'), text);
    const { store, messages, aside } = await openDamaged(t, dir);
    assert.deepEqual(store.state, {
      seq: 0,
      sessions: {},
      accounts: {},
      links: {},
      authConfigs: {},
      deletedAuthConfigs: {},
    });
    assert.ok(aside);
    assert.equal(await readFile(join(dir, aside), 'utf8'), text);
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /state\.json could not be read \(not .*\); moved it to .* started with an empty state/);
    // The bad structure is not written back: the next save is a clean state.
    await store.mutate((state) => void (state.seq = 1));
    assert.equal((JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as State).accounts.constructor, Object);
  });
}

test('a state saved by this code loads, and fields it does not know are kept', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-store-'));
  const store = await Store.open(dir);
  await store.mutate((state) => {
    const created = { ...session('u'), futureField: 1 };
    state.sessions[created.id] = created;
  });
  const { store: reopened, messages } = await openDamaged(t, dir);
  assert.deepEqual(messages, []);
  assert.equal((Object.values(reopened.state.sessions)[0] as unknown as { futureField: number }).futureField, 1);
});

test('a state path that is a directory is moved aside with one clear line, and the start is clean', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-store-'));
  await mkdir(join(dir, 'state.json'));
  const { store, messages, aside } = await openDamaged(t, dir);
  assert.ok(aside);
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /state\.json could not be read \(it is a directory, not a file\); moved it to /);
  await store.mutate((state) => void (state.seq = 7));
  assert.equal((JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as State).seq, 7);
});

test('temporary files of interrupted writes are removed at start; a running process’s are kept', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-store-'));
  // pid 2^22+1 is above Linux's pid_max: no such process runs.
  const dead = ['state.json.4194305.0a1b2c3d.tmp', 'state.json.4194305.ffffffff.tmp'];
  const live = `state.json.${process.pid}.12345678.tmp`;
  for (const name of [...dead, live, 'notes.txt']) await writeFile(join(dir, name), '{"half": ');
  await Store.open(dir);
  assert.deepEqual((await readdir(dir)).sort(), ['notes.txt', live].sort());
});

test('old sessions, expired links and links of deleted accounts are pruned; a used link is kept until it expires', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-store-'));
  const store = await Store.open(dir, 60_000);
  const now = Date.now();
  const old = new Date(now - 2 * 24 * 60 * 60 * 1000).toISOString();
  await store.mutate((state) => {
    const stale = session('stale', old);
    const fresh = session('fresh');
    state.sessions[stale.id] = stale;
    state.sessions[fresh.id] = fresh;
    state.accounts.ca_live = {
      id: 'ca_live',
      seq: 1,
      userId: 'fresh',
      toolkit: 'gmail',
      authConfigId: 'ac_1',
      authScheme: 'OAUTH2',
      status: 'ACTIVE',
      statusReason: null,
      alias: null,
      displayName: null,
      createdAt: old,
      updatedAt: old,
    };
    const link = (token: string, accountId: string, createdAt: string, used: boolean) =>
      (state.links[token] = { token, accountId, callbackUrl: null, createdAt, used });
    link('ln_used_recent', 'ca_live', new Date(now).toISOString(), true);
    link('ln_expired', 'ca_live', new Date(now - 3 * 60_000).toISOString(), false);
    link('ln_orphan', 'ca_deleted', new Date(now).toISOString(), false);
  });
  const reopened = await Store.open(dir, 60_000);
  assert.deepEqual(
    Object.values(reopened.state.sessions).map((saved) => saved.userId),
    ['fresh'],
  );
  assert.deepEqual(Object.keys(reopened.state.links), ['ln_used_recent']);
});
