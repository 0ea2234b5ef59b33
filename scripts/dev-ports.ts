// Where `npm run dev` serves the app and the emulator when ports are taken. The rule for the app: Composio sends
// the browser back to APP_URL, so the app must be served where APP_URL points. Without an explicit APP_URL the app
// may move to a free port (and its callbacks move with it); with one, or with an explicit PORT, it stops instead.

import { isLoopback } from '../lib/http/loopback';

export type Plan<T> = { ok: true; value: T; note?: string } | { ok: false; error: string };

const DEFAULT_APP_PORT = 3000;
const PORTS_TO_TRY = 10;

/** The port an APP_URL on this machine points at, or undefined for a public origin (a tunnel or proxy decides). */
function loopbackPort(appUrl: string): number | undefined {
  if (!isLoopback(appUrl)) return undefined;
  const url = new URL(appUrl);
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/**
 * The app's port and origin. `requested` is `-p`/`--port` or PORT (whichever Next would use), `appUrl` an explicit,
 * non-blank APP_URL.
 */
export async function planAppPort(input: {
  requested?: { port: number; source: 'PORT' | '--port' };
  appUrl?: string;
  isFree: (port: number) => Promise<boolean>;
}): Promise<Plan<{ port: number; appUrl: string }>> {
  const { requested, appUrl, isFree } = input;
  const appUrlPort = appUrl ? loopbackPort(appUrl) : undefined;

  if (appUrl && appUrlPort !== undefined) {
    if (requested && requested.port !== appUrlPort) {
      return {
        ok: false,
        error: `APP_URL (${appUrl}) points at port ${appUrlPort} but ${requested.source} is ${requested.port}, so Composio would send users to the wrong port: make them agree, or unset APP_URL.`,
      };
    }
    if (!(await isFree(appUrlPort))) {
      return {
        ok: false,
        error: `Port ${appUrlPort} is already in use, and APP_URL (${appUrl}) says the app runs there: stop what is using it, or set APP_URL to another port.`,
      };
    }
    return { ok: true, value: { port: appUrlPort, appUrl } };
  }

  const port = requested?.port ?? DEFAULT_APP_PORT;
  if (await isFree(port)) return { ok: true, value: { port, appUrl: appUrl ?? `http://localhost:${port}` } };
  if (requested || appUrl) {
    return {
      ok: false,
      error: `Port ${port}${requested ? ` (${requested.source})` : ''} is already in use: stop what is using it, or set PORT to a free port.`,
    };
  }
  for (let candidate = port + 1; candidate <= port + PORTS_TO_TRY; candidate++) {
    if (await isFree(candidate)) {
      const movedUrl = `http://localhost:${candidate}`;
      return {
        ok: true,
        value: { port: candidate, appUrl: movedUrl },
        note: `Port ${port} is in use, so the app runs at ${movedUrl} and Composio callbacks go there (set PORT to choose).`,
      };
    }
  }
  return { ok: false, error: `Ports ${port}–${port + PORTS_TO_TRY} are all in use: set PORT to a free port.` };
}

/**
 * Where the emulator runs: reuse ours if it already answers on the port, otherwise start one on the port, or on the
 * next free one when the port was not chosen explicitly.
 */
export async function planEmulatorPort(input: {
  port: number;
  explicit: boolean;
  probe: (port: number) => Promise<'ours' | 'taken' | 'free'>;
}): Promise<Plan<{ port: number; reuse: boolean }>> {
  const { port, explicit, probe } = input;
  const last = explicit ? port : port + PORTS_TO_TRY;
  for (let candidate = port; candidate <= last; candidate++) {
    const found = await probe(candidate);
    if (found === 'taken') continue;
    const moved = candidate !== port;
    return {
      ok: true,
      value: { port: candidate, reuse: found === 'ours' },
      note: moved
        ? `Port ${port} is in use by something else, so the emulator runs on ${candidate} (set COMPOSIO_EMULATOR_PORT to choose).`
        : undefined,
    };
  }
  return {
    ok: false,
    error: explicit
      ? `Port ${port} (COMPOSIO_EMULATOR_PORT) is in use by something other than this project's emulator: stop it, or set COMPOSIO_EMULATOR_PORT to a free port.`
      : `Ports ${port}–${last} are all in use: set COMPOSIO_EMULATOR_PORT to a free port.`,
  };
}

/** Where `next dev` listens unless told otherwise: this machine only, never the local network. */
export const DEV_HOST = '127.0.0.1';

/**
 * `next dev`'s arguments with where it listens. Next listens on every interface by default, which puts a
 * development server (demo sign-in, the emulator's accounts) on the café's Wi-Fi; `npm run dev` keeps it on
 * loopback unless `-H`/`--hostname` asks for more (`npm run dev -- -H 0.0.0.0` to try it from a phone).
 */
export function listenArgs(args: readonly string[]): { args: string[]; host: string; exposed: boolean } {
  for (const [index, arg] of args.entries()) {
    const inline = /^(?:-H|--hostname)=(.*)$/.exec(arg);
    const host = inline ? inline[1] : arg === '-H' || arg === '--hostname' ? args[index + 1] : undefined;
    if (host !== undefined) return { args: [...args], host, exposed: !isLoopback(`http://${hostForUrl(host)}`) };
  }
  return { args: [...args, '--hostname', DEV_HOST], host: DEV_HOST, exposed: false };
}

/** An IPv6 address goes in brackets in a URL. */
function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
