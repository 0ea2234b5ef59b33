import Link from 'next/link';
import { integrationPath } from './integration-path';

/**
 * A toolkit's name as the link to its page, wherever a card or tile names it. It is also where focus goes after
 * Connect or Disconnect (focus-toolkit.ts finds it by `data-focus-toolkit`).
 */
export function ToolkitPageLink({ toolkit }: { toolkit: { slug: string; name: string } }) {
  return (
    <Link
      href={integrationPath(toolkit.slug)}
      className="rounded-sm underline-offset-4 hover:underline"
      data-focus-toolkit={toolkit.slug}
    >
      {toolkit.name}
    </Link>
  );
}
