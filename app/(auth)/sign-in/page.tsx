import type { Metadata } from 'next';
import { SessionUnconfirmed } from '@/components/auth/session-unconfirmed';
import { redirect } from 'next/navigation';
import { signInWithOAuth } from '@/app/(auth)/actions';
import { DemoSignInForm } from '@/components/auth/demo-sign-in-form';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { signInOptions } from '@/lib/auth/next-auth';
import { getSessionState } from '@/lib/auth/current-user';
import { safeReturnPath } from '@/lib/http/safe-redirect';
import { site } from '@/lib/site';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  const { callbackUrl: rawCallbackUrl, error } = await searchParams;
  const callbackUrl = safeReturnPath(rawCallbackUrl, site.home);
  const session = await getSessionState();
  if (session.status === 'signed-in') redirect(callbackUrl);
  // A cookie the database cannot check right now: signing in again would fail too. Retry goes on once it can.
  if (session.status === 'unconfirmed') {
    return (
      <main id="main" className="mx-auto flex w-full max-w-md flex-1 flex-col justify-center px-4 py-12">
        <SessionUnconfirmed />
      </main>
    );
  }

  const options = signInOptions();
  const oauthProviders = [
    options.github && { id: 'github', label: 'Sign in with GitHub' },
    options.google && { id: 'google', label: 'Sign in with Google' },
  ].filter((provider) => provider !== false);

  return (
    <main id="main" className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center px-4 py-12">
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Sign in</h1>
          </CardTitle>
          <CardDescription>to manage the apps connected to your {site.name} account.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              Sign-in could not be completed. Nothing was changed; try again in a few minutes.
            </p>
          ) : null}
          {oauthProviders.map((provider) => (
            <form key={provider.id} action={signInWithOAuth}>
              <input type="hidden" name="provider" value={provider.id} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" variant="outline" className="w-full">
                {provider.label}
              </Button>
            </form>
          ))}
          {options.demo ? (
            <>
              {oauthProviders.length > 0 ? <p className="text-center text-sm text-muted-foreground">or</p> : null}
              <DemoSignInForm callbackUrl={callbackUrl} />
              <p className="text-sm text-muted-foreground">
                Demo sign-in: any email works, no password. The same email always gets the same connections.
              </p>
            </>
          ) : null}
          {!options.demo && oauthProviders.length === 0 ? (
            <p role="alert" className="text-sm">
              No sign-in method is configured. Set <code>AUTH_GITHUB_ID</code>/<code>AUTH_GITHUB_SECRET</code>,{' '}
              <code>AUTH_GOOGLE_ID</code>/<code>AUTH_GOOGLE_SECRET</code>, or <code>AUTH_DEMO_LOGIN=true</code>.
            </p>
          ) : null}
        </CardContent>
      </Card>
    </main>
  );
}
