// Pure data and readers, no server imports: the e2e journeys read which toolkits can be tested.

export type ToolData = Record<string, unknown>;

/** A toolkit's read-only "who am I" tool: Composio's slug, and how to read who the account is from its `data`. */
export type WhoAmITool = { tool: string; identity: (data: ToolData) => string | null };

/**
 * The toolkits whose connections can be tested, and with which tool. Each tool
 * takes no arguments, changes nothing and answers for the account's own
 * credentials; slugs and output fields: docs/composio.md, "Testing a connection"
 * (each slug is in Composio's toolkit catalog). A toolkit not listed here has
 * no Test: its connected accounts say so.
 */
export const whoAmITools: Readonly<Record<string, WhoAmITool>> = {
  gmail: { tool: 'GMAIL_GET_PROFILE', identity: (data) => text(data.emailAddress) },
  github: { tool: 'GITHUB_GET_THE_AUTHENTICATED_USER', identity: (data) => text(data.login) ?? text(data.email) },
  slack: { tool: 'SLACK_FETCH_TEAM_INFO', identity: (data) => text(record(data.team)?.name) },
  googlecalendar: {
    tool: 'GOOGLECALENDAR_LIST_CALENDARS',
    // Google's calendar list names the primary calendar after the account's address.
    identity: (data) => {
      const calendars = Array.isArray(data.calendars) ? data.calendars : Array.isArray(data.items) ? data.items : [];
      const primary = calendars.map(record).find((calendar) => calendar?.primary === true);
      return text(primary?.id) ?? text(primary?.summary);
    },
  },
  googledrive: {
    tool: 'GOOGLEDRIVE_GET_ABOUT',
    identity: (data) => text(record(data.user)?.emailAddress) ?? text(record(data.user)?.displayName),
  },
  notion: {
    tool: 'NOTION_GET_ABOUT_ME',
    // The integration's bot user: its owner is the person, the workspace is what it reaches.
    identity: (data) => {
      const bot = record(data.bot);
      const owner = record(record(bot?.owner)?.user);
      return text(record(owner?.person)?.email) ?? text(bot?.workspace_name) ?? text(data.name);
    },
  },
  linear: {
    tool: 'LINEAR_GET_CURRENT_USER',
    identity: (data) => {
      const viewer = record(data.viewer) ?? data;
      return text(viewer.email) ?? text(viewer.name);
    },
  },
  jira: { tool: 'JIRA_GET_CURRENT_USER', identity: (data) => text(data.emailAddress) ?? text(data.displayName) },
  airtable: { tool: 'AIRTABLE_GET_USER_INFO', identity: (data) => text(data.email) ?? text(data.id) },
  twitter: {
    tool: 'TWITTER_USER_LOOKUP_ME',
    identity: (data) => {
      const user = record(data.data) ?? data;
      return text(user.username) ?? text(user.name);
    },
  },
  outlook: { tool: 'OUTLOOK_GET_PROFILE', identity: (data) => text(data.mail) ?? text(data.userPrincipalName) },
  hubspot: { tool: 'HUBSPOT_GET_ACCOUNT_INFO', identity: (data) => text(data.user) ?? text(data.hub_domain) },
  asana: {
    tool: 'ASANA_GET_CURRENT_USER',
    identity: (data) => {
      const user = record(data.data) ?? data;
      return text(user.email) ?? text(user.name);
    },
  },
  clickup: {
    tool: 'CLICKUP_GET_AUTHORIZED_USER',
    identity: (data) => text(record(data.user)?.email) ?? text(record(data.user)?.username),
  },
  discord: { tool: 'DISCORD_GET_MY_USER', identity: (data) => text(data.email) ?? text(data.username) },
  figma: { tool: 'FIGMA_GET_CURRENT_USER', identity: (data) => text(data.email) ?? text(data.handle) },
  linkedin: { tool: 'LINKEDIN_GET_MY_INFO', identity: (data) => text(data.email) ?? text(data.name) },
  bitbucket: {
    tool: 'BITBUCKET_GET_CURRENT_USER2',
    identity: (data) => text(data.nickname) ?? text(data.display_name),
  },
  calendly: {
    tool: 'CALENDLY_GET_CURRENT_USER',
    identity: (data) => text(record(data.resource)?.email) ?? text(record(data.resource)?.name),
  },
  trello: { tool: 'TRELLO_GET_MEMBERS_ME', identity: (data) => text(data.email) ?? text(data.username) },
};

function record(value: unknown): ToolData | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ToolData) : undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 120) : null;
}
