import { createHash, randomUUID } from 'node:crypto';
import type { EmulatorContext } from './api';
import { ACCOUNT_NOT_FOUND_CODE, emulatedEmail } from './connections';
import { HttpError } from './http';
import { logoUrl, TOOLKIT_VERSION } from './serialize';
import type { Account, Session } from './store';
import { moreWhoAmITools } from './who-am-i-tools';

/**
 * The tools the emulator can run: read-only "who am I" tools of popular
 * toolkits, with Composio's slugs, answering deterministic data derived from
 * the connected account (the same identity the Connect Link page shows).
 * Slugs and fields: Composio's toolkit docs (docs.composio.dev/toolkits/<slug>)
 * and the provider APIs they wrap (Gmail users.getProfile, GitHub GET /user,
 * Slack team.info, Google Calendar calendarList).
 */
export type EmulatedTool = {
  slug: string;
  toolkit: string;
  name: string;
  description: string;
  output: Record<string, { type: string; description: string }>;
  /** Who the answer says the account is (the address, login or workspace a who-am-I check would show). */
  identity: string;
  run: (account: Account) => Record<string, unknown>;
};

/** A stable number from an account id, so that repeated calls answer the same data. */
function stableNumber(seed: string, modulo: number): number {
  return parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) % modulo;
}

const tools: EmulatedTool[] = [
  // The first four; the who-am-I tools of other popular toolkits are data in who-am-i-tools.ts, added at the end.
  {
    slug: 'GMAIL_GET_PROFILE',
    toolkit: 'gmail',
    name: 'Get Gmail profile',
    description: "Retrieves the authenticated user's Gmail profile: email address, message and thread totals.",
    output: {
      emailAddress: { type: 'string', description: "The user's email address" },
      messagesTotal: { type: 'integer', description: 'Total messages in the mailbox' },
      threadsTotal: { type: 'integer', description: 'Total threads in the mailbox' },
      historyId: { type: 'string', description: "ID of the mailbox's current history record" },
    },
    identity: emulatedEmail('gmail'),
    run: (account) => ({
      emailAddress: emulatedEmail('gmail'),
      messagesTotal: 1000 + stableNumber(account.id, 9000),
      threadsTotal: 500 + stableNumber(`${account.id}:threads`, 4000),
      historyId: String(100000 + stableNumber(`${account.id}:history`, 900000)),
    }),
  },
  {
    slug: 'GITHUB_GET_THE_AUTHENTICATED_USER',
    toolkit: 'github',
    name: 'Get the authenticated user',
    description: 'Gets the profile of the authenticated GitHub user.',
    output: {
      login: { type: 'string', description: "The user's login" },
      id: { type: 'integer', description: "The user's numeric id" },
      name: { type: 'string', description: "The user's display name" },
      email: { type: 'string', description: "The user's public email" },
      html_url: { type: 'string', description: "The user's profile page" },
    },
    identity: 'demo-user',
    run: (account) => ({
      login: 'demo-user',
      id: 1_000_000 + stableNumber(account.id, 9_000_000),
      node_id: `U_emulated${stableNumber(account.id, 100000)}`,
      type: 'User',
      name: 'Demo User',
      email: emulatedEmail('github'),
      html_url: 'https://github.example/demo-user',
    }),
  },
  {
    slug: 'SLACK_FETCH_TEAM_INFO',
    toolkit: 'slack',
    name: 'Fetch team info',
    description: 'Fetches metadata about the current Slack team (workspace).',
    output: {
      ok: { type: 'boolean', description: 'Whether Slack answered successfully' },
      team: { type: 'object', description: 'The workspace: id, name, domain, email_domain' },
    },
    identity: 'Demo Workspace',
    run: (account) => ({
      ok: true,
      team: {
        id: `T${String(stableNumber(account.id, 100_000_000)).padStart(8, '0')}`,
        name: 'Demo Workspace',
        domain: 'demo-workspace',
        email_domain: 'slack.example',
      },
    }),
  },
  {
    slug: 'GOOGLECALENDAR_LIST_CALENDARS',
    toolkit: 'googlecalendar',
    name: 'List Google Calendars',
    description: "Lists the calendars on the authenticated user's calendar list.",
    output: {
      calendars: { type: 'array', description: 'Calendars: id, summary, primary, accessRole, timeZone' },
    },
    identity: emulatedEmail('googlecalendar'),
    run: () => ({
      calendars: [
        {
          id: emulatedEmail('googlecalendar'),
          summary: emulatedEmail('googlecalendar'),
          primary: true,
          accessRole: 'owner',
          timeZone: 'UTC',
        },
      ],
    }),
  },
  ...moreWhoAmITools,
];

export function findTool(slug: string): EmulatedTool | undefined {
  return tools.find((tool) => tool.slug === slug.toUpperCase());
}

export function allTools(): EmulatedTool[] {
  return [...tools];
}

/** A tool definition in Composio's `GET /tools/{slug}` shape. */
export function toolJson(tool: EmulatedTool, ctx: EmulatorContext) {
  const toolkit = ctx.catalog.find((candidate) => candidate.slug === tool.toolkit);
  return {
    slug: tool.slug,
    name: tool.name,
    description: tool.description,
    human_description: tool.description,
    input_parameters: { type: 'object', properties: {}, required: [] },
    output_parameters: {
      type: 'object',
      properties: {
        data: { type: 'object', properties: tool.output, description: 'Data from the action execution' },
        error: { type: 'string', description: 'Error if any occurred during the execution of the action' },
        successful: { type: 'boolean', description: 'Whether or not the action execution was successful' },
      },
      required: ['data', 'successful'],
    },
    tags: ['readOnlyHint'],
    scopes: [],
    scope_requirements: null,
    no_auth: false,
    is_deprecated: false,
    deprecated: {
      available_versions: [TOOLKIT_VERSION],
      displayName: tool.name,
      is_deprecated: false,
      toolkit: { logo: logoUrl({ slug: tool.toolkit }, ctx.publicUrl) },
      version: TOOLKIT_VERSION,
    },
    toolkit: {
      slug: tool.toolkit,
      name: toolkit?.name ?? tool.toolkit,
      logo: logoUrl({ slug: tool.toolkit }, ctx.publicUrl),
    },
    version: TOOLKIT_VERSION,
    available_versions: [TOOLKIT_VERSION],
  };
}

export type ExecutionResult = {
  data: Record<string, unknown>;
  error: string | null;
  successful: boolean;
  logId: string;
};

/**
 * Runs a tool for a user: with the given connected account (which must be
 * theirs and of the tool's toolkit), or the session's/user's account for the
 * toolkit. A missing, foreign, disabled or expired account is refused before
 * anything runs, as Composio refuses it.
 */
export function executeTool(
  ctx: EmulatorContext,
  input: { slug: string; userId?: string; connectedAccountId?: string; session?: Session },
): ExecutionResult {
  const tool = findTool(input.slug);
  if (!tool) throw new HttpError(404, `Tool ${input.slug} not found`);
  const { accounts } = ctx.store.state;
  let account: Account | undefined;
  if (input.connectedAccountId) {
    account = accounts[input.connectedAccountId];
    if (!account || (input.userId !== undefined && account.userId !== input.userId)) {
      throw new HttpError(
        404,
        `Connected account ${input.connectedAccountId} not found for this user`,
        ACCOUNT_NOT_FOUND_CODE,
      );
    }
    if (account.toolkit !== tool.toolkit) {
      throw new HttpError(400, `Connected account ${account.id} is a ${account.toolkit} account, not ${tool.toolkit}`);
    }
  } else {
    account = Object.values(accounts)
      .filter((candidate) => candidate.userId === input.userId && candidate.toolkit === tool.toolkit)
      .filter((candidate) => {
        const pinned = input.session?.connectedAccounts[tool.toolkit];
        return !pinned || pinned.includes(candidate.id);
      })
      .sort((a, b) => Number(b.status === 'ACTIVE') - Number(a.status === 'ACTIVE') || b.seq - a.seq)[0];
    if (!account) {
      throw new HttpError(400, `No connected account found for user ${input.userId} and toolkit ${tool.toolkit}`);
    }
  }
  if (account.status !== 'ACTIVE') {
    const why =
      account.status === 'INACTIVE'
        ? 'is disabled'
        : account.status === 'EXPIRED'
          ? 'has expired; the user must reconnect it'
          : `is not active (status ${account.status})`;
    // Composio's OpenAPI document: 422 "Invalid state of the connected account".
    throw new HttpError(422, `Invalid state of the connected account: ${account.id} ${why}`);
  }
  // Composio ran the tool, and the provider refused it: a 200 whose `successful` is false.
  if (account.toolError) return { data: {}, error: account.toolError, successful: false, logId: `log_${randomUUID()}` };
  return { data: tool.run(account), error: null, successful: true, logId: `log_${randomUUID()}` };
}
