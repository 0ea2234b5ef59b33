import type { ReactNode } from 'react';

/** The heading block every page opens with: its one h1 and a line on what the page is for. */
export function PageHeader({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="text-sm text-muted-foreground">{children}</p>
    </div>
  );
}
