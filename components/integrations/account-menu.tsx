'use client';

import { MoreHorizontal } from 'lucide-react';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { setEnabled } from '@/app/settings/integrations/actions';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';

/** Less common actions on an active account: disable it without deleting it (Enable brings it back). */
export function AccountMenu({
  accountId,
  label,
  accountLabel,
}: {
  accountId: string;
  label: string;
  /** How the account is listed ("work · ada@work.example"): the menu says which account it acts on. */
  accountLabel: string | null;
}) {
  const [pending, startTransition] = useTransition();
  const disable = () =>
    startTransition(async () => {
      const form = new FormData();
      form.set('accountId', accountId);
      form.set('enabled', 'false');
      const result = await setEnabled(null, form);
      if (result?.ok) toast.success(result.message);
      else if (result) toast.error(result.error);
    });
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`More actions for ${label}`} disabled={pending}>
          <MoreHorizontal aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {accountLabel ? (
          <DropdownMenuLabel className="max-w-64 truncate font-normal text-muted-foreground">
            {accountLabel}
          </DropdownMenuLabel>
        ) : null}
        <DropdownMenuItem onSelect={disable}>Disable</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
