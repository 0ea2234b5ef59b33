import { LogOut } from 'lucide-react';
import Link from 'next/link';
import { signOutAction } from '@/app/(auth)/actions';
import { ThemeToggle } from '@/components/theme-toggle';
import { Button } from '@/components/ui/button';
import { getSessionState } from '@/lib/auth/current-user';
import { site } from '@/lib/site';
import { SignInLink } from './sign-in-link';

export async function SiteHeader() {
  const session = await getSessionState();
  const user = session.status === 'signed-in' ? session.user : null;
  return (
    <header className="border-b">
      {/* Same width and padding as every page's content, so the brand lines up with what is below it. */}
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center gap-3 px-4 sm:gap-4">
        <Link href="/" className="min-w-0 truncate font-semibold tracking-tight">
          {site.name}
        </Link>
        {user ? (
          <nav aria-label="Main" className="shrink-0">
            <Link href="/settings" className="text-sm text-muted-foreground hover:text-foreground">
              Settings
            </Link>
          </nav>
        ) : null}
        <div className="ml-auto flex shrink-0 items-center gap-2">
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
              <SignOutButton />
            </>
          ) : session.status === 'unconfirmed' ? (
            // Nothing of the user's while the session is unconfirmed, but signing out works (and takes effect).
            <SignOutButton />
          ) : (
            <SignInLink />
          )}
        </div>
      </div>
    </header>
  );
}

function SignOutButton() {
  return (
    <form action={signOutAction}>
      {/* Icon only on a phone, where the header has no room for the words; the name is the same. */}
      <Button type="submit" variant="outline" size="sm" aria-label="Sign out" className="max-sm:px-2">
        <LogOut aria-hidden="true" className="sm:hidden" />
        <span className="max-sm:hidden">Sign out</span>
      </Button>
    </form>
  );
}
