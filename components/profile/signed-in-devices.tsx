import { signOutOtherDevice } from '@/app/settings/profile/actions';
import { ActionButton } from '@/components/integrations/action-button';
import { RetryButton } from '@/components/integrations/retry-button';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { getSignedInUser } from '@/lib/auth/current-user';
import { relativeTime } from '@/lib/relative-time';
import { UserFacingError } from '@/lib/errors';
import { listDevices, type DeviceSession } from '@/lib/sessions/session-store';
import { SignOutEverywhere } from './sign-out-everywhere';

/** Profile's "Signed-in devices": every active session of the user, this one marked, each with its own Sign out. */
export async function SignedInDevices() {
  const user = await getSignedInUser();
  let devices: DeviceSession[];
  try {
    devices = await listDevices(user.id);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return (
      <Alert variant="destructive" role="alert">
        <AlertTitle>Signed-in devices are unavailable right now</AlertTitle>
        <AlertDescription>
          <p>{error.message}</p>
          <div className="mt-2">
            <RetryButton />
          </div>
        </AlertDescription>
      </Alert>
    );
  }
  const now = new Date(); // a server component renders once per request: "now" is this request's time
  // This device first, then the most recently active.
  const ordered = [...devices].sort((a, b) => Number(b.id === user.sessionId) - Number(a.id === user.sessionId));
  return (
    <div className="grid gap-4">
      <ul className="divide-y rounded-lg border" aria-label="Signed-in devices">
        {ordered.map((device) => {
          const current = device.id === user.sessionId;
          const name = device.userAgent ?? 'Unknown browser';
          return (
            <li key={device.id} className="flex flex-wrap items-center gap-3 p-4 text-sm">
              <div className="grid min-w-0 flex-1 gap-0.5">
                <p className="flex items-center gap-2 font-medium">
                  {name}
                  {current ? <Badge variant="success">This device</Badge> : null}
                </p>
                <p className="text-muted-foreground">
                  Signed in <When date={device.createdAt} now={now} /> · last active{' '}
                  <When date={device.lastSeenAt} now={now} />
                </p>
              </div>
              {/* This device signs out with the header's Sign out. */}
              {current ? null : (
                <ActionButton
                  action={signOutOtherDevice}
                  fields={{ sessionId: device.id }}
                  variant="outline"
                  size="sm"
                  pendingLabel="Signing out…"
                  aria-description={name}
                >
                  Sign out
                </ActionButton>
              )}
            </li>
          );
        })}
      </ul>
      <SignOutEverywhere devices={devices.length} />
    </div>
  );
}

const exact = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "5 minutes ago", with the exact time (UTC) on hover. */
function When({ date, now }: { date: Date; now: Date }) {
  return (
    <time dateTime={date.toISOString()} title={`${exact.format(date)} UTC`}>
      {relativeTime(date, now.getTime())}
    </time>
  );
}
