// Sessions, Connect Links, reading and changing accounts, webhooks, SDK errors.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  APIConnectionError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from '@composio/client';
import { ConnectionExpiredEventSchema, ConnectionRequestFailedError, type Composio } from '@composio/core';
import { startEmulator, type RunningEmulator } from '../app';
import { API_KEY, CALLBACK, captureSdkWarnings, control, decide, sdk, startTestEmulator } from '../test-support';

const WEBHOOK_SECRET = 'contract-webhook-secret';

describe('connections through sessions', () => {
  let emulator: RunningEmulator;
  let composio: Composio;
  let webhookServer: Server;
  const webhooks: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const warnings = captureSdkWarnings();

  before(async () => {
    webhookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        webhooks.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => webhookServer.listen(0, '127.0.0.1', resolve));
    const address = webhookServer.address() as { port: number };
    emulator = await startTestEmulator({
      webhookUrl: `http://127.0.0.1:${address.port}/hook`,
      webhookSecret: WEBHOOK_SECRET,
    });
    composio = sdk(emulator);
  });

  after(async () => {
    warnings.restore();
    await emulator.close();
    await new Promise<void>((resolve) => webhookServer.close(() => resolve()));
  });

  beforeEach(() => {
    warnings.clear();
    emulator.controls.faults = [];
  });

  async function activeAccount(user: string, slug = 'gmail') {
    const session = await composio.create(user, { toolkits: [slug], manageConnections: false });
    const request = await session.authorize(slug, { callbackUrl: CALLBACK });
    await decide(request.redirectUrl!, 'allow');
    return request.id;
  }

  test('a session is created, reused, updated and deleted', async () => {
    const session = await composio.create('user-session', { toolkits: ['gmail'], manageConnections: false });
    assert.match(session.sessionId, /^trs_/);
    const reused = await composio.use(session.sessionId);
    assert.equal(reused.sessionId, session.sessionId);
    const config = await reused.update({ toolkits: { disable: ['slack'] } });
    assert.deepEqual(config.toolkits, { disabled: ['slack'] });
    assert.deepEqual(await reused.delete(), { sessionId: session.sessionId, deleted: true });
    await assert.rejects(composio.use(session.sessionId), NotFoundError);
    assert.deepEqual(warnings.validationWarnings(), []);
  });

  test('approving the Connect Link makes waitForConnection resolve ACTIVE and returns to the callback', async () => {
    const session = await composio.create('user-allow', { toolkits: ['gmail'], manageConnections: false });
    const request = await session.authorize('gmail', { callbackUrl: CALLBACK });
    assert.match(request.id, /^ca_/);
    assert.ok(request.redirectUrl?.startsWith(`${emulator.url}/link/ln_`));

    const page = await fetch(request.redirectUrl!);
    assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
    const html = await page.text();
    assert.match(html, /user-allow/);
    assert.match(html, />Allow</);

    // Sent back as the browser would: the page binds the link to the browser that opened it (verifier.ts).
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const back = await decide(request.redirectUrl!, 'allow', {}, { cookie });
    assert.equal(`${back.origin}${back.pathname}`, 'https://app.example/api/composio/callback');
    assert.deepEqual(Object.fromEntries(back.searchParams), {
      source: 'settings',
      status: 'success',
      connected_account_id: request.id,
    });

    const account = await request.waitForConnection(5_000);
    assert.equal(account.status, 'ACTIVE');
    assert.equal(account.toolkit.slug, 'gmail');
    assert.equal(account.data?.email, 'demo@gmail.example');
    assert.match(account.authConfig.id, /^ac_/);
    assert.equal(account.authConfig.isComposioManaged, true);
    assert.deepEqual(warnings.validationWarnings(), []);
  });

  test('denying makes waitForConnection fail and the callback say failed', async () => {
    const session = await composio.create('user-deny', { toolkits: ['slack'], manageConnections: false });
    const request = await session.authorize('slack', { callbackUrl: CALLBACK });
    const back = await decide(request.redirectUrl!, 'deny');
    assert.equal(back.searchParams.get('status'), 'failed');
    await assert.rejects(request.waitForConnection(5_000), ConnectionRequestFailedError);
  });

  test('a link works once, and an API-key toolkit needs its key', async () => {
    const session = await composio.create('user-apikey', { toolkits: ['serpapi'], manageConnections: false });
    const request = await session.authorize('serpapi', { callbackUrl: CALLBACK });
    assert.match(await (await fetch(request.redirectUrl!)).text(), /<label for="api_key">API key<\/label>/);
    const missing = await fetch(request.redirectUrl!, {
      method: 'POST',
      body: new URLSearchParams({ decision: 'allow' }),
    });
    assert.equal(missing.status, 400);
    await decide(request.redirectUrl!, 'allow', { api_key: 'secret-value-1234' });
    const account = await composio.connectedAccounts.get(request.id);
    assert.equal(account.status, 'ACTIVE');
    assert.equal(account.authConfig.authScheme, 'API_KEY');
    assert.doesNotMatch(JSON.stringify(account), /secret-value/);
    assert.equal((await fetch(request.redirectUrl!)).status, 410);
  });

  test('manageConnections.callbackUrl is where a link without its own callback returns', async () => {
    const session = await composio.create('user-manage', {
      toolkits: ['notion'],
      manageConnections: { callbackUrl: 'https://app.example/managed?x=1' },
    });
    const request = await session.authorize('notion');
    const back = await decide(request.redirectUrl!, 'allow');
    assert.equal(back.origin + back.pathname, 'https://app.example/managed');
    assert.equal(back.searchParams.get('x'), '1');
  });

  test('a toolkit the session disables cannot be authorized, and nothing is created', async () => {
    const session = await composio.create('user-disabled', { toolkits: { disable: ['github'] } });
    await assert.rejects(session.authorize('github'), /not enabled in session/);
    assert.equal((await composio.connectedAccounts.list({ userIds: ['user-disabled'] })).items.length, 0);
  });

  test('an alias is kept on the account', async () => {
    const session = await composio.create('user-alias', { toolkits: ['github'], manageConnections: false });
    const request = await session.authorize('github', { callbackUrl: CALLBACK, alias: 'work' });
    await decide(request.redirectUrl!, 'allow');
    assert.equal((await composio.connectedAccounts.get(request.id)).alias, 'work');
  });

  test('a no-auth toolkit cannot be authorized', async () => {
    const session = await composio.create('user-noauth', { toolkits: ['hackernews'], manageConnections: false });
    await assert.rejects(session.authorize('hackernews'), /does not require authentication/);
    assert.deepEqual((await composio.authConfigs.list({ toolkit: 'hackernews', showDisabled: true })).items, []);
  });

  test('session.toolkits() and connectedAccounts.list() report the new state and paginate', async () => {
    const user = 'user-list';
    const session = await composio.create(user, { toolkits: ['gmail', 'slack', 'github'], manageConnections: false });
    for (const slug of ['gmail', 'slack', 'github']) {
      const request = await session.authorize(slug, { callbackUrl: CALLBACK });
      await decide(request.redirectUrl!, slug === 'slack' ? 'deny' : 'allow');
    }
    const first = await session.toolkits({ limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.cursor);
    const second = await session.toolkits({ limit: 2, cursor: first.cursor });
    const all = [...first.items, ...second.items];
    assert.deepEqual(all.map((item) => item.slug).sort(), ['github', 'gmail', 'slack']);
    assert.equal(all.find((item) => item.slug === 'gmail')?.connection?.isActive, true);
    assert.equal(all.find((item) => item.slug === 'slack')?.connection?.isActive, false);

    const active = await composio.connectedAccounts.list({ userIds: [user], statuses: ['ACTIVE'] });
    assert.deepEqual(active.items.map((account) => account.toolkit.slug).sort(), ['github', 'gmail']);
    const page1 = await composio.connectedAccounts.list({ userIds: [user], limit: 2 });
    assert.equal(page1.items.length, 2);
    assert.ok(page1.nextCursor);
    const page2 = await composio.connectedAccounts.list({ userIds: [user], limit: 2, cursor: page1.nextCursor! });
    assert.equal(page2.items.length, 1);
    assert.equal(page2.nextCursor, null);
    const filtered = await composio.connectedAccounts.list({ userIds: [user], toolkitSlugs: ['slack'] });
    assert.deepEqual(
      filtered.items.map((account) => account.status),
      ['FAILED'],
    );
    assert.deepEqual(warnings.validationWarnings(), []);
  });

  test('disable and enable flip INACTIVE and ACTIVE', async () => {
    const id = await activeAccount('user-toggle');
    await composio.connectedAccounts.disable(id);
    assert.equal((await composio.connectedAccounts.get(id)).status, 'INACTIVE');
    await composio.connectedAccounts.enable(id);
    assert.equal((await composio.connectedAccounts.get(id)).status, 'ACTIVE');
    assert.deepEqual(warnings.validationWarnings(), []);
  });

  test('refresh starts a new Connect Link for the same account', async () => {
    const id = await activeAccount('user-refresh');
    const refreshed = (await composio.connectedAccounts.refresh(id, { redirectUrl: CALLBACK })) as {
      status: string;
      redirect_url: string;
    };
    assert.equal(refreshed.status, 'INITIATED');
    await decide(refreshed.redirect_url, 'allow');
    assert.equal((await composio.connectedAccounts.get(id)).status, 'ACTIVE');
  });

  test('delete removes the account from get and list', async () => {
    const id = await activeAccount('user-delete');
    await composio.connectedAccounts.delete(id);
    await assert.rejects(composio.connectedAccounts.get(id), (error: NotFoundError) => {
      assert.equal(error.status, 404);
      assert.equal((error.error as { error: { code: number } }).error.code, 1803);
      return true;
    });
    assert.equal((await composio.connectedAccounts.list({ userIds: ['user-delete'] })).items.length, 0);
  });

  test('the expire control marks the account EXPIRED and sends a webhook the SDK verifies', async () => {
    const id = await activeAccount('user-expire');
    const response = await control(emulator, `connected_accounts/${id}/expire`);
    assert.equal(((await response.json()) as { webhook: { delivered: boolean } }).webhook.delivered, true);
    assert.equal((await composio.connectedAccounts.get(id)).status, 'EXPIRED');
    // Composio keeps what it knows about the account when its status changes: the app still names the expired row.
    const expired = await composio.getClient().connectedAccounts.retrieve(id);
    assert.deepEqual(expired.data, { email: 'demo@gmail.example', display_name: 'demo@gmail.example' });
    assert.equal(
      (await composio.connectedAccounts.list({ userIds: ['user-expire'] })).items[0]?.data?.email,
      'demo@gmail.example',
    );

    const delivery = webhooks.at(-1)!;
    const verified = await composio.triggers.verifyWebhook({
      id: String(delivery.headers['webhook-id']),
      timestamp: String(delivery.headers['webhook-timestamp']),
      signature: String(delivery.headers['webhook-signature']),
      payload: delivery.body,
      secret: WEBHOOK_SECRET,
    });
    assert.equal(verified.version, 'V3');
    const event = ConnectionExpiredEventSchema.safeParse(JSON.parse(delivery.body));
    assert.ok(event.success, JSON.stringify(event.error?.issues));
    assert.equal(event.data.data.id, id);
    await assert.rejects(
      composio.triggers.verifyWebhook({
        id: String(delivery.headers['webhook-id']),
        timestamp: String(delivery.headers['webhook-timestamp']),
        signature: String(delivery.headers['webhook-signature']),
        payload: delivery.body,
        secret: 'wrong-secret',
      }),
    );
  });

  test('?deliveries=3 sends the identical signed delivery three times, as a retried delivery arrives', async () => {
    const id = await activeAccount('user-expire-thrice');
    const before = webhooks.length;
    const response = await control(emulator, `connected_accounts/${id}/expire?deliveries=3`);
    assert.equal(((await response.json()) as { deliveries: unknown[] }).deliveries.length, 3);
    const copies = webhooks.slice(before);
    assert.equal(copies.length, 3);
    const signed = (copy: (typeof copies)[number]) => [
      copy.body,
      ...['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => copy.headers[name]),
    ];
    for (const copy of copies) assert.deepEqual(signed(copy), signed(copies[0]!));
  });

  test('a wrong API key is an AuthenticationError', async () => {
    await assert.rejects(
      sdk(emulator, 'wrong-key').connectedAccounts.list({ userIds: ['x'] }),
      (error: AuthenticationError) =>
        error instanceof AuthenticationError && (error.error as { error: { code: number } }).error.code === 10401,
    );
  });

  test('an unknown account is a NotFoundError and an unknown route answers 404 JSON', async () => {
    await assert.rejects(composio.connectedAccounts.get('ca_missing'), NotFoundError);
    const response = await fetch(`${emulator.url}/api/v3.1/nope`, { headers: { 'x-api-key': API_KEY } });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const body = (await response.json()) as { error: { status: number; code: number; message: string } };
    assert.equal(body.error.status, 404);
    // Composio's generic code for a URL it does not know (URLNotFound).
    assert.equal(body.error.code, 10404);
  });

  test('an injected 500 reaches the caller after the SDK’s retries, waiting what retry-after says', async () => {
    await control(emulator, 'faults', { match: '/connected_accounts', status: 500, times: 3, retryAfter: 0 });
    await assert.rejects(composio.connectedAccounts.list({ userIds: ['x'] }), InternalServerError);
    assert.equal(emulator.controls.faults[0]?.remaining, 0);
  });

  test('an injected 429 answers like Composio’s rate limiter, and the SDK waits its Retry-After', async () => {
    await control(emulator, 'faults', { match: '/connected_accounts?', status: 429, times: 1 });
    const direct = await fetch(`${emulator.url}/api/v3.1/connected_accounts?user_ids=x`, {
      headers: { 'x-api-key': API_KEY },
    });
    assert.equal(direct.status, 429);
    assert.equal(direct.headers.get('retry-after'), '1');
    assert.equal(direct.headers.get('x-ratelimit-window-size'), '60s');
    assert.equal(direct.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(
      ((await direct.json()) as { message: string }).message,
      'Rate limit exceeded. Limit: 2000 requests per 1 minutes',
    );

    await control(emulator, 'faults', { match: '/connected_accounts?', status: 429, times: 3, retryAfter: 0.2 });
    const started = Date.now();
    await assert.rejects(composio.connectedAccounts.list({ userIds: ['x'] }), RateLimitError);
    assert.ok(Date.now() - started >= 400, 'two retries, 200 ms apart');
  });

  test('every API response says where it stands in the one-minute rate-limit window', async () => {
    const headers = async (path: string) => {
      const response = await fetch(`${emulator.url}/api/v3.1${path}`, { headers: { 'x-api-key': API_KEY } });
      await response.body?.cancel();
      return ['x-ratelimit', 'x-ratelimit-remaining', 'x-ratelimit-window-size'].map((name) =>
        response.headers.get(name),
      );
    };
    const [limit, remaining, window] = await headers('/toolkits/gmail');
    assert.deepEqual([limit, window], ['2000', '60s']);
    const [, next] = await headers('/connected_accounts/ca_missing');
    assert.equal(Number(next), Number(remaining) - 1, 'an error answer counts and says so too');
  });

  test('after a 413 on a kept-alive connection, the next request still gets its answer', async () => {
    const { Agent, request } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const outgoing = request(
          `${emulator.url}/api/v3.1${path}`,
          { method, agent, headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' } },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode!));
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const huge = JSON.stringify({ user_id: 'x'.repeat(2 * 1024 * 1024) });
        assert.equal(await send('POST', '/tool_router/session', huge).catch(() => 413), 413);
        assert.equal(await send('GET', '/toolkits/gmail'), 200);
      }
    } finally {
      agent.destroy();
    }
  });

  test('session.toolkits({ toolkits }) overrides the session’s own list', async () => {
    const session = await composio.create('user-toolkits-override', { toolkits: ['gmail'] });
    assert.deepEqual(
      (await session.toolkits()).items.map((item) => item.slug),
      ['gmail'],
    );
    assert.deepEqual(
      (await session.toolkits({ toolkits: ['github', 'slack'] })).items.map((item) => item.slug).sort(),
      ['github', 'slack'],
    );
  });

  test('the unimplemented tool routes answer the plain “not implemented” 404, not a tool lookup', async () => {
    for (const [method, path] of [
      ['GET', '/tools/enum'],
      ['POST', '/tools/execute/proxy'],
      ['POST', '/tools/execute/GMAIL_GET_PROFILE/input'],
    ]) {
      const response = await fetch(`${emulator.url}/api/v3.1${path}`, {
        method,
        headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      assert.equal(response.status, 404);
      const { error } = (await response.json()) as { error: { message: string } };
      assert.match(error.message, /the emulator does not implement it/, `${method} ${path}`);
    }
  });

  test('an injected delay is felt by the caller', async () => {
    await control(emulator, 'faults', { match: '/toolkits/slack', delayMs: 300 });
    const started = Date.now();
    await composio.toolkits.get('slack');
    assert.ok(Date.now() - started >= 300);
  });

  test('a dropped connection is an APIConnectionError', async () => {
    await control(emulator, 'faults', { match: '/connected_accounts/ca_drop', drop: true, times: -1 });
    const client = sdk(emulator);
    client.getClient().maxRetries = 0;
    await assert.rejects(client.connectedAccounts.get('ca_drop'), APIConnectionError);
  });

  test('the request log records API calls for round-trip counting', async () => {
    await control(emulator, 'requests', undefined, 'DELETE');
    await composio.toolkits.get('notion');
    const { requests } = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as {
      requests: { method: string; path: string; status: number }[];
    };
    assert.deepEqual(
      requests.map((request) => [request.method, request.path, request.status]),
      [['GET', '/api/v3.1/toolkits/notion', 200]],
    );
  });

  test('state survives a restart', async () => {
    const id = await activeAccount('user-restart', 'notion');
    const port = emulator.port;
    await emulator.close();
    emulator = await startEmulator({ ...emulator.config, port });
    assert.equal((await sdk(emulator).connectedAccounts.get(id)).status, 'ACTIVE');
  });
});
