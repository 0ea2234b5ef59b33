'use client';

import { useActionState } from 'react';
import { connectToolkit, testAccountConnection } from '@/app/settings/integrations/actions';
import { Button } from '@/components/ui/button';
import type { ConnectionTestView } from '@/lib/composio/connection-test-flow';
import { ActionButton } from './action-button';

type TestConnectionProps = {
  toolkit: string;
  account: { id: string; alias: string | null; connectionTest: ConnectionTestView };
  toolkitName: string;
  /** How the row names the account: the toolkit, plus which account when there are several ("Gmail (work)"). */
  name: string;
  /** Where a Reconnect comes back to. */
  returnTo: string;
};

/**
 * **Test** for a connected account, and what the test found, inline: working
 * and as whom, or Composio's reason it is not. A failure the server stored
 * comes back as `connectionTest.failure` (the row then offers Reconnect
 * itself); one it could not store gets its own Reconnect here.
 */
export function TestConnection({ toolkit, account, toolkitName, name, returnTo }: TestConnectionProps) {
  // "Test Gmail connection (work)": the account goes last, as in the row's other buttons' names.
  const label = `Test ${toolkitName} connection${name.slice(toolkitName.length)}`;
  const [result, formAction, pending] = useActionState(testAccountConnection, null);
  const stored = account.connectionTest.failure;

  let message: string | null = null;
  let broken = false;
  const outcome = result?.ok && 'outcome' in result ? result.outcome : null;
  if (outcome) {
    broken = !outcome.working;
    if (outcome.working) {
      message = outcome.identity ? `${name} is working — signed in as ${outcome.identity}` : `${name} is working.`;
    } else {
      message = `${name} is not working: ${outcome.reason}`;
    }
  } else if (result?.ok === false) {
    message = `${name} could not be tested: ${result.error}`;
  } else if (stored) {
    message = `${name} is not working: ${stored}`;
    broken = true;
  }

  return (
    <div className="contents">
      <form action={formAction}>
        <input type="hidden" name="accountId" value={account.id} />
        <input type="hidden" name="toolkit" value={toolkit} />
        <input type="hidden" name="proof" value={account.connectionTest.proof} />
        <Button
          type="submit"
          size="sm"
          variant="outline"
          disabled={pending}
          aria-busy={pending || undefined}
          aria-label={label}
        >
          {pending ? 'Testing…' : 'Test'}
        </Button>
      </form>
      {/* Always in the tree, so screen readers announce the result when it arrives; out of the layout while empty. */}
      <div role="status" className={message ? 'order-last flex basis-full flex-wrap items-center gap-2' : 'sr-only'}>
        {message ? (
          <p className={broken ? 'text-destructive' : outcome ? 'text-success' : undefined}>{message}</p>
        ) : null}
        {broken && !stored && result ? (
          <ActionButton
            action={connectToolkit}
            fields={{ toolkit, returnTo, replaces: account.id, alias: account.alias ?? undefined }}
            pendingLabel="Reconnecting…"
            size="sm"
          >
            Reconnect {name}
          </ActionButton>
        ) : null}
      </div>
    </div>
  );
}
