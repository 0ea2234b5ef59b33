import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ActivitySection } from '@/components/activity/activity-section';
import { ActivitySkeleton } from '@/components/activity/activity-skeleton';
import { IntegrationsPanel } from '@/components/integrations/integrations-panel';
import { IntegrationsSkeleton } from '@/components/integrations/integrations-skeleton';
import { requireUser } from '@/lib/current-user';

export const metadata: Metadata = { title: 'Integrations' };

const PATH = '/settings/integrations';

export default async function IntegrationsPage() {
  await requireUser(PATH);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Integrations</h1>
        <p className="text-sm text-muted-foreground">
          Connect the apps you use. You can disconnect any of them at any time.
        </p>
      </div>
      <Suspense fallback={<IntegrationsSkeleton />}>
        <IntegrationsPanel returnTo={PATH} />
      </Suspense>
      <Suspense fallback={<ActivitySkeleton />}>
        <ActivitySection />
      </Suspense>
    </div>
  );
}
