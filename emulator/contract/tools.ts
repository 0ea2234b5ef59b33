// Tools: the who-am-I tools a fork's "Test connection" runs, and Composio's errors around them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UnprocessableEntityError } from '@composio/client';
import { ComposioToolNotFoundError } from '@composio/core';
import { approve, suiteEmulator } from '../test-support';

describe('tools', () => {
  const suite = suiteEmulator();

  async function connect(user: string, slug: string) {
    const session = await suite.composio.create(user, { toolkits: [slug] });
    const request = await session.authorize(slug);
    await approve(request.redirectUrl!);
    return { session, id: request.id };
  }

  /** The SDK wraps execution errors; the emulator's message is on the cause. */
  const refusal = (pattern: RegExp) => (error: Error & { cause?: Error }) => {
    assert.match(`${error.message} ${error.cause?.message ?? ''}`, pattern);
    return true;
  };

  const run = (slug: string, userId: string, connectedAccountId?: string) =>
    suite.composio.tools.execute(slug, {
      userId,
      connectedAccountId,
      arguments: {},
      dangerouslySkipVersionCheck: true,
    });

  test('each who-am-I tool answers data consistent with the connected identity', async () => {
    const gmail = await connect('user-tools', 'gmail');
    const profile = await run('GMAIL_GET_PROFILE', 'user-tools', gmail.id);
    assert.equal(profile.successful, true);
    assert.equal(profile.error, null);
    assert.equal(profile.data.emailAddress, 'demo@gmail.example');
    assert.equal(typeof profile.data.messagesTotal, 'number');
    assert.deepEqual((await run('GMAIL_GET_PROFILE', 'user-tools', gmail.id)).data, profile.data, 'deterministic');
    assert.equal((await suite.composio.connectedAccounts.get(gmail.id)).data?.email, profile.data.emailAddress);

    await connect('user-tools', 'github');
    const github = await run('GITHUB_GET_THE_AUTHENTICATED_USER', 'user-tools');
    assert.equal(github.data.email, 'demo@github.example');
    assert.equal(typeof github.data.login, 'string');

    const slack = await connect('user-tools', 'slack');
    const team = await slack.session.execute('SLACK_FETCH_TEAM_INFO');
    assert.equal(team.error, null);
    assert.equal((team.data.team as { name: string }).name, 'Demo Workspace');
    assert.match(team.logId, /^log_/);

    await connect('user-tools', 'googlecalendar');
    const calendars = await run('GOOGLECALENDAR_LIST_CALENDARS', 'user-tools');
    assert.equal((calendars.data.calendars as { id: string }[])[0]?.id, 'demo@googlecalendar.example');
    assert.deepEqual(suite.warnings.validationWarnings(), []);
  });

  test('tools.get and getRawComposioTools list those tools; any other tool is not found', async () => {
    const tool = await suite.composio.tools.getRawComposioToolBySlug('GMAIL_GET_PROFILE');
    assert.equal(tool.toolkit?.slug, 'gmail');
    const listed = await suite.composio.tools.getRawComposioTools({ toolkits: ['github', 'slack'] });
    assert.deepEqual(listed.map((item) => item.slug).sort(), [
      'GITHUB_GET_THE_AUTHENTICATED_USER',
      'SLACK_FETCH_TEAM_INFO',
    ]);
    const forAgent = await suite.composio.tools.get('user-tools', { tools: ['GMAIL_GET_PROFILE'] });
    assert.equal(forAgent.length, 1);
    await assert.rejects(suite.composio.tools.getRawComposioToolBySlug('GMAIL_SEND_EMAIL'), ComposioToolNotFoundError);
    // `query` is v3.1's search (name, slug or description); `tool_slugs` overrides the other filters.
    const client = suite.composio.getClient();
    assert.deepEqual(
      (await client.tools.list({ query: 'calendars' })).items.map((item) => item.slug),
      ['GOOGLECALENDAR_LIST_CALENDARS'],
    );
    assert.deepEqual(
      (await client.tools.list({ query: 'github_get' })).items.map((item) => item.slug),
      ['GITHUB_GET_THE_AUTHENTICATED_USER'],
    );
    assert.deepEqual((await client.tools.list({ query: 'no such tool anywhere' })).items, []);
    assert.deepEqual(
      (await client.tools.list({ tool_slugs: 'SLACK_FETCH_TEAM_INFO', toolkit_slug: 'gmail' })).items.map(
        (item) => item.slug,
      ),
      ['SLACK_FETCH_TEAM_INFO'],
    );
    await assert.rejects(run('GMAIL_SEND_EMAIL', 'user-tools'), ComposioToolNotFoundError);
    assert.deepEqual(suite.warnings.validationWarnings(), []);
  });

  test('a disabled, expired, foreign or missing account is refused before anything runs', async () => {
    const { id } = await connect('user-refused', 'gmail');
    await suite.composio.connectedAccounts.disable(id);
    await assert.rejects(run('GMAIL_GET_PROFILE', 'user-refused', id), refusal(/is disabled/));
    // Composio's OpenAPI document: 422 "Invalid state of the connected account".
    await assert.rejects(
      suite.composio.getClient().tools.execute('GMAIL_GET_PROFILE', { connected_account_id: id, arguments: {} }),
      (error: UnprocessableEntityError) =>
        error.status === 422 && /Invalid state of the connected account/.test(error.message),
    );
    await suite.composio.connectedAccounts.enable(id);
    const expire = await fetch(`${suite.emulator.url}/_emulator/connected_accounts/${id}/expire`, { method: 'POST' });
    assert.equal(expire.status, 200);
    await assert.rejects(run('GMAIL_GET_PROFILE', 'user-refused', id), refusal(/has expired/));
    await assert.rejects(
      suite.composio.getClient().tools.execute('GMAIL_GET_PROFILE', { connected_account_id: id, arguments: {} }),
      UnprocessableEntityError,
    );
    await assert.rejects(run('GMAIL_GET_PROFILE', 'someone-else', id), refusal(/not found for this user/));
    await assert.rejects(run('GMAIL_GET_PROFILE', 'nobody'), refusal(/No connected account found/));
  });

  test('a broken account still reads ACTIVE, and its tools run unsuccessfully until it is mended', async () => {
    const { id } = await connect('user-broken', 'gmail');
    const control = (method: string, body?: object) =>
      fetch(`${suite.emulator.url}/_emulator/connected_accounts/${id}/break`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
    assert.equal((await control('POST', { error: 'Token has been revoked.' })).status, 200);
    assert.equal((await suite.composio.connectedAccounts.get(id)).status, 'ACTIVE');
    // The HTTP client's one request, as a connection test sends it.
    const broken = await suite.composio
      .getClient()
      .tools.execute('GMAIL_GET_PROFILE', { connected_account_id: id, user_id: 'user-broken', arguments: {} });
    assert.deepEqual([broken.successful, broken.error, broken.data], [false, 'Token has been revoked.', {}]);

    assert.equal((await control('DELETE')).status, 200);
    const mended = await run('GMAIL_GET_PROFILE', 'user-broken', id);
    assert.equal(mended.successful, true);
    assert.equal(mended.data.emailAddress, 'demo@gmail.example');
    assert.deepEqual(suite.warnings.validationWarnings(), []);
  });
});
