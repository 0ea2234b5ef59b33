import type { Metadata } from 'next';
import { SessionUnconfirmed } from '@/components/auth/session-unconfirmed';
import { PageHeader } from '@/components/layout/page-header';
import { SignedInDevices } from '@/components/profile/signed-in-devices';
import { requireUser } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Profile' };

export default async function ProfilePage() {
  const user = await requireUser('/settings/profile');
  if (!user) return <SessionUnconfirmed />;
  return (
    <div className="grid gap-6">
      <PageHeader title="Profile">Who you are signed in as.</PageHeader>
      <dl className="grid gap-4 rounded-lg border p-4 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium">Name</dt>
        <dd>{user.name ?? '—'}</dd>
        <dt className="font-medium">Email</dt>
        <dd className="break-all">{user.email ?? '—'}</dd>
        <dt className="font-medium">Composio user id</dt>
        <dd>
          <code className="break-all">{user.id}</code>
          <p className="mt-1 text-muted-foreground">
            Your connections are stored under this id. It is derived from your sign-in and never changes.
          </p>
        </dd>
      </dl>
      <section aria-labelledby="devices-heading" className="grid gap-3">
        <div>
          <h2 id="devices-heading" className="text-lg font-semibold">
            Signed-in devices
          </h2>
          <p className="text-sm text-muted-foreground">
            Where you are signed in. Signing a device out ends its session at once, even if its cookie was copied.
          </p>
        </div>
        <SignedInDevices />
      </section>
    </div>
  );
}
