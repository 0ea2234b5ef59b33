import { Badge } from '@/components/ui/badge';
import { connectionStatusPresentation, type ConnectionStatus } from '@/lib/composio/status';

/** The status as text (never colour alone). */
export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  const { label, tone } = connectionStatusPresentation[status];
  return (
    <Badge variant={tone} data-status={status}>
      {label}
    </Badge>
  );
}
