import { IntegrationsError } from '@/components/integrations/integrations-error';
import { ComposioCallError } from '@/lib/composio/call';
import { getIntegrations } from '@/lib/composio/connections';
import { onboardingProgress } from '@/lib/onboarding';
import { readSkippedSteps } from '@/lib/onboarding-skips';
import { OnboardingStepper } from './onboarding-stepper';

export async function OnboardingPanel({ userId }: { userId: string }) {
  try {
    const [toolkits, skipped] = await Promise.all([getIntegrations(userId), readSkippedSteps()]);
    return <OnboardingStepper progress={onboardingProgress(toolkits, skipped)} />;
  } catch (error) {
    if (error instanceof ComposioCallError) return <IntegrationsError message={error.message} />;
    throw error;
  }
}
