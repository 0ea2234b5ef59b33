import type { ToolkitView } from '@/lib/composio/connections';
import { ToolkitCard } from './toolkit-card';
import { ToolkitList } from './toolkit-list';
import { WithIntegrations } from './with-integrations';

/** The part of the page that waits on Composio; streamed behind a skeleton. */
export function IntegrationsPanel({ userId, returnTo }: { userId: string; returnTo: string }) {
  return (
    <WithIntegrations userId={userId} render={(toolkits) => <Integrations toolkits={toolkits} returnTo={returnTo} />} />
  );
}

function Integrations({ toolkits, returnTo }: { toolkits: ToolkitView[]; returnTo: string }) {
  if (toolkits.length === 0) {
    return (
      <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
        No integrations are available yet. Add toolkits in <code>lib/toolkits.ts</code>.
      </p>
    );
  }
  const connected = toolkits.filter((toolkit) => toolkit.status === 'connected').length;
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        {connected} of {toolkits.length} connected
      </p>
      <ToolkitList
        items={toolkits.map((toolkit) => ({
          slug: toolkit.slug,
          name: toolkit.name,
          node: <ToolkitCard toolkit={toolkit} returnTo={returnTo} />,
        }))}
      />
    </div>
  );
}
