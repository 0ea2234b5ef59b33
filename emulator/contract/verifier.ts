// The OAuth callback identity verifier and same-browser binding (emulator/verifier.ts). `complete_auth` has no
// method in the SDK: it is called through the SDK's own HTTP client, as the app does (lib/composio/complete-auth.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APIError, NotFoundError, PermissionDeniedError } from '@composio/client';
import { API_KEY, CALLBACK, control, decide, suiteEmulator } from '../test-support';

const VERIFIER = 'https://app.example/api/composio/verify';

describe('the OAuth callback identity verifier', () => {
  const suite = suiteEmulator({ verifierUrls: [VERIFIER] });

  async function deferred(user: string, callbackUrl = CALLBACK) {
    const session = await suite.composio.create(user, { toolkits: ['gmail'], manageConnections: false });
    const request = await session.authorize('gmail', { callbackUrl });
    return { request, back: await decide(request.redirectUrl!, 'allow') };
  }

  function completeAuth(body: Record<string, unknown>) {
    return suite.composio
      .getClient()
      .post<Record<string, unknown>>('/api/v3.1/connected_accounts/complete_auth', { body });
  }

  async function status(accountId: string) {
    return (await suite.composio.connectedAccounts.get(accountId)).status;
  }

  test('Allow defers the account and sends the browser to the verifier with a session_uri only', async () => {
    const { request, back } = await deferred('user-verify');
    assert.equal(`${back.origin}${back.pathname}`, VERIFIER);
    assert.deepEqual([...back.searchParams.keys()], ['session_uri']);
    assert.equal(await status(request.id), 'INITIATED');
  });

  test("complete_auth for the owner answers the now-ACTIVE account, Composio's shape, once", async () => {
    const { request, back } = await deferred('user-owner');
    const session_uri = back.searchParams.get('session_uri')!;
    const account = await completeAuth({ session_uri, user_id: 'user-owner' });
    assert.equal(account.id, request.id);
    assert.equal(account.status, 'ACTIVE');
    assert.equal(account.user_id, 'user-owner');
    assert.deepEqual(account.toolkit, { slug: 'gmail' });
    assert.equal(await status(request.id), 'ACTIVE');
    assert.deepEqual(suite.warnings.validationWarnings(), []);

    const reused = await completeAuth({ session_uri, user_id: 'user-owner' }).catch((error: unknown) => error);
    assert.ok(reused instanceof APIError);
    assert.equal(reused.status, 410);
    assert.match(JSON.stringify(reused.error), /already been used/);
  });

  test('another user is refused (403), the session is used up and the account never becomes ACTIVE', async () => {
    const { request, back } = await deferred('user-started');
    const session_uri = back.searchParams.get('session_uri')!;
    await assert.rejects(completeAuth({ session_uri, user_id: 'user-finished' }), (error: unknown) => {
      assert.ok(error instanceof PermissionDeniedError);
      assert.match(JSON.stringify(error.error), /does not match/);
      return true;
    });
    assert.equal(await status(request.id), 'INITIATED');
    const retry = await completeAuth({ session_uri, user_id: 'user-started' }).catch((error: unknown) => error);
    assert.equal((retry as APIError).status, 410);
    assert.equal(await status(request.id), 'INITIATED');
  });

  test('an unknown session is 404, an expired one 410, a body without both fields 400', async () => {
    await assert.rejects(completeAuth({ session_uri: 'vs_unknown', user_id: 'user-x' }), NotFoundError);
    const { request, back } = await deferred('user-late');
    const session_uri = back.searchParams.get('session_uri')!;
    const link = Object.values(suite.emulator.store.state.links).find((each) => each.accountId === request.id)!;
    link.verification!.createdAt = new Date(Date.now() - 11 * 60 * 1000).toISOString();
    const expired = await completeAuth({ session_uri, user_id: 'user-late' }).catch((error: unknown) => error);
    assert.equal((expired as APIError).status, 410);
    assert.match(JSON.stringify((expired as APIError).error), /expired/);
    assert.equal(await status(request.id), 'INITIATED');
    const missing = await completeAuth({ session_uri }).catch((error: unknown) => error);
    assert.equal((missing as APIError).status, 400);
  });

  test('a callback on another origin, Deny, and the setting turned off (for one user or all) complete as before', async () => {
    const other = await deferred('user-other-app', 'https://other.example/api/composio/callback');
    assert.equal(other.back.origin, 'https://other.example');
    assert.equal(await status(other.request.id), 'ACTIVE');

    const session = await suite.composio.create('user-deny', { toolkits: ['gmail'], manageConnections: false });
    const denied = await session.authorize('gmail', { callbackUrl: CALLBACK });
    assert.equal((await decide(denied.redirectUrl!, 'deny')).searchParams.get('status'), 'failed');

    const forOne = await control(suite.emulator, 'verifier', { enabled: false, user_id: 'user-opted-out' }, 'PUT');
    assert.deepEqual(await forOne.json(), { enabled: true, urls: [VERIFIER], off_for_users: ['user-opted-out'] });
    assert.equal((await deferred('user-opted-out')).back.searchParams.get('status'), 'success');
    assert.deepEqual([...(await deferred('user-not-opted-out')).back.searchParams.keys()], ['session_uri']);
    await control(suite.emulator, 'verifier', { enabled: true, user_id: 'user-opted-out' }, 'PUT');

    const off = await control(suite.emulator, 'verifier', { enabled: false }, 'PUT');
    assert.deepEqual(await off.json(), { enabled: false, urls: [VERIFIER], off_for_users: [] });
    try {
      const { request, back } = await deferred('user-no-verifier');
      assert.equal(back.searchParams.get('status'), 'success');
      assert.equal(back.searchParams.get('connected_account_id'), request.id);
      assert.equal(await status(request.id), 'ACTIVE');
    } finally {
      await control(suite.emulator, 'verifier', { enabled: true }, 'PUT');
    }
  });
});

describe('same-browser binding of Composio-managed links', () => {
  const suite = suiteEmulator();

  test('a link finished in a browser other than the one that opened it is refused and stays usable there', async () => {
    const session = await suite.composio.create('user-bound', { toolkits: ['gmail'], manageConnections: false });
    const request = await session.authorize('gmail', { callbackUrl: CALLBACK });
    const opened = await fetch(request.redirectUrl!);
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    assert.match(opened.headers.get('set-cookie')!, /HttpOnly; SameSite=Lax/);

    // A second browser opening the page is not bound to it.
    assert.equal((await fetch(request.redirectUrl!)).headers.get('set-cookie'), null);
    const elsewhere = await fetch(request.redirectUrl!, {
      method: 'POST',
      body: new URLSearchParams({ decision: 'allow' }),
      redirect: 'manual',
    });
    assert.equal(elsewhere.status, 403);
    assert.match(await elsewhere.text(), /started from a different browser or device/);
    assert.equal((await suite.composio.connectedAccounts.get(request.id)).status, 'INITIATED');

    const back = await decide(request.redirectUrl!, 'allow', {}, { cookie });
    assert.equal(back.searchParams.get('status'), 'success');
    assert.equal((await suite.composio.connectedAccounts.get(request.id)).status, 'ACTIVE');
  });

  test('a custom-auth link is not bound', async () => {
    const config = await suite.composio.authConfigs.create('figma', {
      type: 'use_custom_auth',
      authScheme: 'OAUTH2',
      credentials: { client_id: 'a', client_secret: 'b' },
    });
    const request = await suite.composio.connectedAccounts.link('user-custom', config.id, { callbackUrl: CALLBACK });
    await fetch(request.redirectUrl!);
    assert.equal((await decide(request.redirectUrl!, 'allow')).searchParams.get('status'), 'success');
  });

  test('complete_auth needs the API key', async () => {
    const response = await fetch(`${suite.emulator.url}/api/v3.1/connected_accounts/complete_auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': `${API_KEY}-wrong` },
      body: JSON.stringify({ session_uri: 'vs_x', user_id: 'u' }),
    });
    assert.equal(response.status, 401);
  });
});
