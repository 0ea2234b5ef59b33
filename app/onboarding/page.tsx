import type { Metadata } from 'next';
import { SessionUnconfirmed } from '@/components/auth/session-unconfirmed';
import { Suspense } from 'react';
import { ConnectionRefresh } from '@/components/integrations/connection-refresh';
import { OnboardingSkeleton } from '@/components/onboarding/onboarding-skeleton';
import { PageHeader } from '@/components/layout/page-header';
import { OnboardingPanel } from '@/components/onboarding/onboarding-panel';
import { requireUser } from '@/lib/auth/current-user';
import { site } from '@/lib/site';

export const metadata: Metadata = { title: 'Get started' };

export default async function OnboardingPage() {
  const user = await requireUser('/onboarding');
  return (
    <main id="main" className="mx-auto grid w-full max-w-2xl flex-1 content-start gap-6 px-4 py-10">
      {user ? <OnboardingContent /> : <SessionUnconfirmed />}
    </main>
  );
}

function OnboardingContent() {
  return (
    <>
      <PageHeader title="Connect your apps">
        {site.name} works with the apps below. Connect the required ones to get started; you can change any of them
        later in Settings.
      </PageHeader>
      <Suspense fallback={<OnboardingSkeleton rows={3} />}>
        <OnboardingPanel />
      </Suspense>
      <ConnectionRefresh />
    </>
  );
}
