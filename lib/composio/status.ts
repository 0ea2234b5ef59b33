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

/** What the person can do next about an account in that status. */
export type NextAction = 'connect' | 'resume' | 'reconnect' | 'enable' | 'disconnect';

/** Connect Links expire after 10 minutes; an attempt older than that was abandoned. */
export const CONNECT_LINK_LIFETIME_MS = 10 * 60 * 1000;

export const connectionStatusPresentation: Record<
  ConnectionStatus,
  { label: string; tone: 'success' | 'muted' | 'warning' | 'destructive' | 'secondary'; nextAction: NextAction }
> = {
  connected: { label: 'Connected', tone: 'success', nextAction: 'disconnect' },
  not_connected: { label: 'Not connected', tone: 'muted', nextAction: 'connect' },
  pending: { label: 'Pending', tone: 'secondary', nextAction: 'resume' },
  expired: { label: 'Expired', tone: 'warning', nextAction: 'reconnect' },
  failed: { label: 'Failed', tone: 'destructive', nextAction: 'reconnect' },
  disabled: { label: 'Disabled', tone: 'muted', nextAction: 'enable' },
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
