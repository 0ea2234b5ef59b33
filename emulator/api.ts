import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountRoutes } from './routes/accounts';
import { authConfigRoutes } from './routes/auth-configs';
import { completeAuthRoutes } from './routes/complete-auth';
import { sessionRoutes } from './routes/sessions';
import { toolkitRoutes } from './routes/toolkits';
import { toolRoutes } from './routes/tools';
import type { CatalogToolkit } from './catalog';
import type { EmulatorConfig } from './config';
import { HTTP_ERROR_CODES, sendError } from './http';
import type { Store } from './store';

export type EmulatorContext = {
  config: EmulatorConfig;
  store: Store;
  catalog: CatalogToolkit[];
  publicUrl: string;
};

export type Route = {
  method: string;
  pattern: RegExp;
  handle: (
    ctx: EmulatorContext,
    req: IncomingMessage,
    res: ServerResponse,
    params: string[],
    query: URLSearchParams,
  ) => Promise<void> | void;
};

const API = '/api/v3.1';

const routes: Route[] = [
  ...sessionRoutes,
  ...completeAuthRoutes,
  ...accountRoutes,
  ...authConfigRoutes,
  ...toolkitRoutes,
  ...toolRoutes,
];

/** Answers one `/api/v3.1/...` request; returns false when the path is not an API path. */
export async function handleApi(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (!url.pathname.startsWith(`${API}/`) && url.pathname !== API) return false;
  if (req.headers['x-api-key'] !== ctx.config.apiKey) {
    sendError(
      res,
      401,
      'Invalid or missing API key. Send the emulator key in the x-api-key header.',
      HTTP_ERROR_CODES.unauthorized,
    );
    return true;
  }
  const path = url.pathname.slice(API.length);
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match || route.method !== req.method) continue;
    const params = match.slice(1).map((value) => decodeURIComponent(value));
    await route.handle(ctx, req, res, params, url.searchParams);
    return true;
  }
  sendError(
    res,
    404,
    `No route for ${req.method} ${url.pathname} (the emulator does not implement it)`,
    HTTP_ERROR_CODES.urlNotFound,
  );
  return true;
}
