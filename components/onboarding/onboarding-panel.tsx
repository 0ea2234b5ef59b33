import { IntegrationsError } from '@/components/integrations/integrations-error';
import { loadIntegrations } from '@/lib/composio/integrations';
import { onboardingProgress } from '@/lib/onboarding/onboarding';
import { readSkippedSteps } from '@/lib/onboarding/skips';
import { OnboardingStepper } from './onboarding-stepper';

/** The part of onboarding that waits on Composio; streamed behind a skeleton. */
export async function OnboardingPanel() {
  const [integrations, skipped] = await Promise.all([loadIntegrations(), readSkippedSteps()]);
  if (!integrations.ok) return <IntegrationsError message={integrations.error} />;
  return <OnboardingStepper progress={onboardingProgress(integrations.toolkits, skipped)} />;
}
