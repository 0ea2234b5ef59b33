'use client';

import { useActionState, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/user-action';

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

type ActionButtonProps = Omit<ComponentProps<typeof Button>, 'type' | 'children'> & {
  action: FormAction;
  /** Hidden form fields sent to the action. */
  fields: Record<string, string | undefined>;
  children: ReactNode;
  /**
   * The button's accessible name when its visible text is shorter (e.g. "Disconnect" for
   * "Disconnect Gmail (work)"); it must contain the visible text. Dropped while pending, so the pending label is read.
   */
  accessibleName?: string;
  pendingLabel: ReactNode;
  /** Extra visible form controls, e.g. an account-name input. */
  before?: ReactNode;
  onSuccess?: () => void;
  formClassName?: string;
};

/**
 * A form with one submit button that runs a server action: pending state while
 * it runs, one submission however fast the clicks, and the result as a toast.
 */
export function ActionButton({
  action,
  fields,
  children,
  accessibleName,
  pendingLabel,
  before,
  onSuccess,
  formClassName,
  disabled,
  ...buttonProps
}: ActionButtonProps) {
  const submitted = useRef(false);
  // Set in the submit event itself, so the pending label is in the very next frame: the action's own pending state
  // arrives with a transition, which may render a few frames later on a busy main thread.
  const [submitting, setSubmitting] = useState(false);
  const [, formAction, actionPending] = useActionState(async (previous: ActionResult, formData: FormData) => {
    try {
      const result = await action(previous, formData);
      // Toast here, not in an effect: a successful action can remove this very button (e.g. Disconnect).
      if (result?.ok) {
        toast.success(result.message);
        onSuccess?.();
      } else if (result) {
        toast.error(result.error);
      }
      return result;
    } finally {
      submitted.current = false;
      setSubmitting(false);
    }
  }, null);
  const pending = actionPending || submitting;

  return (
    <form
      action={formAction}
      className={formClassName}
      onSubmit={(event) => {
        // A double click must start one flow, not two: the second submit lands before React re-renders.
        if (submitted.current) return event.preventDefault();
        submitted.current = true;
        setSubmitting(true);
      }}
    >
      <FormContents
        fields={fields}
        before={before}
        pending={pending}
        pendingLabel={pendingLabel}
        accessibleName={accessibleName}
        disabled={disabled}
        {...buttonProps}
      >
        {children}
      </FormContents>
    </form>
  );
}

/**
 * The inside of a one-button action form: the hidden fields, any extra
 * controls, and the submit button with its pending state. Shared with ConnectButton.
 */
export function FormContents({
  fields,
  before,
  pending,
  pendingLabel,
  accessibleName,
  children,
  disabled,
  ...buttonProps
}: Omit<ComponentProps<typeof Button>, 'type' | 'children'> &
  Pick<ActionButtonProps, 'fields' | 'before' | 'pendingLabel' | 'accessibleName' | 'children'> & {
    pending: boolean;
  }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      {before}
      <Button
        type="submit"
        disabled={disabled || pending}
        aria-busy={pending || undefined}
        aria-label={pending ? undefined : accessibleName}
        {...buttonProps}
      >
        {pending ? pendingLabel : children}
      </Button>
    </>
  );
}
