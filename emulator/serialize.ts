import defaultScopes from './data/default-scopes.json' with { type: 'json' };
import { categoryId, categoryName, type CatalogToolkit } from './catalog';
import type { Account, AuthConfig, Session } from './store';

/** The version every emulated toolkit reports (`meta.version`, `meta.available_versions`). */
export const TOOLKIT_VERSION = '20260101_00';
const CATALOG_DATE = '2026-01-01T00:00:00.000Z';

/** A connected account in Composio's wire shape, valid for the SDK's schemas without warnings. */
export function accountJson(account: Account, connectUrl: string | null, authConfig: AuthConfig | undefined) {
  return {
    id: account.id,
    alias: account.alias,
    word_id: null,
    user_id: account.userId,
    status: account.status,
    status_reason: account.statusReason,
    is_disabled: account.status === 'INACTIVE',
    created_at: account.createdAt,
    updated_at: account.updatedAt,
    toolkit: { slug: account.toolkit },
    auth_config: {
      id: account.authConfigId,
      auth_scheme: account.authScheme,
      is_composio_managed: authConfig?.isComposioManaged ?? true,
      is_disabled: authConfig?.status === 'DISABLED',
    },
    state: { authScheme: account.authScheme, val: stateValue(account, connectUrl) },
    // Kept when the status changes (EXPIRED, INACTIVE): Composio keeps an account's data, so the app can still name it.
    data: account.displayName ? { email: account.displayName, display_name: account.displayName } : {},
    params: {},
  };
}

/**
 * `state.val` as the SDK's per-scheme schemas require it for each status:
 * OAuth 2 needs `access_token` once connected and `redirectUrl` while
 * initiated; secrets themselves are never echoed.
 */
function stateValue(account: Account, connectUrl: string | null): Record<string, unknown> {
  const value: Record<string, unknown> = { status: account.status };
  if (account.authScheme === 'OAUTH2') {
    if (account.status === 'ACTIVE' || account.status === 'INACTIVE') value.access_token = 'emulated-access-token';
    if (account.status === 'INITIATED') value.redirectUrl = connectUrl ?? '';
  }
  return value;
}

export function sessionJson(session: Session, publicUrl: string) {
  const toolkits = session.toolkits?.enable
    ? { enabled: session.toolkits.enable }
    : session.toolkits?.disable
      ? { disabled: session.toolkits.disable }
      : {};
  return {
    session_id: session.id,
    mcp: { type: 'http', url: `${publicUrl}/tool_router/${session.id}/mcp` },
    tool_router_tools: [],
    config_version: session.configVersion,
    config: {
      user_id: session.userId,
      toolkits,
      auth_configs: session.authConfigs,
      connected_accounts: session.connectedAccounts,
      ...(session.pinLimit ? { multi_account: { enable: true, max_accounts_per_toolkit: session.pinLimit } } : {}),
      manage_connections: {
        enabled: session.manageConnections,
        ...(session.callbackUrl ? { callback_url: session.callbackUrl } : {}),
      },
      preload: { tools: [] },
      execute: {},
      search: {},
    },
  };
}

/** The connection fields each scheme asks for, as Composio lists them in `auth_config_details`. */
function authConfigDetails(toolkit: CatalogToolkit) {
  const field = (name: string, displayName: string, description: string, secret: boolean) => ({
    name,
    displayName,
    description,
    type: 'string',
    required: true,
    is_secret: secret,
  });
  if (toolkit.authScheme === 'NO_AUTH') return [];
  if (toolkit.authScheme === 'API_KEY') {
    return [
      {
        name: toolkit.name,
        mode: 'API_KEY',
        fields: {
          auth_config_creation: { required: [], optional: [] },
          connected_account_initiation: {
            required: [field('generic_api_key', 'API Key', `Your ${toolkit.name} API key`, true)],
            optional: [],
          },
        },
      },
    ];
  }
  return [
    {
      name: toolkit.name,
      mode: 'OAUTH2',
      fields: {
        auth_config_creation: {
          required: [
            field('client_id', 'Client ID', `Client ID of your ${toolkit.name} OAuth app`, false),
            field('client_secret', 'Client secret', `Client secret of your ${toolkit.name} OAuth app`, true),
          ],
          // The scopes an auth config asks for unless told otherwise, where Composio's catalog gives them.
          optional: defaultScopes.scopes[toolkit.slug as keyof typeof defaultScopes.scopes]
            ? [
                {
                  name: 'scopes',
                  displayName: 'Scopes',
                  description: 'Scopes to request from the user, comma separated',
                  type: 'string',
                  required: false,
                  is_secret: false,
                  default: defaultScopes.scopes[toolkit.slug as keyof typeof defaultScopes.scopes],
                },
              ]
            : [],
        },
        connected_account_initiation: { required: [], optional: [] },
      },
    },
  ];
}

function toolkitMeta(toolkit: CatalogToolkit, publicUrl: string) {
  return {
    created_at: CATALOG_DATE,
    updated_at: CATALOG_DATE,
    description: toolkit.description,
    logo: logoUrl(toolkit, publicUrl),
    tools_count: toolkit.toolCount,
    triggers_count: toolkit.triggerCount,
    version: TOOLKIT_VERSION,
  };
}

export function logoUrl(toolkit: { slug: string }, publicUrl: string): string {
  return `${publicUrl}/logos/${toolkit.slug}.svg`;
}

/** `GET /toolkits/{slug}`: categories carry `slug`, and the auth details are included. */
export function toolkitJson(toolkit: CatalogToolkit, publicUrl: string) {
  const noAuth = toolkit.authScheme === 'NO_AUTH';
  return {
    slug: toolkit.slug,
    name: toolkit.name,
    type: 'native',
    enabled: true,
    is_local_toolkit: false,
    no_auth: noAuth,
    deprecated: { toolkitId: toolkit.slug, rawProxyInfoByAuthSchemes: [] },
    composio_managed_auth: toolkit.authScheme === 'OAUTH2' ? [{ mode: 'OAUTH2', scopes: { available: [] } }] : [],
    composio_managed_auth_schemes: managedSchemes(toolkit),
    auth_config_details: authConfigDetails(toolkit),
    meta: {
      ...toolkitMeta(toolkit, publicUrl),
      categories: [{ slug: categoryId(toolkit.category), name: categoryName(toolkit.category) }],
      available_versions: [TOOLKIT_VERSION],
    },
  };
}

/** `GET /toolkits`: categories carry `id` here, not `slug`. */
export function toolkitListItemJson(toolkit: CatalogToolkit, publicUrl: string) {
  const noAuth = toolkit.authScheme === 'NO_AUTH';
  return {
    slug: toolkit.slug,
    name: toolkit.name,
    type: 'native',
    is_local_toolkit: false,
    no_auth: noAuth,
    auth_schemes: noAuth ? [] : [toolkit.authScheme],
    composio_managed_auth_schemes: managedSchemes(toolkit),
    deprecated: { toolkitId: toolkit.slug },
    meta: {
      ...toolkitMeta(toolkit, publicUrl),
      categories: [{ id: categoryId(toolkit.category), name: categoryName(toolkit.category) }],
    },
  };
}

/** Composio manages OAuth apps for its OAuth toolkits; an API key always comes from the user. */
function managedSchemes(toolkit: CatalogToolkit): string[] {
  return toolkit.authScheme === 'OAUTH2' ? ['OAUTH2'] : [];
}

export function authConfigJson(config: AuthConfig, connections: number, publicUrl: string) {
  return {
    id: config.id,
    uuid: config.id,
    type: config.isComposioManaged ? 'default' : 'custom',
    name: config.name,
    status: config.status,
    toolkit: { slug: config.toolkit, logo: logoUrl({ slug: config.toolkit }, publicUrl) },
    auth_scheme: config.authScheme,
    is_composio_managed: config.isComposioManaged,
    is_enabled_for_tool_router: true,
    no_of_connections: connections,
    // Secrets are never returned; the scopes are not secret.
    credentials: config.scopes.length > 0 ? { scopes: config.scopes.join(',') } : {},
    expected_input_fields: [],
    tool_access_config: { tools_for_connected_account_creation: [], tools_available_for_execution: [] },
    restrict_to_following_tools: [],
    created_by: 'emulator',
    created_at: config.createdAt,
    last_updated_at: config.updatedAt,
  };
}
