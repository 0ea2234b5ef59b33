import { createRequire } from 'node:module';

/**
 * Every toolkit's logo, served from the emulator's own origin: nothing is ever
 * fetched from Composio's logo host. A brand with a simple-icons mark (CC0)
 * gets it on its brand colour; any other gets a two-letter monogram on a
 * colour of its own.
 */
export function logoSvg(slug: string, name: string): string {
  const icon = brandIcons().get(slug.replace(/[_-]/g, ''));
  return icon ? brandSvg(icon) : monogramSvg(slug, name);
}

type BrandIcon = { title: string; slug: string; hex: string; path: string };

let icons: Map<string, BrandIcon> | undefined;

/** simple-icons is 3,000+ marks: loaded on the first logo request, not at start-up. */
function brandIcons(): Map<string, BrandIcon> {
  if (!icons) {
    const all = createRequire(import.meta.url)('simple-icons') as Record<string, BrandIcon>;
    icons = new Map(Object.values(all).map((icon) => [icon.slug, icon]));
  }
  return icons;
}

/** Relative luminance (WCAG) of a `RRGGBB` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((offset) => {
    const channel = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function brandSvg(icon: BrandIcon): string {
  // A light brand colour gets a dark mark so that the mark stays visible.
  const mark = luminance(icon.hex) > 0.45 ? '#111111' : '#ffffff';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${escapeXml(icon.title)}"><rect width="64" height="64" rx="14" fill="#${icon.hex}"/><g transform="translate(14 14) scale(1.5)" fill="${mark}"><path d="${icon.path}"/></g></svg>`;
}

/** FNV-1a: a stable, well-spread hash, so that similar slugs get unrelated colours. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return value;
}

/** Initials of the first two words ("Google Calendar" → "GC"), or the first two letters of one word. */
export function monogram(name: string): string {
  const words = name.match(/[\p{L}\p{N}]+/gu) ?? ['?'];
  const letters = words.length > 1 ? words[0]![0]! + words[1]![0]! : words[0]!.slice(0, 2);
  return letters.charAt(0).toUpperCase() + letters.slice(1).toLowerCase();
}

function monogramSvg(slug: string, name: string): string {
  const value = hash(slug);
  const hue = value % 360;
  const lightness = 30 + ((value >>> 9) % 4) * 4;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${escapeXml(name)}"><rect width="64" height="64" rx="14" fill="hsl(${hue} 60% ${lightness}%)"/><text x="32" y="41" font-family="system-ui, sans-serif" font-size="24" font-weight="600" fill="#fff" text-anchor="middle">${escapeXml(monogram(name))}</text></svg>`;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
