/** A generated logo: the toolkit's initial on a colour derived from its slug. No logo ever comes from the internet. */
export function logoSvg(slug: string, name: string): string {
  let hash = 0;
  for (const char of slug) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  const initial = (name.trim()[0] ?? '?').toUpperCase().replace(/[<>&"']/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="hsl(${hash} 55% 38%)"/><text x="32" y="43" font-family="system-ui, sans-serif" font-size="30" font-weight="600" fill="#fff" text-anchor="middle">${initial}</text></svg>`;
}
