import { Suspense, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { toolkitAccess, toolkitInfo, type ToolkitAccess } from '@/lib/composio/catalog';
import { loadIntegrations, type ToolkitView } from '@/lib/composio/integrations';
import { toolkitSummary } from '@/lib/composio/status';
import { toolkitConfig } from '@/lib/toolkits';
import { AccountActions } from './account-actions';
import { IntegrationsError } from './integrations-error';
import { RequiredBadge } from './required-badge';
import { ToolkitCard } from './toolkit-card';
import { ToolkitLogo } from './toolkit-logo';

/** The part of an integration's page that waits on the user's connections (the same loader as the list). */
export async function IntegrationDetail({ slug, returnTo }: { slug: string; returnTo: string }) {
  const integrations = await loadIntegrations();
  if (!integrations.ok) return <IntegrationsError message={integrations.error} />;
  const toolkit = integrations.toolkits.find((candidate) => candidate.slug === slug) ?? (await catalogOnly(slug));
  if (!toolkit) return <IntegrationsError message="This integration is not in Composio's catalog right now." />;
  const summary = toolkitSummary(toolkit.accounts.map((account) => account.status));
  const reason = toolkitConfig(slug)?.reason;

  return (
    <div className="grid grid-cols-1 gap-8">
      <div className="flex flex-wrap items-start gap-4">
        <ToolkitLogo src={toolkit.logo} name={toolkit.name} />
        <div className="grid min-w-0 flex-1 basis-64 gap-2">
          <div className="flex flex-wrap items-center gap-2">
            {toolkit.category ? <Badge variant="secondary">{toolkit.category.name}</Badge> : null}
            {toolkit.required ? <RequiredBadge /> : null}
            <Badge variant={summary.tone} data-status={summary.status}>
              {summary.label}
            </Badge>
          </div>
          {toolkit.description ? <p className="text-sm text-muted-foreground">{toolkit.description}</p> : null}
        </div>
      </div>

      {reason ? (
        <Section id="why" title={`Why we ask for ${toolkit.name}`}>
          <p className="text-sm">{reason}</p>
        </Section>
      ) : null}

      <Section id="accounts" title="Accounts" focusTarget={slug}>
        {toolkit.noAuth ? (
          <p className="text-sm text-muted-foreground">
            No connection needed: {toolkit.name} works without an account.
          </p>
        ) : toolkit.accounts.length > 0 ? (
          <ToolkitCard toolkit={toolkit} returnTo={returnTo} linkToPage={false} />
        ) : (
          <div className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed p-4 text-sm">
            <p className="min-w-0 flex-1 basis-48 text-muted-foreground">Not connected yet.</p>
            <AccountActions toolkit={toolkit} name={toolkit.name} returnTo={returnTo} size="sm" />
          </div>
        )}
      </Section>

      {toolkit.noAuth ? null : (
        <Section
          id="access"
          title="Access it grants"
          description={`What connecting ${toolkit.name} lets this app do, as Composio describes it.`}
        >
          <Suspense fallback={<Skeleton className="h-16 w-full" />}>
            <Access toolkit={toolkit} />
          </Suspense>
        </Section>
      )}
    </div>
  );
}

/** A toolkit of the catalog the user has no account for (TOOLKITS_SHOW_ALL): shown as the list's tile shows it. */
async function catalogOnly(slug: string): Promise<ToolkitView | null> {
  const info = await toolkitInfo(slug).catch(() => null);
  if (!info) return null;
  return {
    ...info,
    offered: true,
    required: false,
    reason: info.description,
    testable: false,
    status: 'not_connected',
    accounts: [],
  };
}

/** How each of Composio's auth schemes reads to a person. */
const schemeInPlainWords: Record<string, (name: string) => string> = {
  OAUTH2: (name) =>
    `You sign in to ${name} and approve the request; Composio keeps the token, and this app acts through Composio with the permissions below.`,
  OAUTH1: (name) =>
    `You sign in to ${name} and approve the request; Composio keeps the token, and this app acts through Composio.`,
  API_KEY: (name) =>
    `You give Composio an API key from ${name}: the app can do whatever that key is allowed to do, so create one with only the access you want to share.`,
  BEARER_TOKEN: (name) =>
    `You give Composio a token from ${name}: the app can do whatever that token is allowed to do.`,
  BASIC: (name) => `You give Composio a ${name} username and password: the app can do whatever that account can.`,
};

async function Access({ toolkit }: { toolkit: ToolkitView }) {
  const access: ToolkitAccess | null = await toolkitAccess(toolkit.slug);
  if (!access) {
    return (
      <p className="text-sm text-muted-foreground">
        Composio could not say right now. {toolkit.name}’s own consent screen lists the permissions when you connect.
      </p>
    );
  }
  const plain = access.scheme ? schemeInPlainWords[access.scheme]?.(toolkit.name) : undefined;
  return (
    <div className="grid gap-3 text-sm">
      {plain ? <p>{plain}</p> : null}
      {access.scopes.length > 0 ? (
        <>
          <p className="text-muted-foreground">
            {access.source === 'auth-config'
              ? 'The scopes this app’s own OAuth app asks for:'
              : 'The scopes Composio’s OAuth app asks for:'}
          </p>
          <ul aria-label={`${toolkit.name} scopes`} className="flex flex-wrap gap-2">
            {access.scopes.map((scope) => (
              <li key={scope}>
                <code className="rounded-md border bg-muted px-1.5 py-0.5 text-xs break-all">{scope}</code>
              </li>
            ))}
          </ul>
        </>
      ) : access.scheme === 'OAUTH2' || access.scheme === 'OAUTH1' ? (
        <p className="text-muted-foreground">
          Composio does not list the scopes it asks for. {toolkit.name}’s consent screen shows them when you connect.
        </p>
      ) : null}
    </div>
  );
}

/** One part of the page, announced as a region by its heading. */
function Section({
  id,
  title,
  description,
  focusTarget,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  /** Where focus goes after Connect or Disconnect on this page (focus-toolkit.ts). */
  focusTarget?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`detail-${id}`} className="grid grid-cols-1 gap-3">
      <div>
        <h2
          id={`detail-${id}`}
          className="w-fit rounded-sm text-base font-semibold"
          tabIndex={focusTarget ? -1 : undefined}
          data-focus-toolkit={focusTarget}
        >
          {title}
        </h2>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}
