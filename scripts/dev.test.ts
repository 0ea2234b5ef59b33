// `npm run dev` as a developer runs it, up to the point where `next dev` takes over: in a scratch folder whose
// .env.local is .env.example copied as-is, with busy ports. Next itself would find no app there and stop, which is
// where these tests stop looking.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startEmulator, stopAll, tsxLoader } from './stack';

const devScript = fileURLToPath(new URL('./dev.ts', import.meta.url));

const folders: string[] = [];
after(() => {
  stopAll();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function scratchFolder(prefix = 'dev-script-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  copyFileSync('.env.example', join(folder, '.env.local'));
  return folder;
}

async function freePort(): Promise<number> {
  const server = await listen(0);
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Something that is not ours holding a port. */
function listen(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(() => {}).listen(port, () => resolve(server));
  });
}

/** Runs the dev script until it exits or prints `until`; returns what it printed. */
function runDev(
  cwd: string,
  env: Record<string, string>,
  until?: RegExp,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // Only PATH from this process: a COMPOSIO_API_KEY or PORT here must not change what the test sees.
    const childEnv: NodeJS.ProcessEnv = { NODE_ENV: 'development', PATH: process.env.PATH };
    const child = spawn(process.execPath, ['--import', tsxLoader, devScript], {
      cwd,
      env: Object.assign(childEnv, env),
      detached: true,
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) process.kill(-child.pid!, 'SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run dev', () => {
  test('with .env.example as .env.local: fills in AUTH_SECRET and starts the emulator on a free port', async () => {
    const cwd = scratchFolder();
    const emulatorPort = await freePort();
    const { output } = await runDev(
      cwd,
      { PORT: String(await freePort()), COMPOSIO_EMULATOR_PORT: String(emulatorPort) },
      /Composio: local emulator/,
    );
    assert.match(output, new RegExp(`› Composio: local emulator at http://127.0.0.1:${emulatorPort}\\.`));
    const secrets = readFileSync(join(cwd, '.env.local'), 'utf8').match(/^AUTH_SECRET=.*$/gm);
    assert.equal(secrets?.length, 1);
    assert.match(secrets[0]!, /^AUTH_SECRET=[\w-]{43}$/);
  });

  test('a taken PORT stops it with one line naming the port and the variable', async () => {
    const port = await freePort();
    const holder = await listen(port);
    try {
      const { code, output } = await runDev(scratchFolder(), { PORT: String(port) });
      assert.equal(code, 1);
      assert.equal(
        output.trim(),
        `✖ Port ${port} (PORT) is already in use: stop what is using it, or set PORT to a free port.`,
      );
    } finally {
      holder.close();
    }
  });

  test('an emulator of ours already on COMPOSIO_EMULATOR_PORT is reused, not started twice', async () => {
    const port = await freePort();
    const running = await startEmulator(
      { COMPOSIO_EMULATOR_PORT: String(port), COMPOSIO_EMULATOR_DATA_DIR: scratchFolder('dev-emulator-') },
      { output: 'quiet' },
    );
    try {
      const { output } = await runDev(
        scratchFolder(),
        { PORT: String(await freePort()), COMPOSIO_EMULATOR_PORT: String(port) },
        /Composio: /,
      );
      assert.match(output, new RegExp(`reusing the local emulator already running at http://127.0.0.1:${port}\\.`));
      assert.doesNotMatch(output, /EADDRINUSE/);
    } finally {
      await running.service.stop();
    }
  });

  test('COMPOSIO_EMULATOR_PORT taken by something else stops it with one line naming the variable', async () => {
    const port = await freePort();
    const holder = await listen(port);
    try {
      const { code, output } = await runDev(scratchFolder(), {
        PORT: String(await freePort()),
        COMPOSIO_EMULATOR_PORT: String(port),
      });
      assert.equal(code, 1);
      const lines = output.trim().split('\n');
      assert.match(
        lines.at(-1)!,
        new RegExp(
          `^✖ Port ${port} \\(COMPOSIO_EMULATOR_PORT\\) is in use by something other than this project's emulator`,
        ),
      );
      assert.doesNotMatch(output, /EADDRINUSE|\n\s+at /);
    } finally {
      holder.close();
    }
  });
});
