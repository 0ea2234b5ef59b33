import type { Metadata } from 'next';
import { ConnectionFinished } from '@/components/integrations/connection-finished';
import { safeReturnPath } from '@/lib/safe-redirect';

export const metadata: Metadata = { title: 'Connection finished' };

/**
 * The callback's answer for an attempt started in a popup: tells the app's
 * other windows to refresh and closes. Reads nothing but a return path, which
 * only matters when this window cannot close itself (a Connect Link resumed
 * in a tab); a forged one is a same-origin path at worst.
 */
export default async function ConnectedPage({ searchParams }: PageProps<'/connected'>) {
  const { to } = await searchParams;
  const returnTo = safeReturnPath(to, '/settings/integrations');
  return (
    <main id="main" className="mx-auto grid w-full max-w-md flex-1 content-start gap-3 px-4 py-16 text-center">
      <h1 className="text-lg font-medium">Connection finished</h1>
      <ConnectionFinished returnTo={returnTo} />
    </main>
  );
}
