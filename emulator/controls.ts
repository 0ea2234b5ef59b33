import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './api';
import { accountOut } from './connections';
import { controlRequestProblem } from './guard';
import { HttpError, readJson, sendJson } from './http';
import { deliverWebhook } from './webhooks';

export type Fault = {
  match: string;
  method?: string;
  status?: number;
  delayMs: number;
  remaining: number;
  drop: boolean;
  /** `retry-after` seconds on the injected answer (429 answers default to 1, as Composio sends one). */
  retryAfter?: number;
};

/** What the break control makes tools answer by default: the provider refusing a revoked token. */
const BROKEN_TOKEN = "401 Unauthorized: the provider rejected this account's access token (it may have been revoked).";

export type RecordedRequest = { method: string; path: string; query: string; status: number; time: string };

/** Test-only knobs: injected faults, added latency, and the log of API requests. */
export class Controls {
  faults: Fault[] = [];
  latencyMs = 0;
  requests: RecordedRequest[] = [];

  /** The first fault that applies to this request, used up by one. */
  takeFault(method: string, pathAndQuery: string): Fault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.remaining !== 0 &&
        pathAndQuery.includes(candidate.match) &&
        (!candidate.method || candidate.method.toUpperCase() === method),
    );
    if (fault && fault.remaining > 0) fault.remaining -= 1;
    return fault;
  }

  clear(): void {
    this.faults = [];
    this.latencyMs = 0;
    this.requests = [];
  }
}

export async function handleControls(
  ctx: EmulatorContext,
  controls: Controls,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const path = url.pathname;
  if (path === '/healthz') {
    // apiKeyAccepted lets `npm run dev` tell its own emulator (same key) from anything else on the port.
    sendJson(res, 200, { ok: true, apiKeyAccepted: req.headers['x-api-key'] === ctx.config.apiKey });
    return true;
  }
  if (!path.startsWith('/_emulator/')) return false;
  const problem = controlRequestProblem(req, Number(new URL(ctx.publicUrl).port));
  if (problem) throw new HttpError(403, problem);
  const route = `${req.method} ${path}`;

  if (route === 'POST /_emulator/reset') {
    await ctx.store.reset();
    controls.clear();
    sendJson(res, 200, { ok: true });
  } else if (route === 'POST /_emulator/faults') {
    const body = await readJson(req);
    if (typeof body.match !== 'string') throw new HttpError(400, '"match" (a path substring) is required');
    const fault: Fault = {
      match: body.match,
      method: typeof body.method === 'string' ? body.method : undefined,
      status: typeof body.status === 'number' ? body.status : undefined,
      delayMs: typeof body.delayMs === 'number' ? Math.max(0, body.delayMs) : 0,
      remaining: typeof body.times === 'number' ? body.times : 1,
      drop: body.drop === true,
      retryAfter: typeof body.retryAfter === 'number' && body.retryAfter >= 0 ? body.retryAfter : undefined,
    };
    controls.faults.push(fault);
    sendJson(res, 201, { fault });
  } else if (route === 'DELETE /_emulator/faults') {
    controls.faults = [];
    sendJson(res, 200, { ok: true });
  } else if (route === 'POST /_emulator/latency') {
    const body = await readJson(req);
    if (typeof body.ms !== 'number' || body.ms < 0) throw new HttpError(400, '"ms" must be a non-negative number');
    controls.latencyMs = body.ms;
    sendJson(res, 200, { latencyMs: controls.latencyMs });
  } else if (route === 'GET /_emulator/requests') {
    sendJson(res, 200, { requests: controls.requests });
  } else if (route === 'DELETE /_emulator/requests') {
    controls.requests = [];
    sendJson(res, 200, { ok: true });
  } else if (route === 'PUT /_emulator/verifier' || route === 'GET /_emulator/verifier') {
    // The project's identity verifier setting (emulator/verifier.ts), as its dashboard toggle would change it; with
    // `user_id`, for that user's links only, so that a journey can turn it off beside others that expect it on.
    if (req.method === 'PUT') {
      const body = await readJson(req);
      if (typeof body.enabled !== 'boolean') throw new HttpError(400, '"enabled" must be true or false');
      if (body.user_id !== undefined && typeof body.user_id !== 'string')
        throw new HttpError(400, '"user_id" must be a string');
      const off = new Set(ctx.config.verifierOffForUsers);
      if (typeof body.user_id === 'string') {
        if (body.enabled) off.delete(body.user_id);
        else off.add(body.user_id);
      } else {
        ctx.config.verifier = body.enabled;
      }
      ctx.config.verifierOffForUsers = [...off];
    }
    sendJson(res, 200, {
      enabled: ctx.config.verifier !== false,
      urls: ctx.config.verifierUrls ?? [],
      off_for_users: ctx.config.verifierOffForUsers ?? [],
    });
  } else if (route === 'GET /_emulator/state') {
    const userId = url.searchParams.get('user_id');
    const accounts = Object.values(ctx.store.state.accounts)
      .filter((account) => !userId || account.userId === userId)
      .map((account) => accountOut(ctx, account));
    sendJson(res, 200, { accounts });
  } else if (/^(POST|DELETE) \/_emulator\/connected_accounts\/[A-Za-z0-9_-]+\/break$/.test(route)) {
    // POST breaks the account's credentials at the provider (Composio still says ACTIVE); DELETE mends them.
    const id = path.split('/')[3]!;
    const account = ctx.store.state.accounts[id];
    if (!account) throw new HttpError(404, `Connected account ${id} not found`);
    const body = req.method === 'POST' ? await readJson(req) : {};
    const error =
      req.method === 'DELETE'
        ? undefined
        : typeof body.error === 'string' && body.error.trim()
          ? body.error.trim().slice(0, 500)
          : BROKEN_TOKEN;
    await ctx.store.mutate(() => {
      account.toolError = error;
    });
    sendJson(res, 200, { account: accountOut(ctx, account), toolError: error ?? null });
  } else {
    const expire = /^POST \/_emulator\/connected_accounts\/([A-Za-z0-9_-]+)\/expire$/.exec(route);
    if (!expire) throw new HttpError(404, `No emulator control for ${route}`);
    const account = ctx.store.state.accounts[expire[1]!];
    if (!account) throw new HttpError(404, `Connected account ${expire[1]} not found`);
    await ctx.store.mutate(() => {
      account.status = 'EXPIRED';
      account.statusReason = 'OAuth refresh token expired';
      account.updatedAt = new Date().toISOString();
    });
    const json = accountOut(ctx, account);
    const { webhookUrl, webhookSecret } = ctx.config;
    // ?deliveries=N (1–5) sends the same signed delivery N times, like Composio retrying it.
    const copies = Math.min(5, Math.max(1, Number(url.searchParams.get('deliveries') ?? 1) || 1));
    const deliveries =
      webhookUrl && webhookSecret
        ? await deliverWebhook(webhookUrl, webhookSecret, 'composio.connected_account.expired', json, copies)
        : [{ delivered: false, error: 'No webhook URL or secret configured' }];
    sendJson(res, 200, { account: json, webhook: deliveries[0], deliveries });
  }
  return true;
}
