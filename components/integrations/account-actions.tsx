import type { ComponentProps } from 'react';
import { setEnabled } from '@/app/settings/integrations/actions';
import { Button } from '@/components/ui/button';
import type { AccountView, ToolkitView } from '@/lib/composio/integrations';
import { connectionStatusPresentation, summaryAccount, type AccountAction } from '@/lib/composio/status';
import { AccountMenu } from './account-menu';
import { ActionButton } from './action-button';
import { ConnectButton } from './connect-button';
import { DisconnectDialog } from './disconnect-dialog';
import { CancelConnection, ResumeConnection } from './pending-connection';

type AccountActionsProps = {
  /**
   * With `required` and its `accounts`, Disconnect can say when it would send the person back to onboarding.
   * `offered: false`: a toolkit lib/toolkits.ts no longer lists, whose accounts can be kept or removed, not connected.
   */
  toolkit: { slug: string; name: string; required?: boolean; accounts?: readonly AccountView[]; offered?: boolean };
  /** The account acted on; none for a toolkit that is not connected. */
  account?: AccountView;
  /** How buttons name the account: the toolkit, plus which account when there are several. */
  name: string;
  /** Where the browser comes back to after a Connect Link. */
  returnTo: string;
  size?: ComponentProps<typeof Button>['size'];
  /** The look of the action the status calls for; the others keep theirs. */
  variant?: ComponentProps<typeof Button>['variant'];
  className?: string;
  /**
   * Show only the verb ("Disconnect") where the row already says which account it is; the accessible
   * name stays whole ("Disconnect Gmail (work)"), so every button is still told apart by name.
   */
  verbOnly?: boolean;
};

/**
 * The buttons for an account, as `connectionStatusPresentation` in
 * lib/composio/status.ts lists them for its status: every surface that offers
 * Connect, Resume, Reconnect, Enable… renders them through here.
 */
export function AccountActions({ account, ...props }: AccountActionsProps) {
  const { actions } = connectionStatusPresentation[account?.status ?? 'not_connected'];
  const allowed =
    props.toolkit.offered === false ? actions.filter((action) => !startsConnection.includes(action)) : actions;
  return allowed.map((action, index) => (
    <Action key={action} action={action} account={account} primary={index === 0} {...props} />
  ));
}

/** Actions that open a Connect Link: the server refuses them for a toolkit it does not offer. */
const startsConnection: readonly AccountAction[] = ['connect', 'reconnect'];

/**
 * Only the action a toolkit's status calls for, on the account that status
 * comes from: what the onboarding step and the reconnect banner offer.
 */
export function ToolkitNextAction({
  toolkit,
  ...props
}: { toolkit: ToolkitView } & Pick<AccountActionsProps, 'returnTo' | 'size' | 'variant'>) {
  const account = summaryAccount(toolkit);
  const [action] = connectionStatusPresentation[account?.status ?? 'not_connected'].actions;
  return <Action action={action} toolkit={toolkit} account={account} name={toolkit.name} primary {...props} />;
}

function Action({
  action,
  toolkit,
  account,
  name,
  returnTo,
  primary,
  size,
  variant = 'default',
  className,
  verbOnly = false,
}: AccountActionsProps & { action: AccountAction; primary: boolean }) {
  const look = primary ? { size, variant, className } : { size };
  /** The visible label and the accessible name, which starts with it (WCAG 2.5.3, label in name). */
  const label = (verb: string, full: string) =>
    verbOnly ? { children: verb, accessibleName: full } : { children: full, accessibleName: undefined };
  if (action === 'connect') {
    return (
      <ConnectButton
        fields={{ toolkit: toolkit.slug, returnTo }}
        pendingLabel={verbOnly ? 'Connecting…' : `Connecting ${toolkit.name}…`}
        {...label('Connect', `Connect ${name}`)}
        {...look}
      />
    );
  }
  // Every other action is about an existing account.
  if (!account) return null;
  switch (action) {
    case 'resume':
      return account.resumeUrl ? (
        <ResumeConnection
          accountId={account.id}
          resumeUrl={account.resumeUrl}
          {...label('Resume', `Resume ${name}`)}
          {...look}
        />
      ) : null;
    case 'cancel':
      return <CancelConnection accountId={account.id} size={size} {...label('Cancel', `Cancel ${name} connection`)} />;
    case 'reconnect':
      return (
        <ConnectButton
          fields={{ toolkit: toolkit.slug, returnTo, replaces: account.id, alias: account.alias ?? undefined }}
          pendingLabel="Reconnecting…"
          {...label('Reconnect', `Reconnect ${name}`)}
          {...look}
        />
      );
    case 'enable':
      return (
        <ActionButton
          action={setEnabled}
          fields={{ accountId: account.id, enabled: 'true' }}
          pendingLabel="Enabling…"
          {...label('Enable', `Enable ${name}`)}
          {...look}
        />
      );
    case 'disconnect':
      return (
        <DisconnectDialog
          accountId={account.id}
          toolkit={toolkit.slug}
          name={name}
          accountLabel={account.label}
          losesRequired={losesRequiredToolkit(toolkit, account)}
          {...label('Disconnect', `Disconnect ${name}`)}
        />
      );
    case 'disable':
      return <AccountMenu accountId={account.id} label={name} accountLabel={account.label} />;
  }
}

/**
 * Whether disconnecting `account` leaves a required toolkit with no working account: the app then sends the
 * person back to onboarding (app/page.tsx), and the dialog says so before it happens.
 */
function losesRequiredToolkit(toolkit: AccountActionsProps['toolkit'], account: AccountView): boolean {
  if (!toolkit.required) return false;
  return !(toolkit.accounts ?? []).some((other) => other.id !== account.id && other.status === 'connected');
}
