import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { ConnectionFinished } from '@/components/integrations/connection-finished';
import { announceConnectionScript } from '@/lib/connection-finished';
import { safeReturnPath } from '@/lib/http/safe-redirect';

export const metadata: Metadata = { title: 'Connection finished' };

/**
 * The callback's answer for an attempt started in a popup: tells the app's
 * other windows to refresh (an inline script, so the waiting page hears it
 * without this window first loading and hydrating the app) and closes. Reads nothing but a return path, which
 * only matters when this window cannot close itself (a Connect Link resumed
 * in a tab); a forged one is a same-origin path at worst.
 */
export default async function ConnectedPage({ searchParams }: PageProps<'/connected'>) {
  const { to } = await searchParams;
  const returnTo = safeReturnPath(to, '/settings/integrations');
  // The per-request CSP nonce from proxy.ts: the announcement runs as the HTML arrives, not after hydration.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <main id="main" className="mx-auto grid w-full max-w-md flex-1 content-start gap-3 px-4 py-16 text-center">
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: announceConnectionScript }} />
      <h1 className="text-lg font-medium">Connection finished</h1>
      <ConnectionFinished returnTo={returnTo} />
    </main>
  );
}
