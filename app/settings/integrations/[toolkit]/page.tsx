import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ArrowLeft } from 'lucide-react';
import { ActivitySection } from '@/components/activity/activity-section';
import { ActivitySkeleton } from '@/components/activity/activity-skeleton';
import { IntegrationDetail } from '@/components/integrations/integration-detail';
import { IntegrationsSkeleton } from '@/components/integrations/integrations-skeleton';
import { integrationPath } from '@/components/integrations/integration-path';
import { requireUser } from '@/lib/auth/current-user';
import { isOfferedToolkit, offeredToolkitSlugSchema, toolkitName } from '@/lib/composio/catalog';

export const metadata: Metadata = { title: 'Integration' };

/**
 * One integration's own page: what it is and why the product asks for it,
 * each connected account with its actions, the access connecting it grants,
 * and its Activity. Everything on it works from the list too.
 */
export default async function IntegrationPage({ params }: PageProps<'/settings/integrations/[toolkit]'>) {
  const { toolkit: raw } = await params;
  const slug = offeredToolkitSlugSchema.safeParse(raw);
  // The path is user input: anything the app does not offer is a plain 404, before any other work.
  if (!slug.success) notFound();
  const path = integrationPath(slug.data);
  await requireUser(path);
  if (!(await isOfferedToolkit(slug.data).catch(() => true))) notFound();
  const name = await toolkitName(slug.data);
  return (
    <div className="grid grid-cols-1 gap-6">
      <Link
        href="/settings/integrations"
        className="flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        All integrations
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{name}</h1>
      <Suspense fallback={<IntegrationsSkeleton />}>
        <IntegrationDetail slug={slug.data} returnTo={path} />
      </Suspense>
      <Suspense fallback={<ActivitySkeleton />}>
        <ActivitySection toolkit={{ slug: slug.data, name }} />
      </Suspense>
    </div>
  );
}
