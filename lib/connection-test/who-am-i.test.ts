import assert from 'node:assert/strict';
import { test } from 'node:test';
import { whoAmITools } from './who-am-i';

// One answer per toolkit in the shape of the provider call its tool wraps (docs/composio.md, "Testing a connection").
const answers: Record<string, [Record<string, unknown>, string]> = {
  googledrive: [{ user: { displayName: 'Ada', emailAddress: 'ada@example.com' }, storageQuota: {} }, 'ada@example.com'],
  notion: [
    {
      object: 'user',
      type: 'bot',
      name: 'Our app',
      bot: { owner: { type: 'user', user: { person: { email: 'ada@example.com' } } }, workspace_name: 'Acme' },
    },
    'ada@example.com',
  ],
  linear: [{ viewer: { id: 'u1', name: 'Ada', email: 'ada@example.com' } }, 'ada@example.com'],
  jira: [{ accountId: '5b1', displayName: 'Ada', emailAddress: 'ada@example.com' }, 'ada@example.com'],
  airtable: [{ id: 'usr1', email: 'ada@example.com', scopes: [] }, 'ada@example.com'],
  twitter: [{ data: { id: '1', name: 'Ada', username: 'ada' } }, 'ada'],
  outlook: [{ displayName: 'Ada', mail: 'ada@example.com', userPrincipalName: 'ada@corp.example' }, 'ada@example.com'],
  hubspot: [{ user: 'ada@example.com', hub_domain: 'acme.hubspot.com', hub_id: 1 }, 'ada@example.com'],
  asana: [{ data: { gid: '1', name: 'Ada', email: 'ada@example.com' } }, 'ada@example.com'],
  clickup: [{ user: { id: 1, username: 'ada', email: 'ada@example.com' } }, 'ada@example.com'],
  discord: [{ id: '1', username: 'ada', email: 'ada@example.com' }, 'ada@example.com'],
  figma: [{ id: '1', handle: 'ada', email: 'ada@example.com' }, 'ada@example.com'],
  linkedin: [{ sub: 'x', name: 'Ada Lovelace', email: 'ada@example.com' }, 'ada@example.com'],
  bitbucket: [{ account_id: '1', nickname: 'ada', display_name: 'Ada' }, 'ada'],
  calendly: [{ resource: { name: 'Ada', email: 'ada@example.com' } }, 'ada@example.com'],
  trello: [{ id: '1', username: 'ada', fullName: 'Ada', email: 'ada@example.com' }, 'ada@example.com'],
};

test('at least 20 toolkits can be tested, each with a tool slug of its own toolkit', () => {
  assert.ok(Object.keys(whoAmITools).length >= 20);
  for (const [toolkit, { tool }] of Object.entries(whoAmITools)) {
    assert.match(tool, new RegExp(`^${toolkit.toUpperCase()}_[A-Z0-9_]+$`), toolkit);
  }
});

test('each who-am-I tool beyond the first four reads who the account is from its provider answer', () => {
  for (const [toolkit, [data, identity]] of Object.entries(answers)) {
    assert.equal(whoAmITools[toolkit]?.identity(data), identity, toolkit);
    // An answer without the fields is "working, as nobody in particular", never a crash.
    assert.equal(whoAmITools[toolkit]?.identity({}), null, `${toolkit} (empty)`);
  }
});
