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
  toolkitName,
  accountName,
  triggerLabel,
}: {
  accountId: string;
  toolkitName: string;
  accountName: string | null;
  triggerLabel: string;
}) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm">
          {triggerLabel}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Disconnect {toolkitName}?</AlertDialogTitle>
          <AlertDialogDescription>
            {accountName ? `${accountName} will be disconnected. ` : ''}The app will lose access to {toolkitName} until
            you connect it again.
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
