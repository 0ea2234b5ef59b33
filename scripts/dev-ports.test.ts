import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listenArgs, planAppPort, planEmulatorPort } from './dev-ports';

const busy =
  (...ports: number[]) =>
  async (port: number) =>
    !ports.includes(port);

describe('planAppPort', () => {
  test('nothing set: port 3000, callbacks on 3000', async () => {
    assert.deepEqual(await planAppPort({ isFree: busy() }), {
      ok: true,
      value: { port: 3000, appUrl: 'http://localhost:3000' },
    });
  });

  test('3000 taken and nothing set: the next free port, and APP_URL moves with it', async () => {
    const plan = await planAppPort({ isFree: busy(3000, 3001) });
    assert.ok(plan.ok);
    assert.deepEqual(plan.value, { port: 3002, appUrl: 'http://localhost:3002' });
    assert.match(plan.note!, /Port 3000 is in use, so the app runs at http:\/\/localhost:3002/);
  });

  test('PORT (or -p) is honoured, and a taken one stops with a line naming it', async () => {
    const requested = { port: 4000, source: 'PORT' as const };
    assert.deepEqual(await planAppPort({ requested, isFree: busy(3000) }), {
      ok: true,
      value: { port: 4000, appUrl: 'http://localhost:4000' },
    });
    const taken = await planAppPort({ requested: { port: 4000, source: '--port' }, isFree: busy(4000) });
    assert.ok(!taken.ok);
    assert.equal(
      taken.error,
      'Port 4000 (--port) is already in use: stop what is using it, or set PORT to a free port.',
    );
  });

  test('a local APP_URL decides the port; taken, it stops instead of sending callbacks elsewhere', async () => {
    assert.deepEqual(await planAppPort({ appUrl: 'http://localhost:3005', isFree: busy(3000) }), {
      ok: true,
      value: { port: 3005, appUrl: 'http://localhost:3005' },
    });
    const taken = await planAppPort({ appUrl: 'http://localhost:3000', isFree: busy(3000) });
    assert.ok(!taken.ok);
    assert.match(
      taken.error,
      /^Port 3000 is already in use, and APP_URL \(http:\/\/localhost:3000\) says the app runs there/,
    );
  });

  test('a local APP_URL that disagrees with PORT is refused, naming both', async () => {
    const plan = await planAppPort({
      appUrl: 'http://127.0.0.1:3000',
      requested: { port: 3001, source: 'PORT' },
      isFree: busy(),
    });
    assert.ok(!plan.ok);
    assert.match(plan.error, /APP_URL \(http:\/\/127.0.0.1:3000\) points at port 3000 but PORT is 3001/);
  });

  test('a public APP_URL (a tunnel) keeps the port; taken, it stops rather than moving away from the tunnel', async () => {
    const appUrl = 'https://dev.example.ngrok.app';
    assert.deepEqual(await planAppPort({ appUrl, isFree: busy() }), { ok: true, value: { port: 3000, appUrl } });
    const taken = await planAppPort({ appUrl, isFree: busy(3000) });
    assert.ok(!taken.ok);
    assert.match(taken.error, /^Port 3000 is already in use: .* set PORT to a free port\.$/);
  });

  test('a public name that merely starts with "127." is a tunnel, not this machine: its port is not the app\'s', async () => {
    const appUrl = 'https://127.dev.example.ngrok.app:8443';
    assert.deepEqual(await planAppPort({ appUrl, isFree: busy() }), { ok: true, value: { port: 3000, appUrl } });
  });
});

describe('planEmulatorPort', () => {
  const probe =
    (found: Record<number, 'ours' | 'taken'>) =>
    async (port: number): Promise<'ours' | 'taken' | 'free'> =>
      found[port] ?? 'free';

  test('our emulator already on the port is reused', async () => {
    assert.deepEqual(await planEmulatorPort({ port: 4599, explicit: false, probe: probe({ 4599: 'ours' }) }), {
      ok: true,
      value: { port: 4599, reuse: true },
      note: undefined,
    });
  });

  test('a free port starts one', async () => {
    const plan = await planEmulatorPort({ port: 4599, explicit: true, probe: probe({}) });
    assert.deepEqual(plan, { ok: true, value: { port: 4599, reuse: false }, note: undefined });
  });

  test('the default port held by something else: the next free one, said in one line', async () => {
    const plan = await planEmulatorPort({ port: 4599, explicit: false, probe: probe({ 4599: 'taken' }) });
    assert.ok(plan.ok);
    assert.deepEqual(plan.value, { port: 4600, reuse: false });
    assert.match(plan.note!, /set COMPOSIO_EMULATOR_PORT to choose/);
  });

  test('an explicit COMPOSIO_EMULATOR_PORT held by something else stops, naming the variable', async () => {
    const plan = await planEmulatorPort({ port: 4700, explicit: true, probe: probe({ 4700: 'taken' }) });
    assert.ok(!plan.ok);
    assert.match(
      plan.error,
      /^Port 4700 \(COMPOSIO_EMULATOR_PORT\) is in use by something other than this project's emulator/,
    );
  });
});

describe('listenArgs', () => {
  test('nothing asked: next dev listens on loopback only', () => {
    assert.deepEqual(listenArgs(['--turbopack']), {
      args: ['--turbopack', '--hostname', '127.0.0.1'],
      host: '127.0.0.1',
      exposed: false,
    });
  });

  test('-H or --hostname opts in to the network, in any of its spellings, and is passed on as given', () => {
    for (const args of [['-H', '0.0.0.0'], ['--hostname', '0.0.0.0'], ['--hostname=0.0.0.0'], ['-H=0.0.0.0']]) {
      assert.deepEqual(listenArgs(args), { args, host: '0.0.0.0', exposed: true }, args.join(' '));
    }
    assert.deepEqual(listenArgs(['-H', '::']), { args: ['-H', '::'], host: '::', exposed: true });
  });

  test('an explicit loopback host is kept and not called exposed', () => {
    assert.deepEqual(listenArgs(['-H', 'localhost']), { args: ['-H', 'localhost'], host: 'localhost', exposed: false });
    assert.deepEqual(listenArgs(['--hostname', '::1']), { args: ['--hostname', '::1'], host: '::1', exposed: false });
  });
});
