import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleApi, type EmulatorContext } from './api';
import { buildCatalog } from './catalog';
import type { EmulatorConfig } from './config';
import { Controls, handleControls } from './controls';
import { isLoopbackHost } from './guard';
import { HttpError, RateLimitWindow, sendError, sendJson, sendRateLimited } from './http';
import { handleLink } from './link-page';
import { logoSvg } from './logos';
import { Store } from './store';

export type RunningEmulator = {
  url: string;
  config: EmulatorConfig;
  port: number;
  store: Store;
  controls: Controls;
  close(): Promise<void>;
};

/** Starts the emulator; `port: 0` picks a free port (for tests). */
export async function startEmulator(config: EmulatorConfig): Promise<RunningEmulator> {
  const store = await Store.open(config.dataDir, config.linkTtlMs);
  const controls = new Controls();
  const rateLimit = new RateLimitWindow();
  const catalog = buildCatalog(config.catalogSize, config.catalogInclude);
  const ctx: EmulatorContext = { config, store, catalog, publicUrl: '' };
  let port = 0;

  const server = createServer((req, res) => {
    // DNS rebinding defence: see guard.ts.
    if (!isLoopbackHost(req.headers.host, port)) {
      return sendError(res, 421, `This emulator answers only http://127.0.0.1:${port} or http://localhost:${port}`);
    }
    if (req.url?.startsWith('/api/')) rateLimit.countRequest(res);
    handle(ctx, controls, req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof HttpError) return sendError(res, error.status, error.message, error.code, error.headers);
      console.error('[emulator]', error);
      sendError(res, 500, 'Emulator error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  ctx.publicUrl = `http://127.0.0.1:${port}`;

  return {
    url: ctx.publicUrl,
    config,
    port,
    store,
    controls,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.flush();
    },
  };
}

async function handle(
  ctx: EmulatorContext,
  controls: Controls,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.publicUrl);

  if (url.pathname.startsWith('/api/')) {
    const entry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      status: 0,
      time: new Date().toISOString(),
    };
    controls.requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));

    const fault = controls.takeFault(entry.method, `${url.pathname}${url.search}`);
    const delay = controls.latencyMs + (fault?.delayMs ?? 0);
    if (delay > 0) await sleep(delay);
    if (fault?.drop) return void req.socket.destroy();
    if (fault?.status === 429) return sendRateLimited(res, fault.retryAfter ?? 1);
    if (fault?.status) {
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      return sendError(res, fault.status, `Injected fault (${fault.status})`, fault.status, headers);
    }
    if (!(await handleApi(ctx, req, res, url))) sendError(res, 404, `No route for ${req.method} ${url.pathname}`);
    return;
  }

  const logo = /^\/logos\/([a-z0-9_-]+)\.svg$/.exec(url.pathname);
  if (logo) {
    const toolkit = ctx.catalog.find((candidate) => candidate.slug === logo[1]);
    if (!toolkit) return sendError(res, 404, 'Logo not found');
    res.writeHead(200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
      // An SVG opened on its own must not run anything.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    return void res.end(logoSvg(toolkit.slug, toolkit.name));
  }

  if (await handleLink(ctx, req, res, url)) return;
  if (await handleControls(ctx, controls, req, res, url)) return;
  if (url.pathname === '/') return sendJson(res, 200, { name: 'Composio emulator', api: '/api/v3.1' });
  sendError(res, 404, `No route for ${req.method} ${url.pathname}`);
}
