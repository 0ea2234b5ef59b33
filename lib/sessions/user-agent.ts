/**
 * "Chrome on macOS": enough for someone to recognise their device in the
 * Profile's session list. The raw header is never stored.
 */
export function summariseUserAgent(header: string | null | undefined): string | null {
  if (!header) return null;
  const browser = browsers.find(([, pattern]) => pattern.test(header))?.[0];
  const system = systems.find(([, pattern]) => pattern.test(header))?.[0];
  if (!browser && !system) return 'Unknown browser';
  if (!system) return browser!;
  return `${browser ?? 'Unknown browser'} on ${system}`;
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const browsers: [string, RegExp][] = [
  ['Edge', /\bEdg(e|A|iOS)?\//],
  ['Opera', /\bOPR\/|\bOpera\b/],
  ['Firefox', /\bFirefox\/|\bFxiOS\//],
  ['Chrome', /\bChrome\/|\bCriOS\//],
  ['Safari', /\bSafari\//],
];

const systems: [string, RegExp][] = [
  ['iOS', /\b(iPhone|iPad|iPod)\b/],
  ['Android', /\bAndroid\b/],
  ['ChromeOS', /\bCrOS\b/],
  ['Windows', /\bWindows\b/],
  ['macOS', /\bMac OS X\b|\bMacintosh\b/],
  ['Linux', /\bLinux\b/],
];
