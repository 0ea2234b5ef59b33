import { ComposioCallError } from '@/lib/composio/call';
import { getIntegrations, type ToolkitView } from '@/lib/composio/connections';
import { IntegrationsError } from './integrations-error';
import { ToolkitCard } from './toolkit-card';
import { ToolkitList } from './toolkit-list';

/** The part of the page that waits on Composio; streamed behind a skeleton. */
export async function IntegrationsPanel({ userId, returnTo }: { userId: string; returnTo: string }) {
  let toolkits: ToolkitView[];
  try {
    toolkits = await getIntegrations(userId);
  } catch (error) {
    if (error instanceof ComposioCallError) return <IntegrationsError message={error.message} />;
    throw error;
  }

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
