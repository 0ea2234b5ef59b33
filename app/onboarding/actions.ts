'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import { redirect } from 'next/navigation';
import { toolkitName } from '@/lib/composio/catalog';
import { loadIntegrations } from '@/lib/composio/integrations';
import { onboardingProgress } from '@/lib/onboarding/onboarding';
import { isSkippable, skipStep } from '@/lib/onboarding/skips';
import { site } from '@/lib/site';
import { toolkitSlugSchema } from '@/lib/toolkits';
import { userAction } from '@/lib/auth/user-action';

export const skipOnboardingStep = userAction(z.object({ toolkit: toolkitSlugSchema }), async ({ toolkit }) => {
  if (!isSkippable(toolkit)) return { ok: false, error: 'That step is required and cannot be skipped.' };
  await skipStep(toolkit);
  refresh();
  return { ok: true, message: `Skipped ${await toolkitName(toolkit)}. You can connect it later in Settings.` };
});

/** Continue: checked on the server too, so a hand-made request cannot skip a required toolkit. */
export const finishOnboarding = userAction(z.object({}), async () => {
  const integrations = await loadIntegrations();
  if (!integrations.ok) return integrations;
  const progress = onboardingProgress(integrations.toolkits, []);
  if (!progress.canContinue) return { ok: false, error: 'Connect every required app before continuing.' };
  redirect(site.home);
});
