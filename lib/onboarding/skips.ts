import 'server-only';
import { cookies } from 'next/headers';
import { onboardingToolkits } from '@/lib/toolkits';

/** Optional onboarding steps this browser chose to skip: a preference, so a plain cookie is enough. */
const SKIPPED_COOKIE = 'onboarding_skipped';

const optionalSlugs = onboardingToolkits.filter((toolkit) => !toolkit.required).map((toolkit) => toolkit.slug);

export function isSkippable(slug: string): boolean {
  return optionalSlugs.includes(slug);
}

export async function readSkippedSteps(): Promise<string[]> {
  const value = (await cookies()).get(SKIPPED_COOKIE)?.value ?? '';
  return value.split(',').filter(isSkippable);
}

export async function skipStep(slug: string): Promise<void> {
  const skipped = new Set([...(await readSkippedSteps()), slug]);
  (await cookies()).set(SKIPPED_COOKIE, [...skipped].join(','), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
  });
}
