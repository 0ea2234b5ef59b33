'use client';

import { useCallback, useState } from 'react';
import { disconnect } from '@/app/settings/integrations/actions';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { ActionButton } from './action-button';
import { focusToolkitSoon } from './focus-toolkit';

export function DisconnectDialog({
  accountId,
  toolkit,
  name,
  accountLabel,
  losesRequired = false,
  children,
  accessibleName,
}: {
  accountId: string;
  /** The toolkit's slug: focus goes to it once the page has re-rendered without the account. */
  toolkit: string;
  /** The toolkit, plus which account when it has several: "Gmail (work)". */
  name: string;
  /** How the account is listed ("work · ada@work.example"), when Composio says. */
  accountLabel: string | null;
  /** The toolkit is required and this is its last working account: the person goes back to onboarding. */
  losesRequired?: boolean;
  /** The trigger's visible label and, when that is shorter, its accessible name. */
  children: string;
  accessibleName?: string;
}) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={accessibleName}>
          {children}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Disconnect {name}?</AlertDialogTitle>
          <AlertDialogDescription className="break-words">
            {accountLabel && !name.includes(accountLabel) ? `${accountLabel} will be disconnected. ` : ''}The app will
            lose access to {name} until you connect it again.
            {losesRequired
              ? ` ${name.replace(/ \(.*\)$/, '')} is required: without it, the app takes you back to onboarding to connect it before you can go on.`
              : ''}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <ActionButton
            action={disconnect}
            fields={{ accountId }}
            variant="destructive"
            pendingLabel="Disconnecting…"
            onSuccess={() => {
              close();
              focusToolkitSoon(toolkit);
            }}
          >
            Disconnect
          </ActionButton>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
