'use client';

import type { ComponentProps, ReactNode } from 'react';
import { cancelConnection } from '@/app/settings/integrations/actions';
import { Button } from '@/components/ui/button';
import { ActionButton } from './action-button';
import { reopenPopup, stopWaiting, useWaitingAttempt } from './connect-popup';

type PendingProps = {
  accountId: string;
  /** The visible label ("Resume", or "Resume Gmail (work)"). */
  children: ReactNode;
  /** The accessible name when the visible label is shorter; it contains the label. */
  accessibleName?: string;
  size?: ComponentProps<typeof Button>['size'];
  variant?: ComponentProps<typeof Button>['variant'];
  className?: string;
};

/**
 * Resume for a pending attempt: the link back to its Connect Link. While this
 * tab waits on the attempt's popup it says so, and Resume reopens the popup
 * (the person may have closed it) rather than leaving the page.
 */
export function ResumeConnection({
  accountId,
  resumeUrl,
  children,
  accessibleName,
  ...look
}: PendingProps & { resumeUrl: string }) {
  const waiting = useWaitingAttempt(accountId);
  return (
    <>
      {/* One live region for both messages, so the change from one to the other is announced. */}
      <p role="status" className={waiting ? 'basis-full text-sm text-muted-foreground' : 'sr-only'}>
        {waiting
          ? waiting.leftUnfinished
            ? 'Didn’t finish? Resume or cancel.'
            : 'Waiting for you to finish in the other window…'
          : ''}
      </p>
      <Button asChild {...look}>
        <a
          href={resumeUrl}
          aria-label={accessibleName}
          onClick={(event) => {
            if (waiting && reopenPopup(accountId)) event.preventDefault();
          }}
        >
          {children}
        </a>
      </Button>
    </>
  );
}

/** Cancel for a pending attempt: deletes it at Composio, stops waiting on it and closes its popup if still ours. */
export function CancelConnection({ accountId, children, accessibleName, size }: PendingProps) {
  return (
    <ActionButton
      action={cancelConnection}
      fields={{ accountId }}
      size={size}
      variant="ghost"
      pendingLabel="Cancelling…"
      accessibleName={accessibleName}
      onSuccess={() => stopWaiting(accountId, { closePopup: true })}
    >
      {children}
    </ActionButton>
  );
}
