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

export function DisconnectDialog({
  accountId,
  name,
  accountLabel,
  children,
  accessibleName,
}: {
  accountId: string;
  /** The toolkit, plus which account when it has several: "Gmail (work)". */
  name: string;
  /** Who the account is connected as, when Composio says. */
  accountLabel: string | null;
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
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <ActionButton
            action={disconnect}
            fields={{ accountId }}
            variant="destructive"
            pendingLabel="Disconnecting…"
            onSuccess={close}
          >
            Disconnect
          </ActionButton>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
