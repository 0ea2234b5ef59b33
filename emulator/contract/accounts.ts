// Connected accounts a fork creates directly: link(), initiate(), session pinning, list filters, stable cursors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BadRequestError, NotFoundError } from '@composio/client';
import {
  ComposioFailedToCreateConnectedAccountLink,
  ComposioLegacyConnectedAccountsEndpointRetiredError,
  ComposioMultipleConnectedAccountsError,
} from '@composio/core';
import { API_KEY, approve, CALLBACK, decide, suiteEmulator } from '../test-support';

describe('connected accounts', () => {
  const suite = suiteEmulator();

  async function list(query: string) {
    const response = await fetch(`${suite.emulator.url}/api/v3.1/connected_accounts?${query}`, {
      headers: { 'x-api-key': API_KEY },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  test('link() creates a Connect Link for an auth config; allowMultiple guards a second account', async () => {
    const config = await suite.composio.authConfigs.create('notion');
    const request = await suite.composio.connectedAccounts.link('user-link', config.id, { callbackUrl: CALLBACK });
    assert.equal(request.status, 'INITIATED');
    const back = await decide(request.redirectUrl!, 'allow');
    assert.equal(back.searchParams.get('connected_account_id'), request.id);
    assert.equal((await request.waitForConnection(5_000)).authConfig.id, config.id);

    await assert.rejects(
      suite.composio.connectedAccounts.link('user-link', config.id),
      ComposioMultipleConnectedAccountsError,
    );
    const second = await suite.composio.connectedAccounts.link('user-link', config.id, { allowMultiple: true });
    assert.notEqual(second.id, request.id);
    await assert.rejects(
      suite.composio.connectedAccounts.link('user-link', 'ac_unknown'),
      ComposioFailedToCreateConnectedAccountLink,
    );
    assert.deepEqual(suite.warnings.validationWarnings(), []);
  });

  test('initiate() with an API key connects at once; without one it returns a Connect Link that asks for it', async () => {
    const config = await suite.composio.authConfigs.create('tavily', {
      type: 'use_custom_auth',
      authScheme: 'API_KEY',
      credentials: {},
    });
    const withKey = await suite.composio.connectedAccounts.initiate('user-initiate', config.id, {
      config: { authScheme: 'API_KEY', val: { status: 'ACTIVE', generic_api_key: 'tvly-secret-9876' } },
    });
    assert.equal(withKey.status, 'ACTIVE');
    const account = await suite.composio.connectedAccounts.get(withKey.id);
    assert.equal(account.status, 'ACTIVE');
    assert.doesNotMatch(JSON.stringify(account), /tvly-secret/);

    await assert.rejects(
      suite.composio.connectedAccounts.initiate('user-initiate', config.id),
      ComposioMultipleConnectedAccountsError,
    );
    const withoutKey = await suite.composio.connectedAccounts.initiate('user-initiate', config.id, {
      allowMultiple: true,
    });
    assert.equal(withoutKey.status, 'INITIATED');
    assert.match(await (await fetch(withoutKey.redirectUrl!)).text(), /API key/);
  });

  test('initiate() with a custom OAuth app redirects; with Composio-managed OAuth it is retired, as on Composio', async () => {
    const custom = await suite.composio.authConfigs.create('figma', {
      type: 'use_custom_auth',
      authScheme: 'OAUTH2',
      credentials: { client_id: 'a', client_secret: 'b' },
    });
    const request = await suite.composio.connectedAccounts.initiate('user-oauth', custom.id, { callbackUrl: CALLBACK });
    assert.equal(request.status, 'INITIATED');
    await decide(request.redirectUrl!, 'allow');
    assert.equal((await suite.composio.connectedAccounts.get(request.id)).status, 'ACTIVE');

    const managed = await suite.composio.authConfigs.create('figma');
    await assert.rejects(
      suite.composio.connectedAccounts.initiate('user-oauth-managed', managed.id),
      ComposioLegacyConnectedAccountsEndpointRetiredError,
    );
    assert.equal((await suite.composio.connectedAccounts.list({ userIds: ['user-oauth-managed'] })).items.length, 0);
  });

  test('a session pins connectedAccounts: its toolkits() shows the pinned account, not the newest', async () => {
    const config = await suite.composio.authConfigs.create('slack');
    const older = await suite.composio.connectedAccounts.link('user-pin', config.id);
    await approve(older.redirectUrl!);
    const newer = await suite.composio.connectedAccounts.link('user-pin', config.id, { allowMultiple: true });
    await approve(newer.redirectUrl!);
    const unpinned = await suite.composio.create('user-pin', { toolkits: ['slack'] });
    assert.equal((await unpinned.toolkits()).items[0]?.connection?.connectedAccount?.id, newer.id);
    const pinned = await suite.composio.create('user-pin', {
      toolkits: ['slack'],
      connectedAccounts: { slack: older.id },
    });
    assert.equal((await pinned.toolkits()).items[0]?.connection?.connectedAccount?.id, older.id);
    await assert.rejects(
      suite.composio.create('someone-else', { connectedAccounts: { slack: older.id } }),
      /not a slack account of this user/,
    );
  });

  test('a session pins one account per toolkit unless multi-account is on; a disabled or deleted account is refused', async () => {
    const config = await suite.composio.authConfigs.create('clickup');
    const connect = async () => {
      const request = await suite.composio.connectedAccounts.link('user-pins', config.id, { allowMultiple: true });
      await approve(request.redirectUrl!);
      return request.id;
    };
    const [first, second, third] = [await connect(), await connect(), await connect()];
    await assert.rejects(
      suite.composio.create('user-pins', { connectedAccounts: { clickup: [first, second] } }),
      (error: BadRequestError) => error.status === 400 && /at most one account per toolkit/.test(error.message),
    );
    const multi = await suite.composio.create('user-pins', {
      connectedAccounts: { clickup: [first, second] },
      multiAccount: { enable: true, maxAccountsPerToolkit: 2 },
    });
    assert.deepEqual((await suite.composio.use(multi.sessionId)).sessionId, multi.sessionId);
    await assert.rejects(
      suite.composio.create('user-pins', {
        connectedAccounts: { clickup: [first, second, third] },
        multiAccount: { enable: true, maxAccountsPerToolkit: 2 },
      }),
      /at most 2 accounts per toolkit/,
    );

    await suite.composio.connectedAccounts.disable(first);
    await assert.rejects(
      suite.composio.create('user-pins', { connectedAccounts: { clickup: first } }),
      /is disabled and cannot be pinned/,
    );
    await suite.composio.connectedAccounts.delete(second);
    await assert.rejects(
      suite.composio.create('user-pins', { connectedAccounts: { clickup: second } }),
      /is not a clickup account of this user/,
    );
    assert.ok(await suite.composio.create('user-pins', { connectedAccounts: { clickup: third } }));
  });

  test('a session that pins a toolkit’s account cannot authorize that toolkit again, and nothing is created', async () => {
    const config = await suite.composio.authConfigs.create('asana');
    const pinned = await suite.composio.connectedAccounts.link('user-pinned-authorize', config.id);
    await approve(pinned.redirectUrl!);
    const session = await suite.composio.create('user-pinned-authorize', {
      toolkits: ['asana', 'trello'],
      connectedAccounts: { asana: pinned.id },
    });
    await assert.rejects(
      session.authorize('asana'),
      (error: BadRequestError) => error.status === 400 && /already defined for toolkit \\"asana\\"/.test(error.message),
    );
    const listed = await suite.composio.connectedAccounts.list({ userIds: ['user-pinned-authorize'] });
    assert.deepEqual(
      listed.items.map((item) => item.id),
      [pinned.id],
    );
    // A toolkit the session does not pin still can.
    assert.equal((await session.authorize('trello')).status, 'INITIATED');
  });

  test('an alias names one account of a user’s toolkit: link() and a session’s authorize() refuse a second', async () => {
    const config = await suite.composio.authConfigs.create('dropbox');
    const work = await suite.composio.connectedAccounts.link('user-alias', config.id, { alias: 'work' });
    // link() wraps the HTTP error; Composio's message is on its cause.
    const aliasTaken = (error: Error & { cause?: Error }) =>
      /alias \\"work\\" is already used/.test(`${error.message} ${error.cause?.message ?? ''}`);
    await assert.rejects(
      suite.composio.connectedAccounts.link('user-alias', config.id, { alias: 'work', allowMultiple: true }),
      aliasTaken,
    );
    const session = await suite.composio.create('user-alias', { toolkits: ['dropbox'] });
    await assert.rejects(session.authorize('dropbox', { alias: 'work' }), aliasTaken);
    const accounts = await suite.composio.connectedAccounts.list({ userIds: ['user-alias'] });
    assert.deepEqual(
      accounts.items.map((item) => [item.id, item.alias]),
      [[work.id, 'work']],
    );
    // Another alias, another user or another toolkit is free; so is the alias once its account is deleted.
    assert.ok(await session.authorize('dropbox', { alias: 'personal' }));
    assert.ok(await suite.composio.connectedAccounts.link('someone-else', config.id, { alias: 'work' }));
    await suite.composio.connectedAccounts.delete(work.id);
    const second = await session.authorize('dropbox', { alias: 'work' });

    // Renaming (PATCH /connected_accounts/{id}) keeps the rule; "" clears the alias.
    const client = suite.composio.getClient();
    const renamed = await client.connectedAccounts
      .patch(second.id, { alias: 'personal' })
      .catch((error: Error) => error);
    assert.ok(renamed instanceof BadRequestError);
    assert.deepEqual(await client.connectedAccounts.patch(second.id, { alias: 'home' }), {
      id: second.id,
      status: 'INITIATED',
      success: true,
    });
    assert.equal((await suite.composio.connectedAccounts.get(second.id)).alias, 'home');
    await client.connectedAccounts.patch(second.id, { alias: '' });
    assert.equal((await suite.composio.connectedAccounts.get(second.id)).alias, null);
  });

  test('initiate()’s callback gets camelCase connectedAccountId and appName, link()’s snake_case', async () => {
    const custom = await suite.composio.authConfigs.create('zoom', {
      type: 'use_custom_auth',
      authScheme: 'OAUTH2',
      credentials: { client_id: 'a', client_secret: 'b' },
    });
    const initiated = await suite.composio.connectedAccounts.initiate('user-callback', custom.id, {
      callbackUrl: CALLBACK,
    });
    const back = await decide(initiated.redirectUrl!, 'allow');
    assert.deepEqual(Object.fromEntries(back.searchParams), {
      source: 'settings',
      status: 'success',
      connectedAccountId: initiated.id,
      appName: 'zoom',
    });
    const linked = await suite.composio.connectedAccounts.link('user-callback', custom.id, {
      callbackUrl: CALLBACK,
      allowMultiple: true,
    });
    assert.deepEqual(Object.fromEntries((await decide(linked.redirectUrl!, 'deny')).searchParams), {
      source: 'settings',
      status: 'failed',
      connected_account_id: linked.id,
    });
  });

  test('delete with revoke_on_delete=true answers the revoke job’s id; without it, none', async () => {
    const config = await suite.composio.authConfigs.create('box');
    const client = suite.composio.getClient();
    const plain = await suite.composio.connectedAccounts.link('user-revoke', config.id);
    assert.deepEqual(await client.connectedAccounts.delete(plain.id), { success: true });
    const revoked = await suite.composio.connectedAccounts.link('user-revoke', config.id);
    const answer = await client.connectedAccounts.delete(revoked.id, { revoke_on_delete: true });
    assert.equal(answer.success, true);
    assert.match(answer.revoke_job_id ?? '', /^pj_/);
    await assert.rejects(suite.composio.connectedAccounts.get(revoked.id), NotFoundError);
  });

  test('list filters: account ids, order direction, case-insensitive toolkits; invalid statuses are an error', async () => {
    const session = await suite.composio.create('user-filters', { toolkits: ['gmail', 'github', 'jira'] });
    const ids: string[] = [];
    for (const slug of ['gmail', 'github', 'jira']) ids.push((await session.authorize(slug)).id);

    const chosen = await list(`connected_account_ids=${ids[0]},${ids[2]}`);
    assert.deepEqual((chosen.body.items as { id: string }[]).map((item) => item.id).sort(), [ids[0], ids[2]].sort());
    const ascending = await list('user_ids=user-filters&order_direction=asc');
    assert.deepEqual(
      (ascending.body.items as { id: string }[]).map((item) => item.id),
      ids,
    );
    const descending = await list('user_ids=user-filters');
    assert.deepEqual(
      (descending.body.items as { id: string }[]).map((item) => item.id),
      [...ids].reverse(),
    );
    const upper = await suite.composio.connectedAccounts.list({ userIds: ['user-filters'], toolkitSlugs: ['GitHub'] });
    assert.deepEqual(
      upper.items.map((item) => item.id),
      [ids[1]],
    );
    const invalid = await list('statuses=active');
    assert.equal(invalid.status, 400);
    assert.match((invalid.body.error as { message: string }).message, /Invalid statuses: active/);
    assert.equal((await list('order_direction=sideways')).status, 400);
    await assert.rejects(
      suite.composio.getClient().connectedAccounts.list({ statuses: ['BOGUS' as 'ACTIVE'] }),
      BadRequestError,
    );
  });

  test('a cursor stays stable while accounts are added during paging: none repeated, none skipped', async () => {
    const config = await suite.composio.authConfigs.create('airtable');
    const existing: string[] = [];
    for (let index = 0; index < 7; index++) {
      existing.push(
        (await suite.composio.connectedAccounts.link('user-paging', config.id, { allowMultiple: true })).id,
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await suite.composio.connectedAccounts.list({ userIds: ['user-paging'], limit: 2, cursor });
      seen.push(...page.items.map((item) => item.id));
      // Someone connects another account between two pages.
      await suite.composio.connectedAccounts.link('user-paging', config.id, { allowMultiple: true });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length, 'no account twice');
    assert.deepEqual([...seen].sort(), [...existing].sort(), 'every account that existed when paging began');
  });
});
