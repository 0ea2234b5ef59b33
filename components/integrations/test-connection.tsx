'use client';

import { useActionState, useSyncExternalStore } from 'react';
import { connectToolkit, testAccountConnection, type ConnectionTestResult } from '@/app/settings/integrations/actions';
import { Button } from '@/components/ui/button';
import type { ConnectionTestView } from '@/lib/connection-test/flow';
import { ActionButton } from './action-button';

type TestResult = Awaited<ReturnType<typeof testAccountConnection>>;

/**
 * The last result of each account's test in this page's life. Outside the
 * component because a test that changes the account's status refreshes the
 * page, which moves the row to another group and so mounts it anew.
 */
const lastResults = new Map<string, TestResult>();
const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

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
  const [, formAction, pending] = useActionState(async (previous: TestResult | null, formData: FormData) => {
    const tested = await testAccountConnection(previous, formData);
    lastResults.set(account.id, tested);
    for (const listener of listeners) listener();
    return tested;
  }, null);
  const result = useSyncExternalStore(
    subscribe,
    () => lastResults.get(account.id) ?? null,
    () => null,
  );
  const stored = account.connectionTest.failure;

  let message: string | null = null;
  let broken = false;
  const outcome = result?.ok && 'outcome' in result ? (result as ConnectionTestResult).outcome : null;
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
