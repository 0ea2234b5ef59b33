import type { Metadata } from 'next';
import { SessionUnconfirmed } from '@/components/auth/session-unconfirmed';
import { Suspense } from 'react';
import { ActivitySection } from '@/components/activity/activity-section';
import { ActivitySkeleton } from '@/components/activity/activity-skeleton';
import { IntegrationsPanel } from '@/components/integrations/integrations-panel';
import { IntegrationsSkeleton } from '@/components/integrations/integrations-skeleton';
import { PageHeader } from '@/components/layout/page-header';
import { requireUser } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Integrations' };

const PATH = '/settings/integrations';

export default async function IntegrationsPage() {
  if (!(await requireUser(PATH))) return <SessionUnconfirmed />;
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader title="Integrations">
        Connect the apps you use. You can disconnect any of them at any time.
      </PageHeader>
      <Suspense fallback={<IntegrationsSkeleton />}>
        <IntegrationsPanel returnTo={PATH} />
      </Suspense>
      <Suspense fallback={<ActivitySkeleton />}>
        <ActivitySection />
      </Suspense>
    </div>
  );
}
