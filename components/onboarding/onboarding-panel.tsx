import { IntegrationsError } from '@/components/integrations/integrations-error';
import { ComposioCallError } from '@/lib/composio/call';
import { getIntegrations, type ToolkitView } from '@/lib/composio/connections';
import { onboardingProgress } from '@/lib/onboarding';
import { readSkippedSteps } from '@/lib/onboarding-skips';
import { OnboardingStepper } from './onboarding-stepper';

/** The part of onboarding that waits on Composio; streamed behind a skeleton. */
export async function OnboardingPanel({ userId }: { userId: string }) {
  let toolkits: ToolkitView[];
  try {
    toolkits = await getIntegrations(userId);
  } catch (error) {
    if (error instanceof ComposioCallError) return <IntegrationsError message={error.message} />;
    throw error;
  }
  return <OnboardingStepper progress={onboardingProgress(toolkits, await readSkippedSteps())} />;
}
