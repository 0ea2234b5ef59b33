import { Skeleton } from '@/components/ui/skeleton';

export function ActivitySkeleton() {
  return (
    <div className="grid gap-3" aria-busy="true" aria-label="Loading activity">
      <Skeleton className="h-6 w-24" />
      {Array.from({ length: 3 }, (_, index) => (
        <Skeleton key={index} className="h-5 w-full" />
      ))}
    </div>
  );
}
