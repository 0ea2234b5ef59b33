import Link from 'next/link';
import { signOutAction } from '@/app/(auth)/actions';
import { ThemeToggle } from '@/components/theme-toggle';
import { Button } from '@/components/ui/button';
import { getCurrentUser } from '@/lib/current-user';
import { site } from '@/lib/site';

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="border-b">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center gap-3 px-4">
        <Link href="/" className="font-semibold tracking-tight">
          {site.name}
        </Link>
        <div className="ml-auto flex min-w-0 items-center gap-2">
          <ThemeToggle />
          {user ? (
            <>
              <Link
                href="/settings/profile"
                className="hidden max-w-48 truncate text-sm text-muted-foreground hover:text-foreground sm:block"
                title={user.email ?? undefined}
              >
                {user.name ?? user.email}
              </Link>
              <form action={signOutAction}>
                <Button type="submit" variant="outline" size="sm">
                  Sign out
                </Button>
              </form>
            </>
          ) : (
            <Button asChild size="sm">
              <Link href="/sign-in">Sign in</Link>
            </Button>
          )}
        </div>
      </div>
    </header>
  );
}
