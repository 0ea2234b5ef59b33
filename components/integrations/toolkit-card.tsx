import { connectToolkit } from '@/app/settings/integrations/actions';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { AccountView, ToolkitView } from '@/lib/composio/integrations';
import { AccountActions } from './account-actions';
import { ActionButton } from './action-button';
import { ConnectionStatusBadge } from './connection-status-badge';
import { ToolkitLogo } from './toolkit-logo';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/** One toolkit: what it is, its status, and each account with the action its status calls for. */
export function ToolkitCard({ toolkit, returnTo }: { toolkit: ToolkitView; returnTo: string }) {
  const hasConnected = toolkit.accounts.some((account) => account.status === 'connected');
  return (
    <article
      aria-labelledby={`toolkit-${toolkit.slug}`}
      className="grid gap-4 rounded-lg border bg-card p-4 text-card-foreground"
    >
      <div className="flex flex-wrap items-start gap-3">
        <ToolkitLogo src={toolkit.logo} />
        <div className="min-w-0 flex-1 basis-48">
          <h2 id={`toolkit-${toolkit.slug}`} className="font-medium leading-tight">
            {toolkit.name}
          </h2>
          <p className="mt-0.5 line-clamp-2 text-sm text-muted-foreground">{toolkit.description}</p>
        </div>
        <ConnectionStatusBadge status={toolkit.status} />
      </div>

      {toolkit.accounts.length > 0 ? (
        <ul className="grid gap-2" aria-label={`${toolkit.name} accounts`}>
          {toolkit.accounts.map((account, index) => (
            <AccountRow
              key={account.id}
              toolkit={toolkit}
              account={account}
              // With several accounts, each button names its account so every accessible name stays unique.
              suffix={
                toolkit.accounts.length > 1 ? ` (${account.alias ?? account.label ?? `account ${index + 1}`})` : ''
              }
              returnTo={returnTo}
            />
          ))}
        </ul>
      ) : (
        <AccountActions toolkit={toolkit} name={toolkit.name} returnTo={returnTo} className="w-full sm:w-auto" />
      )}

      {hasConnected ? (
        <details className="group text-sm">
          <summary className="w-fit cursor-pointer rounded-sm font-medium text-primary underline-offset-4 hover:underline">
            Add another account
          </summary>
          <ActionButton
            action={connectToolkit}
            fields={{ toolkit: toolkit.slug, returnTo }}
            pendingLabel="Connecting…"
            variant="secondary"
            formClassName="mt-3 flex flex-wrap items-end gap-2"
            before={
              <div className="grid gap-1.5">
                <Label htmlFor={`alias-${toolkit.slug}`}>Account name</Label>
                <Input id={`alias-${toolkit.slug}`} name="alias" placeholder="e.g. work" maxLength={40} required />
              </div>
            }
          >
            Connect another {toolkit.name} account
          </ActionButton>
        </details>
      ) : null}
    </article>
  );
}

function AccountRow({
  toolkit,
  account,
  suffix,
  returnTo,
}: {
  toolkit: ToolkitView;
  account: AccountView;
  suffix: string;
  returnTo: string;
}) {
  const name = `${toolkit.name}${suffix}`;
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md bg-muted/50 px-3 py-2 text-sm">
      <div className="min-w-0 flex-1 basis-56">
        <AccountDescription account={account} />
      </div>
      {toolkit.accounts.length > 1 ? <ConnectionStatusBadge status={account.status} /> : null}
      <div className="flex flex-wrap items-center gap-2">
        <AccountActions toolkit={toolkit} account={account} name={name} returnTo={returnTo} size="sm" />
      </div>
    </li>
  );
}

function AccountDescription({ account }: { account: AccountView }) {
  const since = <time dateTime={account.since}>{dateFormat.format(new Date(account.since))}</time>;
  switch (account.status) {
    case 'connected':
      return (
        <p>
          {account.label ? (
            <>
              Connected as <span className="font-medium break-all">{account.label}</span>
            </>
          ) : (
            'Connected'
          )}{' '}
          <span className="text-muted-foreground">· since {since}</span>
        </p>
      );
    case 'pending':
      return <p>Waiting for you to finish connecting. The link is valid for 10 minutes.</p>;
    case 'expired':
      return <p>Access expired{account.label ? ` for ${account.label}` : ''}. Reconnect to keep using it.</p>;
    case 'failed':
      return <p>The connection failed{account.label ? ` for ${account.label}` : ''}. Reconnect to try again.</p>;
    case 'disabled':
      return <p>Paused{account.label ? `: ${account.label}` : ''}. Enable it to give the app access again.</p>;
    default:
      return null;
  }
}
