import type { ToolkitView } from '@/lib/composio/integrations';
import type { ConnectionStatus } from '@/lib/composio/status';
import { onboardingToolkits, type ToolkitConfig } from '@/lib/toolkits';

export type OnboardingStep = { toolkit: ToolkitView; required: boolean; skipped: boolean; done: boolean };

export type OnboardingProgress = {
  steps: OnboardingStep[];
  connected: number;
  /** The first step still waiting for the person, if any. */
  currentSlug: string | null;
  /** Every required toolkit is connected. */
  canContinue: boolean;
  /** Required toolkits that were connected once and now need attention (expired, failed, disabled). */
  needsAttention: ToolkitView[];
};

/** Statuses that mean "never finished connecting": onboarding, not a reconnect banner. */
const neverConnected: ConnectionStatus[] = ['not_connected', 'pending'];

/**
 * Where a person stands in onboarding, from the integrations data and the optional steps they skipped. `stepsConfig`
 * is lib/toolkits.ts's (its tests pass their own).
 */
export function onboardingProgress(
  toolkits: ToolkitView[],
  skipped: readonly string[],
  stepsConfig: readonly ToolkitConfig[] = onboardingToolkits,
): OnboardingProgress {
  const steps = stepsConfig.flatMap((config) => {
    const toolkit = toolkits.find((candidate) => candidate.slug === config.slug);
    if (!toolkit) return [];
    const required = config.required === true;
    const done = toolkit.status === 'connected';
    return [{ toolkit, required, skipped: !required && !done && skipped.includes(config.slug), done }];
  });
  const required = steps.filter((step) => step.required);
  return {
    steps,
    connected: steps.filter((step) => step.done).length,
    currentSlug: steps.find((step) => !step.done && !step.skipped)?.toolkit.slug ?? null,
    canContinue: required.every((step) => step.done),
    needsAttention: required
      .filter((step) => !step.done && !neverConnected.includes(step.toolkit.status))
      .map((step) => step.toolkit),
  };
}

/** True when a required toolkit was never connected: the person belongs in onboarding. */
export function needsOnboarding(progress: OnboardingProgress): boolean {
  return progress.steps.some((step) => step.required && neverConnected.includes(step.toolkit.status));
}
