// Pure, with no app imports: lib/env.ts and the dev scripts (scripts/dev-ports.ts) share it. The emulator keeps its
// own copy (emulator/guard.ts) because emulator code never imports app code.

/**
 * True only for the loopback addresses themselves: `localhost`, `::1`, or an
 * IPv4 literal in 127.0.0.0/8. The URL parser has already normalised the host
 * (`127.1` and `2130706433` become `127.0.0.1`), so a name that merely starts
 * with "127." (`127.composio-proxy.example.com`) is a domain and is not local.
 */
export function isLoopback(url: string | undefined): boolean {
  if (!url || !URL.canParse(url)) return false;
  const { hostname } = new URL(url);
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return octets !== null && octets[1] === '127' && octets.slice(2).every((octet) => Number(octet) <= 255);
}
