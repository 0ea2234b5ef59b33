// Contract tests: the real @composio/core SDK, as the app constructs it, against the emulator.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { APIConnectionError, AuthenticationError, InternalServerError, NotFoundError } from '@composio/client';
import { Composio, ConnectionExpiredEventSchema, ConnectionRequestFailedError } from '@composio/core';
import { createServer, type Server } from 'node:http';
import { startEmulator, type RunningEmulator } from './app';

const API_KEY = 'contract-test-key';
const WEBHOOK_SECRET = 'contract-webhook-secret';
const CALLBACK = 'https://app.example/api/composio/callback?source=settings';

let emulator: RunningEmulator;
let composio: Composio;
let dataDir: string;
let webhookServer: Server;
const webhooks: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const warnings: string[] = [];
const originalWarn = console.warn;

function sdk(apiKey = API_KEY): Composio {
  return new Composio({ apiKey, baseURL: emulator.url, allowTracking: false, disableVersionCheck: true });
}

/** Completes the stand-in Connect Link the way a browser form would. */
async function decide(redirectUrl: string, decision: 'allow' | 'deny', extra: Record<string, string> = {}) {
  const response = await fetch(redirectUrl, {
    method: 'POST',
    body: new URLSearchParams({ decision, ...extra }),
    redirect: 'manual',
  });
  assert.equal(response.status, 303);
  return new URL(response.headers.get('location')!);
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'emulator-contract-'));
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
  emulator = await startEmulator({
    port: 0,
    apiKey: API_KEY,
    dataDir,
    linkTtlMs: 600_000,
    webhookUrl: `http://127.0.0.1:${address.port}/hook`,
    webhookSecret: WEBHOOK_SECRET,
  });
  composio = sdk();
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    originalWarn(...args);
  };
});

after(async () => {
  console.warn = originalWarn;
  await emulator.close();
  await new Promise<void>((resolve) => webhookServer.close(() => resolve()));
});

beforeEach(() => {
  warnings.length = 0;
  emulator.controls.faults = [];
});

/** No SDK call may trip the SDK's own validation (composio-api.md legend: SOFT fields). */
function assertNoValidationWarnings() {
  assert.deepEqual(
    warnings.filter((warning) => /validation|Unsupported auth scheme/i.test(warning)),
    [],
  );
}

describe('sessions and Connect Links', () => {
  test('a session is created for the user with manual authorization', async () => {
    const session = await composio.create('user-session', { toolkits: ['gmail'], manageConnections: false });
    assert.match(session.sessionId, /^trs_/);
    const reused = await composio.use(session.sessionId);
    assert.equal(reused.sessionId, session.sessionId);
    assertNoValidationWarnings();
  });

  test('approving the Connect Link makes waitForConnection resolve ACTIVE and returns to the callback', async () => {
    const session = await composio.create('user-allow', { toolkits: ['gmail'], manageConnections: false });
    const request = await session.authorize('gmail', { callbackUrl: CALLBACK });
    assert.match(request.id, /^ca_/);
    assert.ok(request.redirectUrl?.startsWith(`${emulator.url}/link/ln_`));

    const page = await (await fetch(request.redirectUrl!)).text();
    assert.match(page, /user-allow/);
    assert.match(page, />Allow</);

    const back = await decide(request.redirectUrl!, 'allow');
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
    assertNoValidationWarnings();
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
    assert.doesNotMatch(JSON.stringify(account), /secret-value/);
    assert.equal((await fetch(request.redirectUrl!)).status, 410);
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
  });
});

describe('reading connection state', () => {
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
    assertNoValidationWarnings();
  });

  test('toolkits are retrievable one by one and as a list', async () => {
    const gmail = await composio.toolkits.get('gmail');
    assert.equal(gmail.name, 'Gmail');
    assert.match(gmail.meta.logo ?? '', /\/logos\/gmail\.svg$/);
    const list = await composio.toolkits.get({ limit: 1000 });
    assert.ok(list.length >= 12);
    assert.ok(list.some((toolkit) => toolkit.slug === 'serpapi'));
    const logo = await fetch(gmail.meta.logo!);
    assert.equal(logo.headers.get('content-type'), 'image/svg+xml');
    assertNoValidationWarnings();
  });
});

describe('changing accounts', () => {
  async function activeAccount(user: string, slug = 'gmail') {
    const session = await composio.create(user, { toolkits: [slug], manageConnections: false });
    const request = await session.authorize(slug, { callbackUrl: CALLBACK });
    await decide(request.redirectUrl!, 'allow');
    return request.id;
  }

  test('disable and enable flip INACTIVE and ACTIVE', async () => {
    const id = await activeAccount('user-toggle');
    await composio.connectedAccounts.disable(id);
    assert.equal((await composio.connectedAccounts.get(id)).status, 'INACTIVE');
    await composio.connectedAccounts.enable(id);
    assert.equal((await composio.connectedAccounts.get(id)).status, 'ACTIVE');
    assertNoValidationWarnings();
  });

  test('delete removes the account from get and list', async () => {
    const id = await activeAccount('user-delete');
    await composio.connectedAccounts.delete(id);
    await assert.rejects(composio.connectedAccounts.get(id), NotFoundError);
    assert.equal((await composio.connectedAccounts.list({ userIds: ['user-delete'] })).items.length, 0);
  });

  test('the expire control marks the account EXPIRED and sends a webhook the SDK verifies', async () => {
    const id = await activeAccount('user-expire');
    const response = await fetch(`${emulator.url}/_emulator/connected_accounts/${id}/expire`, { method: 'POST' });
    assert.equal(((await response.json()) as { webhook: { delivered: boolean } }).webhook.delivered, true);
    assert.equal((await composio.connectedAccounts.get(id)).status, 'EXPIRED');

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
});

describe('errors surface as the SDK’s own', () => {
  test('a wrong API key is an AuthenticationError', async () => {
    await assert.rejects(sdk('wrong-key').connectedAccounts.list({ userIds: ['x'] }), AuthenticationError);
  });

  test('an unknown account is a NotFoundError and an unknown route answers 404 JSON', async () => {
    await assert.rejects(composio.connectedAccounts.get('ca_missing'), NotFoundError);
    const response = await fetch(`${emulator.url}/api/v3.1/nope`, { headers: { 'x-api-key': API_KEY } });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(((await response.json()) as { error: { status: number } }).error.status, 404);
  });

  test('an injected 500 reaches the caller (after the SDK’s retries) and is counted', async () => {
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ match: '/connected_accounts', status: 500, times: 3 }),
    });
    await assert.rejects(composio.connectedAccounts.list({ userIds: ['x'] }), InternalServerError);
    assert.equal(emulator.controls.faults[0]?.remaining, 0);
  });

  test('an injected delay is felt by the caller', async () => {
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ match: '/toolkits/slack', delayMs: 300 }),
    });
    const started = Date.now();
    await composio.toolkits.get('slack');
    assert.ok(Date.now() - started >= 300);
  });

  test('a dropped connection is an APIConnectionError', async () => {
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ match: '/connected_accounts/ca_drop', drop: true, times: -1 }),
    });
    const client = sdk();
    client.getClient().maxRetries = 0;
    await assert.rejects(client.connectedAccounts.get('ca_drop'), APIConnectionError);
  });

  test('the request log records API calls for round-trip counting', async () => {
    await fetch(`${emulator.url}/_emulator/requests`, { method: 'DELETE' });
    await composio.toolkits.get('notion');
    const { requests } = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as {
      requests: { method: string; path: string; status: number }[];
    };
    assert.deepEqual(
      requests.map((request) => [request.method, request.path, request.status]),
      [['GET', '/api/v3.1/toolkits/notion', 200]],
    );
  });
});

test('state survives a restart', async () => {
  const session = await composio.create('user-restart', { toolkits: ['notion'], manageConnections: false });
  const request = await session.authorize('notion', { callbackUrl: CALLBACK });
  await decide(request.redirectUrl!, 'allow');
  const port = emulator.port;
  await emulator.close();
  emulator = await startEmulator({ port, apiKey: API_KEY, dataDir, linkTtlMs: 600_000 });
  assert.equal((await sdk().connectedAccounts.get(request.id)).status, 'ACTIVE');
});
