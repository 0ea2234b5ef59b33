/** Composio's connected-account statuses, upper-case; what each one shows: docs/composio.md. */
export const composioStatuses = [
  'INITIALIZING',
  'INITIATED',
  'ACTIVE',
  'FAILED',
  'EXPIRED',
  'INACTIVE',
  'REVOKED',
] as const;
export type ComposioStatus = (typeof composioStatuses)[number];

/** The six statuses a person sees. */
export type ConnectionStatus = 'connected' | 'not_connected' | 'pending' | 'expired' | 'failed' | 'disabled';

/**
 * What a person can do about an account: `connect` and `reconnect` start a
 * Connect Link (reconnect replaces the old account once the new one is
 * active), `resume` reopens the Connect Link this browser started, `cancel`
 * drops it, `disable` turns an active account off without deleting it and `enable` restores it.
 */
export type AccountAction = 'connect' | 'resume' | 'cancel' | 'reconnect' | 'enable' | 'disable' | 'disconnect';

/** Connect Links expire after 10 minutes; an attempt older than that was abandoned. */
export const CONNECT_LINK_LIFETIME_MS = 10 * 60 * 1000;

/**
 * The one place that decides what each status looks like and offers. The
 * first action is the one a status calls for (the only one the onboarding
 * step and the reconnect banner show); the settings page offers them all.
 */
export const connectionStatusPresentation: Record<
  ConnectionStatus,
  {
    label: string;
    tone: 'success' | 'muted' | 'warning' | 'destructive' | 'secondary';
    actions: readonly [AccountAction, ...AccountAction[]];
  }
> = {
  connected: { label: 'Connected', tone: 'success', actions: ['disconnect', 'disable'] },
  not_connected: { label: 'Not connected', tone: 'muted', actions: ['connect'] },
  pending: { label: 'Pending', tone: 'secondary', actions: ['resume', 'cancel'] },
  expired: { label: 'Expired', tone: 'warning', actions: ['reconnect', 'disconnect'] },
  failed: { label: 'Failed', tone: 'destructive', actions: ['reconnect', 'disconnect'] },
  disabled: { label: 'Disabled', tone: 'muted', actions: ['enable', 'disconnect'] },
};

/**
 * The one mapping from Composio's status to what the page shows.
 * An attempt still INITIATED after its link's lifetime was abandoned: it is
 * shown as not connected (and cleaned up by the caller), never as pending forever.
 */
export function toConnectionStatus(status: string, createdAt: string, now: number): ConnectionStatus {
  switch (status) {
    case 'ACTIVE':
      return 'connected';
    case 'INITIALIZING':
    case 'INITIATED':
      return isAbandoned(createdAt, now) ? 'not_connected' : 'pending';
    case 'EXPIRED':
    case 'REVOKED':
      return 'expired';
    case 'INACTIVE':
      return 'disabled';
    case 'FAILED':
      return 'failed';
    default:
      // A status this code does not know yet: offer a fresh connection rather than claim success.
      return 'failed';
  }
}

export function isAbandoned(createdAt: string, now: number): boolean {
  const started = Date.parse(createdAt);
  return Number.isNaN(started) || now - started > CONNECT_LINK_LIFETIME_MS;
}

/** Order of preference when one toolkit has several accounts: the toolkit shows its best one. */
const summaryOrder: ConnectionStatus[] = ['connected', 'pending', 'disabled', 'expired', 'failed', 'not_connected'];

export function summariseStatuses(statuses: ConnectionStatus[]): ConnectionStatus {
  for (const status of summaryOrder) if (statuses.includes(status)) return status;
  return 'not_connected';
}

/** Statuses the person has to act on: an account that stopped working, or an attempt they have not finished. */
const attentionStatuses: readonly ConnectionStatus[] = ['expired', 'failed', 'pending'];

export function needsAttention(status: ConnectionStatus): boolean {
  return attentionStatuses.includes(status);
}

/**
 * The settings page's sections, in page order: a toolkit with any account
 * needing attention is listed there (once, with all its accounts), one with
 * only working or disabled accounts under Connected, the rest as Available.
 */
export type ToolkitGroup = 'attention' | 'connected' | 'available';

export function toolkitGroup(statuses: readonly ConnectionStatus[]): ToolkitGroup {
  if (statuses.some(needsAttention)) return 'attention';
  if (statuses.some((status) => status === 'connected' || status === 'disabled')) return 'connected';
  return 'available';
}

/**
 * What a toolkit's badge says: its one status, or with several accounts of
 * which some need attention, how many ("1 needs attention"): never Connected
 * while an account is broken.
 */
export function toolkitSummary(statuses: readonly ConnectionStatus[]): {
  label: string;
  tone: (typeof connectionStatusPresentation)[ConnectionStatus]['tone'];
  status: ConnectionStatus;
} {
  const status = summariseStatuses([...statuses]);
  const attention = statuses.filter(needsAttention).length;
  if (statuses.length > 1 && attention > 0 && attention < statuses.length) {
    return { label: `${attention} ${attention === 1 ? 'needs' : 'need'} attention`, tone: 'warning', status };
  }
  const { label, tone } = connectionStatusPresentation[status];
  return { label, tone, status };
}

/** The account a toolkit's status comes from (the one its badge describes), if it has one. */
export function summaryAccount<Account extends { status: ConnectionStatus }>(toolkit: {
  status: ConnectionStatus;
  accounts: Account[];
}): Account | undefined {
  return toolkit.accounts.find((account) => account.status === toolkit.status);
}
