import { Badge } from '@/components/ui/badge';

/** Marks a toolkit the product needs: without it, the app sends the person back to onboarding. */
export function RequiredBadge({ className }: { className?: string }) {
  return (
    <Badge variant="outline" className={className}>
      Required
    </Badge>
  );
}
