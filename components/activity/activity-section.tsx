import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { RetryButton } from '@/components/integrations/retry-button';
import { loadActivity } from '@/lib/activity/activity';
import { ActivityItem } from './activity-item';
import { ShowMoreActivity } from './show-more-activity';

/**
 * The signed-in user's latest connection events; older pages load on demand.
 * With `toolkit`, only that toolkit's latest events (its own page), without Show more.
 */
export async function ActivitySection({ toolkit }: { toolkit?: { slug: string; name: string } } = {}) {
  const activity = await loadActivity(null, toolkit?.slug);
  return (
    <section aria-labelledby="activity-heading" className="grid grid-cols-1 gap-3">
      <h2 id="activity-heading" className="text-lg font-semibold tracking-tight">
        Activity
      </h2>
      {!activity.ok ? (
        <Alert variant="destructive" role="alert">
          <AlertTitle>Activity is unavailable right now</AlertTitle>
          <AlertDescription>
            <p>{activity.error}</p>
            <p>Your connections are not affected.</p>
            <div className="mt-2">
              <RetryButton />
            </div>
          </AlertDescription>
        </Alert>
      ) : activity.items.length === 0 ? (
        <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
          {toolkit ? `No activity for ${toolkit.name} yet.` : 'No activity yet.'}
        </p>
      ) : (
        <div className="rounded-lg border px-4">
          <ol aria-label="Recent activity" className="divide-y">
            {activity.items.map((item) => (
              <ActivityItem key={item.id} item={item} now={activity.now} />
            ))}
          </ol>
          {activity.next && !toolkit ? <ShowMoreActivity after={activity.next} /> : null}
        </div>
      )}
    </section>
  );
}
