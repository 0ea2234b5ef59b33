import 'server-only';
import type { z } from 'zod';
import { getSignedInUser, type CurrentUser } from '@/lib/auth/current-user';
import { UserFacingError } from '@/lib/errors';
import { formFields } from '@/lib/form-fields';

/** What every form action returns; `useActionState` renders it. */
export type ActionResult = { ok: true; message: string } | { ok: false; error: string } | null;

/**
 * Wraps a server action: authenticate from the server session (never from the
 * form), validate the form with `schema`, then run. Server actions are public
 * HTTP endpoints, so this runs on every call whatever page rendered the form.
 * A UserFacingError (a Composio failure, an ownership refusal…) comes back as
 * its message; anything else (including Next's redirects) propagates.
 */
export function userAction<Schema extends z.ZodType, Result extends ActionResult = ActionResult>(
  schema: Schema,
  action: (input: z.output<Schema>, user: CurrentUser) => Promise<Result>,
) {
  return async (_previous: ActionResult, formData: FormData): Promise<Result | ActionResult> => {
    let user: CurrentUser;
    try {
      // Signed out, or a session the database cannot confirm right now: refused, before anything is read.
      user = await getSignedInUser();
    } catch (error) {
      if (error instanceof UserFacingError) return { ok: false, error: error.message };
      throw error;
    }

    const form = formFields(formData);
    if (!form.ok) return { ok: false, error: form.error };
    const input = schema.safeParse(form.fields);
    if (!input.success)
      return { ok: false, error: `${input.error.issues[0]?.message ?? 'Invalid input'}. Nothing was changed.` };

    try {
      return await action(input.data, user);
    } catch (error) {
      if (error instanceof UserFacingError) return { ok: false, error: error.message };
      throw error;
    }
  };
}
