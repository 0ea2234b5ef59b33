/** The page of one integration: its accounts, the access they grant and its Activity. */
export function integrationPath(slug: string): string {
  return `/settings/integrations/${encodeURIComponent(slug)}`;
}
