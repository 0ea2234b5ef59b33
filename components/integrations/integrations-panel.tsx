import type { ReactNode } from 'react';
import { loadIntegrations, type ToolkitView } from '@/lib/composio/integrations';
import { toolkitGroup, type ToolkitGroup } from '@/lib/composio/status';
import { TOOLKITS_PAGE_SIZE } from '@/lib/toolkits';
import { ConnectionsCheck } from './connections-check';
import { IntegrationsError } from './integrations-error';
import { ToolkitCard } from './toolkit-card';
import { ToolkitList } from './toolkit-list';
import { ToolkitTile } from './toolkit-tile';

/**
 * The integrations list, painted from the connections table (then checked
 * against Composio once, in place), or from Composio itself the first time.
 */
export async function IntegrationsPanel({ returnTo }: { returnTo: string }) {
  const integrations = await loadIntegrations();
  if (!integrations.ok) return <IntegrationsError message={integrations.error} />;
  const { freshness } = integrations;
  const list = <IntegrationsList integrations={integrations} returnTo={returnTo} />;
  return <ConnectionsCheck freshness={freshness}>{list}</ConnectionsCheck>;
}

function IntegrationsList({
  integrations: { toolkits: all, catalogCursor },
  returnTo,
}: {
  integrations: { toolkits: ToolkitView[]; catalogCursor: string | null };
  returnTo: string;
}) {
  const toolkits = all.filter((toolkit) => toolkit.offered);
  // Accounts of toolkits lib/toolkits.ts no longer offers: kept in sight until the user disconnects them.
  const others = all.filter((toolkit) => !toolkit.offered);
  if (toolkits.length === 0 && others.length === 0) {
    return (
      <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
        No integrations are available yet. Add toolkits in <code>lib/toolkits.ts</code>.
      </p>
    );
  }
  const groups: Record<ToolkitGroup, ToolkitView[]> = { attention: [], connected: [], available: [] };
  for (const toolkit of toolkits) groups[toolkitGroup(toolkit.accounts.map((account) => account.status))].push(toolkit);
  const connected = toolkits.filter((toolkit) => toolkit.status === 'connected').length;

  return (
    <div className="grid grid-cols-1 gap-8">
      <p className="text-sm text-muted-foreground">
        {/* With more of the catalog to come, the toolkits listed so far are not "all of them". */}
        {catalogCursor ? `${connected} connected` : `${connected} of ${toolkits.length} connected`}
      </p>
      {groups.attention.length > 0 ? (
        <ToolkitSection
          id="attention"
          title="Needs attention"
          description="Reconnect or finish these to keep them working."
        >
          <CardList toolkits={groups.attention} returnTo={returnTo} />
        </ToolkitSection>
      ) : null}
      {groups.connected.length > 0 ? (
        <ToolkitSection id="connected" title="Connected">
          <CardList toolkits={groups.connected} returnTo={returnTo} />
        </ToolkitSection>
      ) : groups.attention.length === 0 ? (
        <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
          Nothing is connected yet. Connect an app below to get started.
        </p>
      ) : null}
      {groups.available.length > 0 ? (
        <ToolkitSection id="available" title="Available" description="Apps you can connect to your account.">
          <ToolkitList
            items={groups.available.map((toolkit) => ({
              slug: toolkit.slug,
              name: toolkit.name,
              category: toolkit.category,
              node: <ToolkitTile toolkit={toolkit} returnTo={returnTo} />,
            }))}
            pageSize={TOOLKITS_PAGE_SIZE}
            more={
              catalogCursor
                ? {
                    cursor: catalogCursor,
                    listedElsewhere: [...groups.attention, ...groups.connected].map((toolkit) => toolkit.slug),
                    returnTo,
                  }
                : undefined
            }
          />
        </ToolkitSection>
      ) : null}
      {others.length > 0 ? (
        <ToolkitSection
          id="other"
          title="Other connections"
          description="Apps this app no longer offers. Disconnect them when you no longer need them."
        >
          <CardList toolkits={others} returnTo={returnTo} />
        </ToolkitSection>
      ) : null}
    </div>
  );
}

/** One group of the page, announced as a region by its heading; rendered only when it has something in it. */
function ToolkitSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`group-${id}`} className="grid grid-cols-1 gap-3">
      <div>
        <h2 id={`group-${id}`} className="text-base font-semibold">
          {title}
        </h2>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

function CardList({ toolkits, returnTo }: { toolkits: ToolkitView[]; returnTo: string }) {
  return (
    <ul className="grid grid-cols-1 gap-3">
      {toolkits.map((toolkit) => (
        <li key={toolkit.slug}>
          <ToolkitCard toolkit={toolkit} returnTo={returnTo} />
        </li>
      ))}
    </ul>
  );
}
