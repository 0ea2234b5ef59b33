import { loadIntegrations } from '@/lib/composio/integrations';
import { IntegrationsError } from './integrations-error';
import { ToolkitCard } from './toolkit-card';
import { ToolkitList } from './toolkit-list';

/** The part of the page that waits on Composio; streamed behind a skeleton. */
export async function IntegrationsPanel({ returnTo }: { returnTo: string }) {
  const integrations = await loadIntegrations();
  if (!integrations.ok) return <IntegrationsError message={integrations.error} />;
  const { toolkits } = integrations;
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
