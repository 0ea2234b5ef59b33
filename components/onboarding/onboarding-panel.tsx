import { ConnectionsCheck } from '@/components/integrations/connections-check';
import { IntegrationsError } from '@/components/integrations/integrations-error';
import { loadIntegrations } from '@/lib/composio/integrations';
import { onboardingProgress } from '@/lib/onboarding/onboarding';
import { readSkippedSteps } from '@/lib/onboarding/skips';
import { OnboardingStepper } from './onboarding-stepper';

/** Onboarding's steps, from the connections table (checked against Composio once, in place) or from Composio the first time. */
export async function OnboardingPanel() {
  const [integrations, skipped] = await Promise.all([loadIntegrations(), readSkippedSteps()]);
  if (!integrations.ok) return <IntegrationsError message={integrations.error} />;
  const stepper = <OnboardingStepper progress={onboardingProgress(integrations.toolkits, skipped)} />;
  const { freshness } = integrations;
  return <ConnectionsCheck freshness={freshness}>{stepper}</ConnectionsCheck>;
}
