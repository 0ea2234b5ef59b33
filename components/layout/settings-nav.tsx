'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/utils';

const items = [
  { href: '/settings/profile', label: 'Profile' },
  { href: '/settings/integrations', label: 'Integrations' },
];
const setupItem = { href: '/settings/setup', label: 'Setup' };

export function SettingsNav({ showSetup }: { showSetup: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings">
      {/* Pulled left by the links' padding, so their text lines up with the header and the page. */}
      <ul className="-mx-3 flex gap-1 overflow-x-auto md:flex-col">
        {(showSetup ? [...items, setupItem] : items).map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground hover:bg-accent hover:text-accent-foreground',
                  current && 'bg-accent text-accent-foreground',
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
