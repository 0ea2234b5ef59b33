import type { CatalogToolkit } from './catalog';
import type { Account, Session } from './store';

/** A connected account in Composio's wire shape (composio-api.md §4.0), valid for the SDK without warnings. */
export function accountJson(account: Account, connectUrl: string | null) {
  const connected = account.status === 'ACTIVE' || account.status === 'INACTIVE';
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
      id: `ac_${account.toolkit}`,
      auth_scheme: account.authScheme,
      is_composio_managed: true,
      is_disabled: false,
    },
    state: { authScheme: account.authScheme, val: stateValue(account, connectUrl) },
    data: connected && account.displayName ? { email: account.displayName, display_name: account.displayName } : {},
    params: {},
  };
}

/** `state.val` as the SDK's per-scheme schemas require it for each status (composio-api.md §4.0). */
function stateValue(account: Account, connectUrl: string | null): Record<string, unknown> {
  const value: Record<string, unknown> = { status: account.status };
  if (account.authScheme === 'OAUTH2') {
    if (account.status === 'ACTIVE' || account.status === 'INACTIVE') value.access_token = 'emulated-access-token';
    if (account.status === 'INITIATED') value.redirectUrl = connectUrl ?? '';
  }
  return value;
}

export function sessionJson(session: Session, publicUrl: string) {
  return {
    session_id: session.id,
    mcp: { type: 'http', url: `${publicUrl}/tool_router/${session.id}/mcp` },
    tool_router_tools: [],
    config_version: 1,
    config: {
      user_id: session.userId,
      toolkits: session.toolkits ? { enabled: session.toolkits } : {},
      manage_connections: { enabled: session.manageConnections },
      preload: { tools: [] },
      execute: {},
      search: {},
    },
  };
}

export function toolkitJson(toolkit: CatalogToolkit, publicUrl: string) {
  const noAuth = toolkit.authScheme === 'NO_AUTH';
  return {
    slug: toolkit.slug,
    name: toolkit.name,
    is_local_toolkit: false,
    enabled: true,
    no_auth: noAuth,
    auth_schemes: noAuth ? [] : [toolkit.authScheme],
    composio_managed_auth_schemes: toolkit.authScheme === 'OAUTH2' ? ['OAUTH2'] : [],
    meta: {
      description: toolkit.description,
      logo: `${publicUrl}/logos/${toolkit.slug}.svg`,
      categories: toolkit.categories.map((slug) => ({ slug, name: slug.replace(/-/g, ' ') })),
      tools_count: 12,
      triggers_count: 2,
      created_at: '2025-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    },
  };
}

/** The list endpoint names category ids `id`, the retrieve endpoint `slug` (composio-api.md §5.2). */
export function toolkitListItemJson(toolkit: CatalogToolkit, publicUrl: string) {
  const json = toolkitJson(toolkit, publicUrl);
  return { ...json, meta: { ...json.meta, categories: toolkit.categories.map((id) => ({ id, name: id })) } };
}
