'use client';

import {
  useActionState,
  useEffect,
  useRef,
  useState,
  type ComponentProps,
  type FormEvent,
  type ReactNode,
} from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/auth/user-action';

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

type ButtonProps = Omit<ComponentProps<typeof Button>, 'type' | 'children' | 'onSubmit'>;

type ActionFormProps = ButtonProps & {
  /** The form's action: what `useActionState` returned. */
  action: (formData: FormData) => void;
  /** True while the submission runs: the button shows `pendingLabel` and takes no clicks. */
  pending: boolean;
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
  formClassName?: string;
  /** Runs for the one submission the double-click guard lets through; it may take the submission over (preventDefault). */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
};

/**
 * A form with one submit button: the hidden fields, any extra controls, the
 * button's pending state, and one submission however fast the clicks. What the
 * submission does is the caller's: ActionButton below, and ConnectButton, whose
 * form posts to its server action itself (so it works without JavaScript).
 */
export function ActionForm({
  action,
  pending,
  fields,
  children,
  accessibleName,
  pendingLabel,
  before,
  formClassName,
  onSubmit,
  disabled,
  ...buttonProps
}: ActionFormProps) {
  const submitted = useRef(false);
  // The guard holds from the submit event until a render after the submission has run: the submit event itself
  // renders the button pending, so the first render that is not pending is the one with the submission's result.
  useEffect(() => {
    if (!pending) submitted.current = false;
  });
  return (
    <form
      action={action}
      className={formClassName}
      onSubmit={(event) => {
        // A double click must start one flow, not two: the second submit lands before React re-renders.
        if (submitted.current) return event.preventDefault();
        submitted.current = true;
        onSubmit?.(event);
      }}
    >
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
    </form>
  );
}

type ActionButtonProps = Omit<ActionFormProps, 'action' | 'pending' | 'onSubmit'> & {
  action: FormAction;
  onSuccess?: () => void;
};

/** A one-button form that runs a server action: pending state while it runs, and the result as a toast. */
export function ActionButton({ action, onSuccess, ...formProps }: ActionButtonProps) {
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
      setSubmitting(false);
    }
  }, null);
  return (
    <ActionForm
      {...formProps}
      action={formAction}
      pending={actionPending || submitting}
      onSubmit={() => setSubmitting(true)}
    />
  );
}
