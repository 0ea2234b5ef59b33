import Link from 'next/link';
import { redirect } from 'next/navigation';
import { RequiredConnectionsBanner } from '@/components/onboarding/required-connections-banner';
import { Button } from '@/components/ui/button';
import { loadIntegrations, type ToolkitView } from '@/lib/composio/integrations';
import { getCurrentUser } from '@/lib/auth/current-user';
import { needsOnboarding, onboardingProgress } from '@/lib/onboarding/onboarding';
import { site } from '@/lib/site';

/** The app's home. Replace the body with your product; keep the onboarding guard and the banner. */
export default async function HomePage() {
  const user = await getCurrentUser();
  const attention = user ? await requiredConnectionsNeedingAttention() : [];
  return (
    <main id="main" className="mx-auto flex w-full max-w-5xl flex-1 flex-col justify-center gap-6 px-4 py-16">
      <RequiredConnectionsBanner toolkits={attention} returnTo="/" />
      <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">
        {/* Not "Welcome back": for many people this is the first page after their first sign-in. */}
        {user ? `Welcome${user.name ? `, ${user.name}` : ''}` : site.name}
      </h1>
      <p className="text-lg text-muted-foreground">{site.description}</p>
      <div className="flex flex-wrap gap-3">
        <Button asChild>
          {user ? <Link href="/settings/integrations">Manage integrations</Link> : <Link href="/sign-in">Sign in</Link>}
        </Button>
      </div>
    </main>
  );
}

/**
 * Sends people who never connected a required toolkit to onboarding; returns
 * the required toolkits that broke later (for the banner). When Composio is
 * unreachable the home page still renders: no guard is worth a dead end.
 */
async function requiredConnectionsNeedingAttention(): Promise<ToolkitView[]> {
  if (!site.requireOnboarding) return [];
  const integrations = await loadIntegrations();
  if (!integrations.ok) return [];
  const progress = onboardingProgress(integrations.toolkits, []);
  if (needsOnboarding(progress)) redirect('/onboarding');
  return progress.needsAttention;
}
