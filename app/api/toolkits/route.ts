import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getCatalogPage } from '@/lib/composio/catalog';
import { getCurrentUser } from '@/lib/auth/current-user';
import { env } from '@/lib/env';
import { UserFacingError } from '@/lib/errors';

const catalogQuery = z.object({
  search: z.string().trim().max(64, 'Search for at most 64 characters').default(''),
  // Composio's cursors are opaque base64 strings.
  cursor: z
    .string()
    .max(512)
    .regex(/^[A-Za-z0-9+/=_-]*$/, 'Invalid cursor')
    .default(''),
  // Composio's category ids are lowercase words joined by dashes ("developer-tools").
  category: z
    .string()
    .max(64)
    .regex(/^[a-z0-9&_-]*$/, 'Unknown category')
    .default(''),
});

/**
 * One page of Composio's toolkit catalog as tile data (never markup), for the
 * integrations page's search and "Show more" when it offers the whole catalog
 * (TOOLKITS_SHOW_ALL): `?search=` and `?category=` filter on Composio's side, `?cursor=`
 * continues a page. Signed-in users only; the catalog is the same for everyone,
 * so nothing here depends on who asks.
 */
export async function GET(request: NextRequest) {
  if (!(await getCurrentUser())) return answer(401, { error: new UserFacingError('unauthenticated').message });
  if (!env().toolkitsShowAll) return answer(404, { error: 'This app offers only the toolkits it lists.' });
  const query = catalogQuery.safeParse({
    search: request.nextUrl.searchParams.get('search') ?? undefined,
    cursor: request.nextUrl.searchParams.get('cursor') ?? undefined,
    category: request.nextUrl.searchParams.get('category') ?? undefined,
  });
  if (!query.success) return answer(400, { error: query.error.issues[0]?.message ?? 'Invalid query' });
  try {
    return answer(200, await getCatalogPage(query.data));
  } catch (error) {
    if (error instanceof UserFacingError) return answer(503, { error: error.message });
    throw error;
  }
}

function answer(status: number, body: unknown): NextResponse {
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'private, no-store' } });
}
