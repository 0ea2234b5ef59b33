import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { RetryButton } from './retry-button';

/** Composio could not be reached or refused: the page still works and says so plainly. */
export function IntegrationsError({ message }: { message: string }) {
  return (
    <Alert variant="destructive" role="alert">
      <AlertTitle>Integrations are unavailable right now</AlertTitle>
      <AlertDescription>
        <p>{message}</p>
        <p>Your existing connections are not affected.</p>
        <div className="mt-2">
          <RetryButton />
        </div>
      </AlertDescription>
    </Alert>
  );
}
