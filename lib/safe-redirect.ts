const PROBE_ORIGIN = 'http://same-origin.invalid';
const MAX_LENGTH = 2048;

/**
 * Returns `value` if it is a same-origin relative path (`/settings?x=1`),
 * otherwise `fallback`. Refuses absolute URLs, protocol-relative `//host`,
 * backslash tricks (`/\host`, which browsers read as `//host`), control
 * characters, and percent-encoded variants of those, so that no "return to"
 * parameter can become an open redirect.
 */
export function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  for (const candidate of [value, decoded]) {
    if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return fallback;
    if (/[\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  }
  const url = new URL(value, PROBE_ORIGIN);
  if (url.origin !== PROBE_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
