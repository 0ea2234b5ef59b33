import { WithIntegrations } from '@/components/integrations/with-integrations';
import { onboardingProgress } from '@/lib/onboarding';
import { readSkippedSteps } from '@/lib/onboarding-skips';
import { OnboardingStepper } from './onboarding-stepper';

/** The part of onboarding that waits on Composio; streamed behind a skeleton. */
export function OnboardingPanel({ userId }: { userId: string }) {
  return (
    <WithIntegrations
      userId={userId}
      render={async (toolkits) => (
        <OnboardingStepper progress={onboardingProgress(toolkits, await readSkippedSteps())} />
      )}
    />
  );
}
