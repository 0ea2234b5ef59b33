import { Badge } from '@/components/ui/badge';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { AccountView, ToolkitView } from '@/lib/composio/integrations';
import { toolkitSummary } from '@/lib/composio/status';
import { AccountActions } from './account-actions';
import { CheckingMark } from './checking-mark';
import { ConnectButton } from './connect-button';
import { ConnectionStatusBadge } from './connection-status-badge';
import { RequiredBadge } from './required-badge';
import { TestConnection } from './test-connection';
import { ToolkitLogo } from './toolkit-logo';
import { ToolkitPageLink } from './toolkit-page-link';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/**
 * A toolkit the user has accounts for: its name and the truth about them at a
 * glance ("Connected", "Expired", "1 needs attention"), then one compact row
 * per account with the actions its status calls for.
 */
export function ToolkitCard({
  toolkit,
  returnTo,
  linkToPage = true,
}: {
  toolkit: ToolkitView;
  returnTo: string;
  /** Its name links to the integration's own page; not on that page itself. */
  linkToPage?: boolean;
}) {
  const statuses = toolkit.accounts.map((account) => account.status);
  const summary = toolkitSummary(statuses);
  const several = toolkit.accounts.length > 1;
  return (
    <article
      aria-labelledby={`toolkit-${toolkit.slug}`}
      className="overflow-hidden rounded-lg border bg-card text-card-foreground"
    >
      <div className="flex items-center gap-3 px-4 py-3">
        <ToolkitLogo src={toolkit.logo} name={toolkit.name} size="sm" />
        <h3 id={`toolkit-${toolkit.slug}`} className="min-w-0 flex-1 truncate leading-tight font-medium">
          {linkToPage ? <ToolkitPageLink toolkit={toolkit} /> : toolkit.name}
        </h3>
        {toolkit.required ? <RequiredBadge /> : null}
        {toolkit.stale ? <CheckingMark /> : null}
        <Badge variant={summary.tone} data-status={summary.status}>
          {summary.label}
        </Badge>
      </div>

      <ul className="divide-y border-t" aria-label={`${toolkit.name} accounts`}>
        {toolkit.accounts.map((account, index) => (
          <AccountRow
            key={account.id}
            toolkit={toolkit}
            account={account}
            // With several accounts, each button names its account so every accessible name stays unique.
            name={
              several ? `${toolkit.name} (${account.alias ?? account.label ?? `account ${index + 1}`})` : toolkit.name
            }
            showStatus={several}
            returnTo={returnTo}
          />
        ))}
      </ul>

      {toolkit.offered && statuses.includes('connected') ? (
        <details className="border-t px-4 py-2.5 text-sm">
          <summary className="w-fit cursor-pointer rounded-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
            Add another account
          </summary>
          <ConnectButton
            fields={{ toolkit: toolkit.slug, returnTo }}
            pendingLabel="Connecting…"
            variant="outline"
            size="sm"
            accessibleName={`Connect another ${toolkit.name} account`}
            formClassName="mt-3 flex flex-wrap items-end gap-2"
            before={
              <div className="grid min-w-0 flex-1 basis-48 gap-1.5">
                <Label htmlFor={`alias-${toolkit.slug}`}>Account name</Label>
                <Input
                  id={`alias-${toolkit.slug}`}
                  name="alias"
                  placeholder="e.g. work"
                  maxLength={40}
                  required
                  className="h-8"
                />
              </div>
            }
          >
            Connect
          </ConnectButton>
        </details>
      ) : null}
    </article>
  );
}

function AccountRow({
  toolkit,
  account,
  name,
  showStatus,
  returnTo,
}: {
  toolkit: ToolkitView;
  account: AccountView;
  name: string;
  showStatus: boolean;
  returnTo: string;
}) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2.5 text-sm">
      <div className="min-w-0 flex-1 basis-40">
        {/* One line, cut with an ellipsis: an email or a 40-character name never wraps mid-word. */}
        {account.label ? <p className="truncate font-medium">{account.label}</p> : null}
        <p className="text-xs text-muted-foreground">
          <AccountDescription account={account} />
        </p>
      </div>
      {showStatus ? <ConnectionStatusBadge status={account.status} /> : null}
      {account.connectionTest ? (
        <TestConnection
          toolkit={toolkit.slug}
          account={{ ...account, connectionTest: account.connectionTest }}
          toolkitName={toolkit.name}
          name={name}
          returnTo={returnTo}
        />
      ) : account.status === 'connected' && !toolkit.testable ? (
        // Said rather than a missing button: Composio has no read-only who-am-I tool this app knows for the toolkit.
        <p className="text-xs text-muted-foreground">No connection test for {toolkit.name}</p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <AccountActions toolkit={toolkit} account={account} name={name} returnTo={returnTo} size="sm" verbOnly />
      </div>
    </li>
  );
}

function AccountDescription({ account }: { account: AccountView }) {
  switch (account.status) {
    case 'connected':
      return (
        <>
          Connected on <time dateTime={account.since}>{dateFormat.format(new Date(account.since))}</time>
        </>
      );
    case 'pending':
      return 'Waiting for you to finish connecting. The link is valid for 10 minutes.';
    case 'expired':
      return 'Access expired. Reconnect to keep using it.';
    case 'failed':
      return 'The connection failed. Reconnect to try again.';
    case 'disabled':
      return 'Disabled. Enable it to give the app access again.';
    default:
      return null;
  }
}
