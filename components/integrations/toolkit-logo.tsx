/* eslint-disable @next/next/no-img-element -- logos come from Composio's catalog host, which next/image would need allow-listed per deployment; they are small and lazy. */
import { cn } from '@/lib/utils';

const sizes = { sm: { pixels: 32, className: 'size-8' }, md: { pixels: 40, className: 'size-10' } } as const;

/**
 * Decorative: the toolkit's name is always next to it. Width and height are
 * set so the row never shifts when a lazy logo arrives; without a logo, the
 * name's first letter holds the same square.
 */
export function ToolkitLogo({
  src,
  name,
  size = 'md',
}: {
  src: string | null;
  name: string;
  size?: keyof typeof sizes;
}) {
  const { pixels, className } = sizes[size];
  if (!src) {
    return (
      <div
        aria-hidden="true"
        className={cn(
          'grid shrink-0 place-items-center rounded-md border bg-muted text-sm font-semibold text-muted-foreground uppercase',
          className,
        )}
      >
        {name.slice(0, 1)}
      </div>
    );
  }
  return (
    <img
      src={src}
      alt=""
      width={pixels}
      height={pixels}
      loading="lazy"
      decoding="async"
      className={cn('shrink-0 rounded-md border bg-white object-contain p-1', className)}
    />
  );
}
