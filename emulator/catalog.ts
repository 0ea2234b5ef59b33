import { readFileSync } from 'node:fs';

export type AuthScheme = 'OAUTH2' | 'API_KEY' | 'NO_AUTH';

export type CatalogToolkit = {
  slug: string;
  name: string;
  description: string;
  category: string;
  toolCount: number;
  triggerCount: number;
  authScheme: AuthScheme;
  /** Position in Composio's popularity order (0 = most used); `sort_by=usage` follows it. */
  rank: number;
};

type ToolkitFact = { slug: string; name: string; category: string; toolCount: number; triggerCount: number };
type AuthSchemeFact = { scheme: AuthScheme; source: string };

function readData<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')) as T;
}

/** The few toolkits that are not OAuth 2, each with its source (data/auth-schemes.json). */
export const authSchemes: Record<string, AuthSchemeFact> = readData('auth-schemes.json');

/**
 * Composio's public catalog has no descriptions; this one says what the
 * toolkit is without pretending to be Composio's wording.
 */
function describe(fact: ToolkitFact): string {
  const tools = `${fact.toolCount} tool${fact.toolCount === 1 ? '' : 's'}`;
  return `${fact.name} on Composio (${fact.category}): ${tools}${
    fact.triggerCount > 0 ? ` and ${fact.triggerCount} trigger${fact.triggerCount === 1 ? '' : 's'}` : ''
  }.`;
}

const allToolkits: readonly CatalogToolkit[] = readData<ToolkitFact[]>('toolkits.json').map((fact, rank) => ({
  ...fact,
  description: describe(fact),
  authScheme: authSchemes[fact.slug]?.scheme ?? 'OAUTH2',
  rank,
}));

/**
 * Composio's real catalog (1,595 toolkits, most used first); with `size`,
 * only the first `size` of them plus the toolkits `include` names (a product's
 * own, however rarely used), still in the catalog's order.
 */
export function buildCatalog(size?: number, include: readonly string[] = []): CatalogToolkit[] {
  if (size === undefined) return [...allToolkits];
  const kept = new Set(include);
  return allToolkits.filter((toolkit) => toolkit.rank < size || kept.has(toolkit.slug));
}

/** Composio's category id: the label, lowercase, with spaces and `&` turned into dashes. */
export function categoryId(label: string): string {
  return label
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function categoryName(label: string): string {
  return label.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}
