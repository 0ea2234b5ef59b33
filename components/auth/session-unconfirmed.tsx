import { RetryButton } from '@/components/integrations/retry-button';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';

/**
 * What a signed-in page shows instead of the user's data while the database
 * cannot confirm the session (lib/auth/current-user.ts): a signed-out or
 * revoked cookie looks exactly like a valid one until then. Retry renders the
 * page again; once the database answers it is the page, or the sign-in page.
 */
export function SessionUnconfirmed() {
  return (
    <Alert variant="info" role="alert">
      <AlertTitle>We can&apos;t confirm your session right now</AlertTitle>
      <AlertDescription>
        <p>
          The app cannot reach its database to check that you are still signed in, so it shows nothing of your account
          until it can. Nothing was changed. Try again in a moment.
        </p>
        <div className="mt-2">
          <RetryButton />
        </div>
      </AlertDescription>
    </Alert>
  );
}
