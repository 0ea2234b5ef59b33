// Auth configs: CRUD, the Composio-managed default, and sessions that name their own.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BadRequestError, NotFoundError } from '@composio/client';
import { approve, CALLBACK, decide, suiteEmulator } from '../test-support';

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

  test('list: search finds a config by name or by id; toolkit_slug takes a comma-separated list', async () => {
    const github = await suite.composio.authConfigs.create('github', {
      type: 'use_custom_auth',
      authScheme: 'OAUTH2',
      name: 'Searchable GitHub app',
      credentials: { client_id: 'id', client_secret: 'secret' },
    });
    const notion = await suite.composio.authConfigs.create('notion');
    assert.deepEqual(
      (await suite.composio.authConfigs.list({ search: github.id })).items.map((config) => config.id),
      [github.id],
    );
    assert.deepEqual(
      (await suite.composio.authConfigs.list({ search: 'searchable github' })).items.map((config) => config.id),
      [github.id],
    );
    const both = await suite.composio.getClient().authConfigs.list({ toolkit_slug: 'github,notion', search: '' });
    assert.ok(both.items.some((config) => config.id === github.id));
    assert.ok(both.items.some((config) => config.id === notion.id));
    assert.ok(both.items.every((config) => ['github', 'notion'].includes(config.toolkit.slug)));
  });

  test('a custom auth config needs a scheme its toolkit offers and the fields that scheme requires', async () => {
    const before = (await suite.composio.authConfigs.list({ toolkit: 'hubspot', showDisabled: true })).items;
    await assert.rejects(
      suite.composio.authConfigs.create('hubspot', { type: 'use_custom_auth', authScheme: 'OAUTH2', credentials: {} }),
      (error: BadRequestError) => error.status === 400 && /needs client_id and client_secret/.test(error.message),
    );
    await assert.rejects(
      suite.composio.authConfigs.create('hubspot', {
        type: 'use_custom_auth',
        authScheme: 'OAUTH2',
        credentials: { client_id: 'only-the-id' },
      }),
      /needs client_secret/,
    );
    await assert.rejects(
      suite.composio.authConfigs.create('hubspot', { type: 'use_custom_auth', authScheme: 'API_KEY', credentials: {} }),
      /does not support API_KEY; it supports OAUTH2/,
    );
    assert.deepEqual((await suite.composio.authConfigs.list({ toolkit: 'hubspot', showDisabled: true })).items, before);
  });

  test('deleting an auth config keeps its connections, as Composio does; revoke_on_delete answers a job id', async () => {
    const config = await suite.composio.authConfigs.create('discord');
    const request = await suite.composio.connectedAccounts.link('user-config-deleted', config.id);
    await approve(request.redirectUrl!);
    await suite.composio.authConfigs.delete(config.id);
    await assert.rejects(suite.composio.authConfigs.get(config.id), NotFoundError);
    const account = await suite.composio.connectedAccounts.get(request.id);
    assert.equal(account.status, 'ACTIVE');
    assert.equal(account.authConfig.id, config.id);
    assert.deepEqual(
      (await suite.composio.connectedAccounts.list({ userIds: ['user-config-deleted'] })).items.map((item) => item.id),
      [request.id],
    );
    // No new connection can be made under it.
    await assert.rejects(
      suite.composio.connectedAccounts.link('user-config-deleted', config.id, { allowMultiple: true }),
    );

    const other = await suite.composio.authConfigs.create('discord');
    const answer = (await suite.composio.getClient().authConfigs.delete(other.id, { revoke_on_delete: true })) as {
      revoke_job_id?: string;
    };
    assert.match(answer.revoke_job_id ?? '', /^pj_/);
    assert.deepEqual(suite.warnings.validationWarnings(), []);
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
