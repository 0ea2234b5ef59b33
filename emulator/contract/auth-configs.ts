// Auth configs: CRUD, the Composio-managed default, and sessions that name their own.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BadRequestError, NotFoundError } from '@composio/client';
import { CALLBACK, decide, suiteEmulator } from '../test-support';

describe('auth configs', () => {
  const suite = suiteEmulator();

  test('create, get, list, update, disable, enable and delete', async () => {
    const created = await suite.composio.authConfigs.create('github', {
      type: 'use_custom_auth',
      authScheme: 'OAUTH2',
      name: 'Our GitHub app',
      credentials: { client_id: 'id-123', client_secret: 'secret-456', scopes: 'repo,user' },
    });
    assert.match(created.id, /^ac_/);
    assert.deepEqual(
      { ...created, id: 'ac' },
      { id: 'ac', authScheme: 'OAUTH2', isComposioManaged: false, toolkit: 'github' },
    );
    const fetched = await suite.composio.authConfigs.get(created.id);
    assert.equal(fetched.name, 'Our GitHub app');
    assert.equal(fetched.status, 'ENABLED');
    assert.equal(fetched.noOfConnections, 0);
    assert.doesNotMatch(JSON.stringify(fetched), /secret-456/);

    const listed = await suite.composio.authConfigs.list({ toolkit: 'github' });
    assert.deepEqual(
      listed.items.map((config) => config.id),
      [created.id],
    );
    await suite.composio.authConfigs.update(created.id, { type: 'custom', credentials: { scopes: 'repo' } });
    assert.deepEqual((await suite.composio.authConfigs.get(created.id)).credentials, { scopes: 'repo' });

    await suite.composio.authConfigs.disable(created.id);
    assert.equal((await suite.composio.authConfigs.get(created.id)).status, 'DISABLED');
    assert.deepEqual((await suite.composio.authConfigs.list({ toolkit: 'github' })).items, []);
    assert.equal((await suite.composio.authConfigs.list({ toolkit: 'github', showDisabled: true })).items.length, 1);
    await suite.composio.authConfigs.enable(created.id);

    await suite.composio.authConfigs.delete(created.id);
    await assert.rejects(suite.composio.authConfigs.get(created.id), NotFoundError);
    assert.deepEqual(suite.warnings.validationWarnings(), []);
  });

  test('the Composio-managed default is created on first use and reused after', async () => {
    assert.deepEqual((await suite.composio.authConfigs.list({ toolkit: 'linear' })).items, []);
    const session = await suite.composio.create('user-default', { toolkits: ['linear'], manageConnections: false });
    const first = await session.authorize('linear');
    const second = await session.authorize('linear');
    const configs = (await suite.composio.authConfigs.list({ toolkit: 'linear' })).items;
    assert.equal(configs.length, 1);
    assert.equal(configs[0]?.isComposioManaged, true);
    assert.equal(configs[0]?.noOfConnections, 2);
    const accounts = await suite.composio.connectedAccounts.list({ authConfigIds: [configs[0]!.id] });
    assert.deepEqual(accounts.items.map((account) => account.id).sort(), [first.id, second.id].sort());
  });

  test('a session’s own auth config is used, and connectedAccounts.list({ authConfigIds }) finds the account', async () => {
    const own = await suite.composio.authConfigs.create('gmail', {
      type: 'use_custom_auth',
      authScheme: 'OAUTH2',
      credentials: { client_id: 'ours', client_secret: 'ours-secret' },
    });
    const session = await suite.composio.create('user-own-app', {
      toolkits: ['gmail'],
      manageConnections: false,
      authConfigs: { gmail: own.id },
    });
    const request = await session.authorize('gmail', { callbackUrl: CALLBACK });
    await decide(request.redirectUrl!, 'allow');
    const account = await suite.composio.connectedAccounts.get(request.id);
    assert.equal(account.authConfig.id, own.id);
    assert.equal(account.authConfig.isComposioManaged, false);
    const found = await suite.composio.connectedAccounts.list({ authConfigIds: [own.id] });
    assert.deepEqual(
      found.items.map((item) => item.id),
      [request.id],
    );
    const toolkits = await session.toolkits({ toolkits: ['gmail'] });
    assert.equal(toolkits.items[0]?.connection?.authConfig?.id, own.id);
    assert.equal(toolkits.items[0]?.connection?.authConfig?.isComposioManaged, false);
  });

  test('an unknown or mismatched auth config id is refused with Composio’s error shape, and nothing is created', async () => {
    const error = await suite.composio
      .create('user-unknown-ac', { toolkits: ['gmail'], authConfigs: { gmail: 'ac_doesnotexist' } })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof BadRequestError);
    const body = error.error as { error: { message: string; code: number; status: number; request_id: string } };
    assert.match(body.error.message, /Auth config ac_doesnotexist not found/);
    assert.equal(body.error.status, 400);
    assert.equal(typeof body.error.code, 'number');
    assert.ok(body.error.request_id);

    const slackConfig = await suite.composio.authConfigs.create('slack');
    await assert.rejects(
      suite.composio.create('user-unknown-ac', { toolkits: ['gmail'], authConfigs: { gmail: slackConfig.id } }),
      /belongs to \\"slack\\"/,
    );
    await assert.rejects(suite.composio.authConfigs.get('ac_doesnotexist'), NotFoundError);
    assert.equal((await suite.composio.connectedAccounts.list({ userIds: ['user-unknown-ac'] })).items.length, 0);
  });

  test('Composio-managed auth exists only for OAuth toolkits', async () => {
    await assert.rejects(suite.composio.authConfigs.create('serpapi'), /no managed auth/);
    const custom = await suite.composio.authConfigs.create('serpapi', {
      type: 'use_custom_auth',
      authScheme: 'API_KEY',
      credentials: {},
    });
    assert.equal(custom.authScheme, 'API_KEY');
  });
});
