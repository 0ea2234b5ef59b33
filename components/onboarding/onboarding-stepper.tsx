import { finishOnboarding, skipOnboardingStep } from '@/app/onboarding/actions';
import { ToolkitNextAction } from '@/components/integrations/account-actions';
import { ActionButton } from '@/components/integrations/action-button';
import { ConnectionStatusBadge } from '@/components/integrations/connection-status-badge';
import { ToolkitLogo } from '@/components/integrations/toolkit-logo';
import { Badge } from '@/components/ui/badge';
import { summaryAccount } from '@/lib/composio/status';
import type { OnboardingProgress, OnboardingStep } from '@/lib/onboarding/onboarding';
import { cn } from '@/lib/utils';

const RETURN_TO = '/onboarding';

export function OnboardingStepper({ progress }: { progress: OnboardingProgress }) {
  const total = progress.steps.length;
  const missing = progress.steps.filter((step) => step.required && !step.done).map((step) => step.toolkit.name);
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <p className="text-sm font-medium" id="onboarding-progress">
          {progress.connected} of {total} connected
        </p>
        <div
          role="progressbar"
          aria-labelledby="onboarding-progress"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={progress.connected}
          className="h-2 overflow-hidden rounded-full bg-muted"
        >
          <div
            className="h-full bg-primary transition-all"
            style={{ width: `${(progress.connected / total) * 100}%` }}
          />
        </div>
      </div>

      <ol className="grid gap-3" aria-label="Onboarding steps">
        {progress.steps.map((step, index) => (
          <Step
            key={step.toolkit.slug}
            step={step}
            number={index + 1}
            total={total}
            current={step.toolkit.slug === progress.currentSlug}
          />
        ))}
      </ol>

      <div className="flex flex-wrap items-center gap-3">
        <ActionButton action={finishOnboarding} fields={{}} pendingLabel="Continuing…" disabled={!progress.canContinue}>
          Continue
        </ActionButton>
        {missing.length > 0 ? (
          <p className="text-sm text-muted-foreground">Connect {missing.join(' and ')} to continue.</p>
        ) : null}
      </div>
    </div>
  );
}

function Step({
  step,
  number,
  total,
  current,
}: {
  step: OnboardingStep;
  number: number;
  total: number;
  current: boolean;
}) {
  const { toolkit } = step;
  const account = summaryAccount(toolkit);
  return (
    <li
      id={`step-${toolkit.slug}`}
      aria-current={current ? 'step' : undefined}
      aria-labelledby={`step-${toolkit.slug}-name`}
      className={cn('grid gap-3 rounded-lg border bg-card p-4', current && 'border-ring ring-2 ring-ring/30')}
    >
      <div className="flex flex-wrap items-start gap-3">
        <ToolkitLogo src={toolkit.logo} name={toolkit.name} />
        <div className="min-w-0 flex-1 basis-48">
          <p className="text-xs text-muted-foreground">
            Step {number} of {total} · {step.required ? 'Required' : 'Optional'}
          </p>
          <h2 id={`step-${toolkit.slug}-name`} className="font-medium">
            {toolkit.name}
          </h2>
          <p className="text-sm text-muted-foreground">{toolkit.reason}</p>
        </div>
        {step.skipped ? <Badge variant="muted">Skipped</Badge> : <ConnectionStatusBadge status={toolkit.status} />}
      </div>
      {step.done ? (
        <p className="text-sm">
          {account?.label ? (
            <>
              Connected as <span className="font-medium break-all">{account.label}</span>
            </>
          ) : (
            'Connected'
          )}
        </p>
      ) : (
        <div className="flex flex-wrap gap-2">
          <ToolkitNextAction toolkit={toolkit} returnTo={RETURN_TO} variant={current ? 'default' : 'outline'} />
          {!step.required && !step.skipped ? (
            <ActionButton
              action={skipOnboardingStep}
              fields={{ toolkit: toolkit.slug }}
              pendingLabel="Skipping…"
              variant="ghost"
            >
              Skip {toolkit.name}
            </ActionButton>
          ) : null}
        </div>
      )}
    </li>
  );
}
