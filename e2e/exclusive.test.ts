import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExclusiveLock } from './exclusive';

/** Another live process, standing in for the other Playwright worker: its pid is what the lock files name. */
function otherProcess() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill() };
}

const folder = () => mkdtempSync(join(tmpdir(), 'e2e-lock-test-'));
const settled = async (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);

test('an exclusive holder waits for the other worker’s journey to end, and shared holders wait for it', async () => {
  const dir = folder();
  const other = otherProcess();
  try {
    const lock = new ExclusiveLock(dir, 10);
    writeFileSync(join(dir, `reader-${other.pid}`), '');
    const exclusive = lock.exclusive();
    assert.equal(await settled(exclusive, 150), false, 'went ahead while another journey ran');
    rmSync(join(dir, `reader-${other.pid}`));
    const release = await exclusive;

    release();
    // Now the other worker's journey is the exclusive one: no shared place, and no second exclusive one, until it is done.
    writeFileSync(join(dir, 'writer'), String(other.pid));
    const shared = lock.shared();
    const second = lock.exclusive();
    assert.equal(await settled(shared, 150), false, 'a shared place beside an exclusive journey');
    assert.equal(await settled(second, 50), false, 'two exclusive journeys at once');
    rmSync(join(dir, 'writer'));
    // Either may go first once the other worker is done; the one that goes first holds the other back until released.
    const first = await Promise.race([shared, second]);
    first();
    await Promise.all([shared, second]).then((releases) => releases.forEach((release) => release()));
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    other.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('files of processes that are gone (a killed run) block nothing and are cleared', async () => {
  const dir = folder();
  try {
    const gone = otherProcess();
    gone.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    writeFileSync(join(dir, 'writer'), String(gone.pid));
    writeFileSync(join(dir, `reader-${gone.pid}`), '');
    const lock = new ExclusiveLock(dir, 10);
    (await lock.shared())();
    (await lock.exclusive())();
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
