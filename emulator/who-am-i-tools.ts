import { emulatedEmail } from './connections';
import type { EmulatedTool } from './tools';

/**
 * The read-only "who am I" tools of the most used toolkits beyond the first
 * four (tools.ts), as data: Composio's slug for the toolkit, and an answer with
 * the fields of the provider API call the tool wraps, for the identity the
 * Connect Link page showed. Each slug is in Composio's toolkit catalog;
 * sources per tool: emulator/README.md, "Who-am-I tools".
 */
type WhoAmIFacts = Omit<EmulatedTool, 'run' | 'output' | 'identity'> & {
  /** What a who-am-I check reads from the answer: the account's email, or its handle where that is what it names. */
  says?: 'handle';
  /** The fields of `data`, by name, with their type: the tool's output schema. */
  fields: Record<string, string>;
  answer: (identity: { email: string; handle: string; name: string; id: string }) => Record<string, unknown>;
};

const facts: WhoAmIFacts[] = [
  {
    slug: 'GOOGLEDRIVE_GET_ABOUT',
    toolkit: 'googledrive',
    name: 'Get about',
    description: "The user, their Drive's storage quota and what it can import and export (Drive about.get).",
    fields: { user: 'object', storageQuota: 'object' },
    answer: ({ email, name, id }) => ({
      kind: 'drive#about',
      user: { kind: 'drive#user', displayName: name, emailAddress: email, permissionId: id, me: true },
      storageQuota: { limit: '16106127360', usage: '1073741824' },
    }),
  },
  {
    slug: 'NOTION_GET_ABOUT_ME',
    toolkit: 'notion',
    name: 'Get About Me',
    description: "The bot user of the integration's token, with its owner and workspace (Notion users/me).",
    fields: { object: 'string', id: 'string', name: 'string', type: 'string', bot: 'object' },
    answer: ({ email, name, id }) => ({
      object: 'user',
      id,
      name: 'Connections Starter',
      type: 'bot',
      bot: {
        owner: { type: 'user', user: { object: 'user', id: `${id}-owner`, name, person: { email } } },
        workspace_name: 'Demo Workspace',
      },
    }),
  },
  {
    slug: 'LINEAR_GET_CURRENT_USER',
    toolkit: 'linear',
    name: 'Get current user',
    description: 'The user behind the token: id, name and email (Linear GraphQL viewer).',
    fields: { viewer: 'object' },
    answer: ({ email, name, id }) => ({ viewer: { id, name, displayName: 'demo', email, active: true } }),
  },
  {
    slug: 'JIRA_GET_CURRENT_USER',
    toolkit: 'jira',
    name: 'Get Current User',
    description: 'The authenticated Jira user (REST /myself).',
    fields: { accountId: 'string', accountType: 'string', emailAddress: 'string', displayName: 'string' },
    answer: ({ email, name, id }) => ({
      accountId: id,
      accountType: 'atlassian',
      emailAddress: email,
      displayName: name,
      active: true,
      timeZone: 'UTC',
    }),
  },
  {
    slug: 'AIRTABLE_GET_USER_INFO',
    toolkit: 'airtable',
    name: 'Get user information',
    description: 'The authenticated user: id, email and the scopes granted (Airtable /meta/whoami).',
    fields: { id: 'string', email: 'string', scopes: 'array' },
    answer: ({ email, id }) => ({ id: `usr${id}`, email, scopes: ['data.records:read', 'user.email:read'] }),
  },
  {
    slug: 'TWITTER_USER_LOOKUP_ME',
    toolkit: 'twitter',
    says: 'handle',
    name: 'Get authenticated user',
    description: 'The profile of the authenticated X user (GET /2/users/me).',
    fields: { data: 'object' },
    answer: ({ handle, name, id }) => ({ data: { id, name, username: handle } }),
  },
  {
    slug: 'OUTLOOK_GET_PROFILE',
    toolkit: 'outlook',
    name: 'Get Outlook profile',
    description: "The signed-in user's Microsoft profile (Graph /me).",
    fields: { id: 'string', displayName: 'string', mail: 'string', userPrincipalName: 'string' },
    answer: ({ email, name, id }) => ({ id, displayName: name, mail: email, userPrincipalName: email }),
  },
  {
    slug: 'HUBSPOT_GET_ACCOUNT_INFO',
    toolkit: 'hubspot',
    name: 'Get Account Information',
    description: "The account behind the access token: user, hub and scopes (HubSpot's access-token lookup).",
    fields: { user: 'string', hub_domain: 'string', hub_id: 'integer', user_id: 'integer', scopes: 'array' },
    answer: ({ email, id }) => ({
      user: email,
      hub_domain: 'demo.hubspot.example',
      hub_id: Number(id.slice(-6)),
      user_id: Number(id.slice(-7)),
      scopes: ['oauth', 'crm.objects.contacts.read'],
      token_type: 'access',
    }),
  },
  {
    slug: 'ASANA_GET_CURRENT_USER',
    toolkit: 'asana',
    name: 'Get current user',
    description: "The authenticated user's record, with the workspaces they can reach (Asana /users/me).",
    fields: { data: 'object' },
    answer: ({ email, name, id }) => ({
      data: { gid: id, resource_type: 'user', name, email, workspaces: [{ gid: `${id}1`, name: 'Demo Workspace' }] },
    }),
  },
  {
    slug: 'CLICKUP_GET_AUTHORIZED_USER',
    toolkit: 'clickup',
    name: 'Get authorized user',
    description: 'The authenticated ClickUp user (GET /v2/user).',
    fields: { user: 'object' },
    answer: ({ email, handle, id }) => ({
      user: { id: Number(id.slice(-7)), username: handle, email, color: '#7b68ee' },
    }),
  },
  {
    slug: 'DISCORD_GET_MY_USER',
    toolkit: 'discord',
    name: 'Get My User',
    description: "The authenticated Discord user; the email when the 'email' scope was granted (GET /users/@me).",
    fields: { id: 'string', username: 'string', global_name: 'string', email: 'string', verified: 'boolean' },
    answer: ({ email, handle, name, id }) => ({ id, username: handle, global_name: name, email, verified: true }),
  },
  {
    slug: 'FIGMA_GET_CURRENT_USER',
    toolkit: 'figma',
    name: 'Get current user',
    description: 'The authenticated Figma user (GET /v1/me).',
    fields: { id: 'string', email: 'string', handle: 'string', img_url: 'string' },
    answer: ({ email, handle, id }) => ({ id, email, handle, img_url: 'https://figma.example/avatar.png' }),
  },
  {
    slug: 'LINKEDIN_GET_MY_INFO',
    toolkit: 'linkedin',
    name: 'Get my info',
    description: "The authenticated member's profile (LinkedIn OpenID userinfo).",
    fields: { sub: 'string', name: 'string', given_name: 'string', family_name: 'string', email: 'string' },
    answer: ({ email, name, id }) => ({ sub: id, name, given_name: 'Demo', family_name: 'User', email }),
  },
  {
    slug: 'BITBUCKET_GET_CURRENT_USER2',
    toolkit: 'bitbucket',
    says: 'handle',
    name: 'Get current user (v2)',
    description: 'The authenticated Bitbucket user (GET /2.0/user).',
    fields: { account_id: 'string', nickname: 'string', display_name: 'string', uuid: 'string' },
    answer: ({ handle, name, id }) => ({
      type: 'user',
      account_id: id,
      uuid: `{${id}}`,
      nickname: handle,
      display_name: name,
    }),
  },
  {
    slug: 'CALENDLY_GET_CURRENT_USER',
    toolkit: 'calendly',
    name: 'Get current user',
    description: 'The authenticated Calendly user (GET /users/me).',
    fields: { resource: 'object' },
    answer: ({ email, handle, name, id }) => ({
      resource: {
        uri: `https://api.calendly.example/users/${id}`,
        name,
        slug: handle,
        email,
        timezone: 'UTC',
        scheduling_url: `https://calendly.example/${handle}`,
      },
    }),
  },
  {
    slug: 'TRELLO_GET_MEMBERS_ME',
    toolkit: 'trello',
    name: 'Get authenticated member',
    description: 'The authenticated Trello member (GET /1/members/me).',
    fields: { id: 'string', username: 'string', fullName: 'string', email: 'string' },
    answer: ({ email, handle, name, id }) => ({
      id,
      username: handle,
      fullName: name,
      email,
      url: `https://trello.example/${handle}`,
    }),
  },
];

/** A stable provider-side id for the account, so that repeated calls answer the same data. */
function providerId(accountId: string): string {
  let hash = 0;
  for (const char of accountId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return String(1_000_000_000 + (hash % 9_000_000_000));
}

const HANDLE = 'demo-user';

export const moreWhoAmITools: EmulatedTool[] = facts.map(({ fields, answer, says, ...tool }) => ({
  ...tool,
  identity: says === 'handle' ? HANDLE : emulatedEmail(tool.toolkit),
  output: Object.fromEntries(Object.entries(fields).map(([name, type]) => [name, { type, description: name }])),
  run: (account) =>
    answer({
      email: emulatedEmail(tool.toolkit),
      handle: HANDLE,
      name: 'Demo User',
      id: providerId(account.id),
    }),
}));
