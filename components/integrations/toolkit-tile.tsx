import type { ToolkitView } from '@/lib/composio/integrations';
import { AccountActions } from './account-actions';
import { RequiredBadge } from './required-badge';
import { ToolkitLogo } from './toolkit-logo';
import { ToolkitPageLink } from './toolkit-page-link';

/** A toolkit the user has no account for yet: what it is, why the product wants it, and Connect. */
export function ToolkitTile({ toolkit, returnTo }: { toolkit: ToolkitView; returnTo: string }) {
  return (
    <article
      aria-labelledby={`toolkit-${toolkit.slug}`}
      className="flex h-full flex-col gap-3 rounded-lg border bg-card p-4 text-card-foreground"
    >
      <div className="flex items-center gap-3">
        <ToolkitLogo src={toolkit.logo} name={toolkit.name} />
        <div className="min-w-0">
          <h3 id={`toolkit-${toolkit.slug}`} className="truncate leading-tight font-medium">
            <ToolkitPageLink toolkit={toolkit} />
          </h3>
          <p className="text-xs text-muted-foreground">
            {toolkit.noAuth ? 'No connection needed' : 'Not connected'}
            {toolkit.category ? ` · ${toolkit.category.name}` : ''}
          </p>
        </div>
        {toolkit.required ? <RequiredBadge className="ml-auto" /> : null}
      </div>
      <p className="line-clamp-2 text-sm text-muted-foreground">{toolkit.reason}</p>
      {toolkit.noAuth ? null : (
        <div className="mt-auto">
          <AccountActions
            toolkit={toolkit}
            name={toolkit.name}
            returnTo={returnTo}
            size="sm"
            variant="outline"
            className="w-full"
            verbOnly
          />
        </div>
      )}
    </article>
  );
}
