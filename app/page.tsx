import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { getCurrentUser } from '@/lib/current-user';
import { site } from '@/lib/site';

export default async function HomePage() {
  const user = await getCurrentUser();
  return (
    <main id="main" className="mx-auto flex w-full max-w-3xl flex-1 flex-col justify-center gap-6 px-4 py-16">
      <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">
        {user ? `Welcome back${user.name ? `, ${user.name}` : ''}` : site.name}
      </h1>
      <p className="text-lg text-muted-foreground">{site.description}</p>
      <div className="flex flex-wrap gap-3">
        {user ? (
          <Button asChild>
            <Link href="/settings/integrations">Manage integrations</Link>
          </Button>
        ) : (
          <Button asChild>
            <Link href="/sign-in">Sign in</Link>
          </Button>
        )}
      </div>
    </main>
  );
}
