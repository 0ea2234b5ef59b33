import type { VariantProps } from 'class-variance-authority';
import { Badge, type badgeVariants } from '@/components/ui/badge';
import type { ActivityItemView } from '@/lib/activity/activity';
import type { ActivityKind } from '@/lib/activity/queries';
import { relativeTime } from '@/lib/relative-time';

type BadgeVariant = VariantProps<typeof badgeVariants>['variant'];

/** What each kind of event reads as in the list. */
const kindPresentation: Record<ActivityKind, { label: string; variant: BadgeVariant }> = {
  connected: { label: 'Connected', variant: 'success' },
  reconnected: { label: 'Reconnected', variant: 'success' },
  disconnected: { label: 'Disconnected', variant: 'secondary' },
  enabled: { label: 'Enabled', variant: 'secondary' },
  disabled: { label: 'Disabled', variant: 'muted' },
  cancelled: { label: 'Cancelled', variant: 'muted' },
  failed: { label: 'Failed', variant: 'destructive' },
  expired: { label: 'Expired', variant: 'warning' },
};

// UTC on both sides of the client boundary: an item rendered on the server and one
// appended in the browser must read the same.
const exactTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** One event: the toolkit, what happened, the account, and when (exact time on hover). */
export function ActivityItem({ item, now }: { item: ActivityItemView; now: number }) {
  const { label, variant } = kindPresentation[item.kind];
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-1 py-2 text-sm">
      <span className="font-medium">{item.toolkitName}</span>
      <Separator />
      <Badge variant={variant}>{label}</Badge>
      {item.accountLabel ? (
        <>
          <Separator />
          <span className="max-w-full min-w-0 truncate text-muted-foreground">{item.accountLabel}</span>
        </>
      ) : null}
      {item.fromComposio ? <span className="text-xs text-muted-foreground">{' (reported by Composio)'}</span> : null}
      <Separator />
      <time
        className="ml-auto text-xs text-muted-foreground"
        dateTime={item.at}
        title={`${exactTime.format(new Date(item.at))} UTC`}
      >
        {relativeTime(item.at, now)}
      </time>
    </li>
  );
}

/** Read aloud between the parts ("Gmail — Connected — work — 5 minutes ago"); the layout's gaps show them. */
function Separator() {
  return <span className="sr-only"> — </span>;
}
