'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState, type ComponentProps } from 'react';
import { toast } from 'sonner';
import { connectToolkit } from '@/app/settings/integrations/actions';
import { ActionForm } from './action-button';
import { openConnectPopup, popupWindowName, startWaiting } from './connect-popup';

type ConnectButtonProps = Omit<ComponentProps<typeof ActionForm>, 'action' | 'pending' | 'onSubmit' | 'fields'> & {
  /** Hidden form fields for connectToolkit: toolkit, returnTo, and replaces/alias for a reconnect. */
  fields: { toolkit: string; returnTo: string; replaces?: string; alias?: string };
};

/**
 * Connect, Reconnect and "Connect another account". On a wide screen with a
 * mouse, the click opens a popup at once (so blockers allow it), the server
 * action starts the Connect Link, and the popup is pointed at it; the page
 * then waits in place (connect-popup.ts). Anywhere else (popup blocked, a
 * phone, JavaScript off: the form posts to the server action itself) it is
 * the full-page redirect it always was.
 */
export function ConnectButton({ fields, ...formProps }: ConnectButtonProps) {
  const router = useRouter();
  const [state, redirectAction, redirecting] = useActionState(connectToolkit, null);
  const [opening, setOpening] = useState(false);

  useEffect(() => {
    if (state && !state.ok) toast.error(state.error);
  }, [state]);

  async function connectInPopup(formData: FormData, popup: Window) {
    setOpening(true);
    formData.set('popup', '1');
    try {
      const result = await connectToolkit(null, formData);
      if (result && 'connectUrl' in result) {
        // The action saved the attempt's cookie, so Next re-renders the page with it: the toolkit reads Pending
        // and ResumeConnection says it is waiting. No refresh of our own (it would list the accounts twice).
        popup.location.replace(result.connectUrl);
        startWaiting(
          {
            accountId: result.accountId,
            toolkit: fields.toolkit,
            connectUrl: result.connectUrl,
            windowName: popupWindowName(fields.toolkit),
            popup,
          },
          () => router.refresh(),
        );
      } else {
        popup.close();
        if (result && !result.ok) toast.error(result.error);
      }
    } catch {
      popup.close();
      toast.error('Something went wrong while starting the connection. Please try again.');
    } finally {
      setOpening(false);
    }
  }

  return (
    <ActionForm
      {...formProps}
      fields={fields}
      action={redirectAction}
      pending={redirecting || opening}
      onSubmit={(event) => {
        const popup = openConnectPopup(popupWindowName(fields.toolkit));
        // No popup: the form's own action runs, and the server action redirects this page to the Connect Link.
        if (!popup) return;
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        void connectInPopup(new FormData(event.currentTarget, submitter), popup);
      }}
    />
  );
}
