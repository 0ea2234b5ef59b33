import { Skeleton } from '@/components/ui/skeleton';

/** The page's shape while Composio answers: a group of compact cards, then the grid of tiles. */
export function IntegrationsSkeleton({ rows = 2, tiles = 6 }: { rows?: number; tiles?: number }) {
  return (
    <div className="grid gap-8" aria-busy="true" aria-label="Loading integrations">
      <Skeleton className="h-4 w-28" />
      <div className="grid gap-3">
        <Skeleton className="h-5 w-24" />
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className="rounded-lg border">
            <div className="flex items-center gap-3 px-4 py-3">
              <Skeleton className="size-8" />
              <Skeleton className="h-4 flex-1 sm:max-w-32" />
              <Skeleton className="h-5 w-20" />
            </div>
            <div className="flex items-center gap-3 border-t px-4 py-2.5">
              <div className="grid flex-1 gap-1.5">
                <Skeleton className="h-4 w-40 max-w-full" />
                <Skeleton className="h-3 w-28" />
              </div>
              <Skeleton className="h-8 w-24" />
            </div>
          </div>
        ))}
      </div>
      <div className="grid gap-3">
        <Skeleton className="h-5 w-20" />
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: tiles }, (_, index) => (
            <div key={index} className="grid gap-3 rounded-lg border p-4">
              <div className="flex items-center gap-3">
                <Skeleton className="size-10" />
                <div className="grid flex-1 gap-1.5">
                  <Skeleton className="h-4 w-24" />
                  <Skeleton className="h-3 w-20" />
                </div>
              </div>
              <Skeleton className="h-4 w-full" />
              <Skeleton className="h-8 w-full" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
