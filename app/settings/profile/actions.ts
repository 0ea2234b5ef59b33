'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { signOutAction } from '@/app/(auth)/actions';
import { signOutDevice, signOutEverywhere } from '@/lib/session-store';
import { userAction } from '@/lib/user-action';

export const signOutOtherDevice = userAction(
  z.object({ sessionId: z.uuid({ error: 'Unknown device' }) }),
  async ({ sessionId }, user) => {
    await signOutDevice(sessionId, user.id);
    revalidatePath('/settings/profile');
    return { ok: true, message: 'That device is signed out.' };
  },
);

export const signOutAllDevices = userAction(z.object({}), async (_input, user) => {
  await signOutEverywhere(user.id);
  // This device's session is revoked with the rest; end its cookie too and go to sign-in.
  await signOutAction();
  return null;
});
