'use client';

import { signOutAllDevices } from '@/app/settings/profile/actions';
import { ActionButton } from '@/components/integrations/action-button';
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

/**
 * **Sign out of all devices**, after a confirmation: it ends every session of the user, this one included, and
 * a stray click must not do that.
 */
export function SignOutEverywhere({ devices }: { devices: number }) {
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="destructive" className="justify-self-start">
          Sign out of all devices
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Sign out of all devices?</AlertDialogTitle>
          <AlertDialogDescription>
            {devices === 1 ? 'This device' : `All ${devices} devices, this one included,`} will be signed out. You will
            need to sign in again on each of them.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <ActionButton
            action={signOutAllDevices}
            fields={{}}
            variant="destructive"
            pendingLabel="Signing out everywhere…"
          >
            Sign out of all devices
          </ActionButton>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
