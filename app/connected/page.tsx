import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { ConnectionFinished } from '@/components/integrations/connection-finished';
import { getCurrentUser } from '@/lib/auth/current-user';
import { isConnectionFinishedProof } from '@/lib/composio/finish-page';
import { announceConnectionScript } from '@/lib/connection-finished';
import { safeReturnPath } from '@/lib/http/safe-redirect';

export const metadata: Metadata = { title: 'Connection finished' };

/**
 * The callback's answer for an attempt started in a popup: tells the app's
 * other windows to refresh (an inline script, so the waiting page hears it
 * without this window first loading and hydrating the app) and closes. It
 * announces only with the callback's proof for the signed-in user
 * (lib/composio/finish-page.ts): opened by anyone else, it changes nothing in
 * the app's other tabs. The return path only matters when this window cannot
 * close itself (a Connect Link resumed in a tab); a forged one is a same-origin path at worst.
 */
export default async function ConnectedPage({ searchParams }: PageProps<'/connected'>) {
  const { to, proof } = await searchParams;
  const returnTo = safeReturnPath(to, '/settings/integrations');
  const user = await getCurrentUser();
  const announce = user !== null && (await isConnectionFinishedProof(proof, user.id));
  // The per-request CSP nonce from proxy.ts: the announcement runs as the HTML arrives, not after hydration.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <main id="main" className="mx-auto grid w-full max-w-md flex-1 content-start gap-3 px-4 py-16 text-center">
      {/* The one dangerouslySetInnerHTML in the app: a fixed string of this module's constants, nonced (SECURITY.md). */}
      {announce ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: announceConnectionScript }} /> : null}
      <h1 className="text-lg font-medium">Connection finished</h1>
      <ConnectionFinished returnTo={returnTo} announce={announce} />
    </main>
  );
}
