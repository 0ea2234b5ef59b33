'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { signOutAction } from '@/app/(auth)/actions';
import { signOutDevice, signOutOtherDevices } from '@/lib/sessions/session-store';
import { userAction } from '@/lib/auth/user-action';

export const signOutOtherDevice = userAction(
  z.object({ sessionId: z.uuid({ error: 'Unknown device' }) }),
  async ({ sessionId }, user) => {
    await signOutDevice(sessionId, user.id);
    revalidatePath('/settings/profile');
    return { ok: true, message: 'That device is signed out.' };
  },
);

export const signOutAllDevices = userAction(z.object({}), async (_input, user) => {
  await signOutOtherDevices(user.id, user.sessionId);
  // Then this device, as any sign-out: its session is revoked and its cookie cleared, and it goes to sign-in.
  await signOutAction();
  return null;
});
