// Process plumbing shared by `npm run dev`, the e2e servers (e2e/serve.ts),
// `npm run bench` and `npm run load`: build the app, start the emulator and the
// app, wait until they answer, and stop them together. Loopback only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { configFromEnv } from '../emulator/config';

export type Env = Record<string, string | undefined>;

export const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const emulatorEntry = fileURLToPath(new URL('../emulator/server.ts', import.meta.url));
/** For `node --import <tsxLoader> file.ts`, resolved here so it works from any working directory. */
export const tsxLoader = import.meta.resolve('tsx');

export type ServiceOptions = {
  /**
   * inherit: straight to this terminal (npm run dev). prefixed: each line as `[name] line` (the e2e servers, which
   * Playwright pipes). quiet: kept in memory and shown only if the service dies before it answers (bench, load).
   */
  output?: 'inherit' | 'prefixed' | 'quiet';
  /**
   * Own process group, so stop() also ends whatever the service forks. Leave it off where a parent stops the whole
   * group itself: Playwright SIGKILLs its web server's group, and a child in a group of its own would outlive it.
   */
  ownGroup?: boolean;
  /** When the service exits without stop(): stop every other service and exit with its code. */
  critical?: boolean;
};

export type Service = {
  name: string;
  child: ChildProcess;
  /** The last lines of a quiet service's output. */
  recentOutput: string[];
  /** Its exit code once it has exited (null after a signal). */
  exited: Promise<number | null>;
  /** Sends SIGTERM (to its group if it has one) and waits for it to exit. */
  stop(): Promise<void>;
  /** Sends SIGTERM without waiting: for 'exit' handlers, which cannot wait. */
  terminate(): void;
};

const running = new Set<Service>();

/** Runs `node <args>` with `env` on top of this process's environment. */
export function startService(name: string, args: string[], env: Env, options: ServiceOptions = {}): Service {
  const { output = 'prefixed', ownGroup = false, critical = false } = options;
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    detached: ownGroup,
  });
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const service: Service = {
    name,
    child,
    recentOutput: [],
    exited,
    async stop() {
      service.terminate();
      await exited;
    },
    terminate() {
      stopping = true;
      running.delete(service);
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        if (ownGroup) process.kill(-child.pid!, 'SIGTERM');
        else child.kill('SIGTERM');
      } catch {
        // already gone
      }
    },
  };
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        if (output === 'prefixed') process.stdout.write(`[${name}] ${line}\n`);
        else service.recentOutput.splice(0, service.recentOutput.length - 49, line);
      }
    });
  }
  child.once('exit', (code, signalName) => {
    running.delete(service);
    if (stopping || !critical) return;
    console.error(`[${name}] exited with ${signalName ?? `code ${code}`}`);
    stopAll();
    process.exit(code || 1);
  });
  running.add(service);
  return service;
}

/** Stops every service still running; synchronous, so it also works from an 'exit' handler. */
export function stopAll(): void {
  for (const service of [...running]) service.terminate();
}

process.on('exit', stopAll);
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.on(name, () => {
    stopAll();
    process.exit(0);
  });
}

/** Polls `url` until it answers with anything below 500; fails fast if `service` dies first. */
export async function waitForUrl(url: string, options: { timeoutMs?: number; service?: Service } = {}): Promise<void> {
  const { timeoutMs = 120_000, service } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service && (service.child.exitCode !== null || service.child.signalCode !== null)) {
      const recent = service.recentOutput.length ? `:\n${service.recentOutput.join('\n')}` : '';
      throw new Error(`${service.name} exited before ${url} answered${recent}`);
    }
    try {
      if ((await fetch(url, { redirect: 'manual' })).status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `next build` for `next start`; exits this process if the build fails (its errors are already printed). */
export function buildApp(env: Env, options: { quiet?: boolean } = {}): void {
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'],
    env: { ...process.env, ...env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** The emulator's port and key for these variables, with the defaults of emulator/config.ts (written there once). */
export function emulatorSettings(env: Env): { port: number; apiKey: string } {
  // A plain record: Next's types make NODE_ENV required on NodeJS.ProcessEnv.
  return configFromEnv(env as NodeJS.ProcessEnv);
}

/**
 * The local Composio emulator, configured by the COMPOSIO_EMULATOR_* variables in `env` (unset ones take the
 * defaults in emulator/config.ts), started and answering.
 */
export async function startEmulator(
  env: Env,
  options: ServiceOptions = {},
): Promise<{ url: string; apiKey: string; service: Service }> {
  const { port, apiKey } = emulatorSettings(env);
  const url = `http://127.0.0.1:${port}`;
  const service = startService('emulator', ['--import', tsxLoader, emulatorEntry], env, options);
  await waitForUrl(`${url}/healthz`, { service, timeoutMs: 60_000 });
  return { url, apiKey, service };
}

/** `next start` listening at `url`, started and answering (its sign-in page renders without a session). */
export async function startApp(name: string, url: string, env: Env, options: ServiceOptions = {}): Promise<Service> {
  const service = startService(name, [nextBin, 'start', '-p', new URL(url).port], env, options);
  await waitForUrl(`${url}/sign-in`, { service });
  return service;
}

/** Whether a server could listen on `port` (all interfaces, as `next dev` does, unless `host` narrows it). */
export function portIsFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * What answers on 127.0.0.1:`port`: this project's emulator accepting `apiKey` (`ours`), something else (`taken`),
 * or nothing (`free`). The emulator's /healthz says whether the x-api-key it was sent is the one it accepts.
 */
export async function emulatorAt(port: number, apiKey: string): Promise<'ours' | 'taken' | 'free'> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
      headers: { 'x-api-key': apiKey },
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await response.json()) as { ok?: boolean; apiKeyAccepted?: boolean };
    if (body.ok === true && body.apiKeyAccepted === true) return 'ours';
  } catch {
    // nothing there, or not an emulator of ours
  }
  return (await portIsFree(port, '127.0.0.1')) ? 'free' : 'taken';
}
