import { Badge } from '@/components/ui/badge';
import type { CheckState, SetupCheck } from '@/lib/setup/diagnostics';

const presentation: Record<CheckState, { label: string; variant: 'success' | 'warning' | 'destructive' }> = {
  ok: { label: 'OK', variant: 'success' },
  warning: { label: 'Needs attention', variant: 'warning' },
  error: { label: 'Missing', variant: 'destructive' },
};

/** One row per setup check: what it is, its state as text, and the variable that fixes a gap. */
export function SetupCheckList({ checks }: { checks: SetupCheck[] }) {
  return (
    <ul className="grid gap-3" aria-label="Setup checks">
      {checks.map((check) => (
        <li key={check.label} className="grid gap-1 rounded-lg border bg-card p-4 text-sm text-card-foreground">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-medium">{check.label}</h2>
            <Badge variant={presentation[check.state].variant}>{presentation[check.state].label}</Badge>
          </div>
          <p className="break-words text-muted-foreground">{check.detail}</p>
          {check.variable && check.state !== 'ok' ? (
            <p>
              Set <code className="rounded bg-muted px-1 py-0.5">{check.variable}</code> (see <code>.env.example</code>
              ).
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
