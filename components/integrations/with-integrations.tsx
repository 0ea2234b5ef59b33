import type { ReactNode } from 'react';
import { ComposioCallError } from '@/lib/composio/call';
import { getIntegrations, type ToolkitView } from '@/lib/composio/connections';
import { IntegrationsError } from './integrations-error';

/**
 * Loads the user's integrations and renders them with `render`, or the
 * error state with Retry when Composio cannot be reached.
 */
export async function WithIntegrations({
  userId,
  render,
}: {
  userId: string;
  render: (toolkits: ToolkitView[]) => ReactNode | Promise<ReactNode>;
}) {
  let toolkits: ToolkitView[];
  try {
    toolkits = await getIntegrations(userId);
  } catch (error) {
    if (error instanceof ComposioCallError) return <IntegrationsError message={error.message} />;
    throw error;
  }
  return render(toolkits);
}
