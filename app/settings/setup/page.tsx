import type { Metadata } from 'next';
import { SessionUnconfirmed } from '@/components/auth/session-unconfirmed';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/layout/page-header';
import { SetupCheckList } from '@/components/setup/setup-check-list';
import { requireUser } from '@/lib/auth/current-user';
import { canSeeSetup, runSetupChecks } from '@/lib/setup/diagnostics';

export const metadata: Metadata = { title: 'Setup' };

export default async function SetupPage() {
  const user = await requireUser('/settings/setup');
  if (!user) return <SessionUnconfirmed />;
  if (!canSeeSetup(user)) notFound();
  const checks = await runSetupChecks();
  const gaps = checks.filter((check) => check.state !== 'ok').length;
  return (
    <div className="grid gap-6">
      <PageHeader title="Setup">
        {gaps === 0
          ? 'Everything this app needs is configured.'
          : `${gaps} ${gaps === 1 ? 'thing needs' : 'things need'} attention. Each names the environment variable to set.`}{' '}
        Only you can see this page: it is shown in development and, in production, to the ids in{' '}
        <code>SETUP_PAGE_USERS</code>.
      </PageHeader>
      <SetupCheckList checks={checks} />
    </div>
  );
}
