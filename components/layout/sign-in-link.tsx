'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Button } from '@/components/ui/button';

/** The header's Sign in, except on the sign-in page, whose form already has one. */
export function SignInLink() {
  if (usePathname() === '/sign-in') return null;
  return (
    <Button asChild size="sm">
      <Link href="/sign-in">Sign in</Link>
    </Button>
  );
}
