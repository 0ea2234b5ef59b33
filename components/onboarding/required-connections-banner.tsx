import { ToolkitNextAction } from '@/components/integrations/account-actions';
import { ConnectionRefresh } from '@/components/integrations/connection-refresh';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import type { ToolkitView } from '@/lib/composio/integrations';

const problem: Partial<Record<ToolkitView['status'], string>> = {
  expired: 'Access to {name} expired. Reconnect it to keep using the app.',
  failed: '{name} stopped working. Reconnect it to keep using the app.',
  disabled: '{name} is disabled. Enable it to keep using the app.',
};

/** A required connection that expired, failed or was disabled: say so and offer the fix, not a dead end. */
export function RequiredConnectionsBanner({ toolkits, returnTo }: { toolkits: ToolkitView[]; returnTo: string }) {
  if (toolkits.length === 0) return null;
  return (
    <Alert variant="warning" role="alert">
      <AlertTitle>Some apps need your attention</AlertTitle>
      <AlertDescription>
        {toolkits.map((toolkit) => {
          return (
            <div key={toolkit.slug} className="flex flex-wrap items-center justify-between gap-2">
              <p>{(problem[toolkit.status] ?? '{name} needs attention.').replace('{name}', toolkit.name)}</p>
              <ToolkitNextAction toolkit={toolkit} returnTo={returnTo} size="sm" />
            </div>
          );
        })}
      </AlertDescription>
      {/* The banner is the home page's only connection status: a Reconnect finished in another tab clears it. */}
      <ConnectionRefresh />
    </Alert>
  );
}
