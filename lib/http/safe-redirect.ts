import { z } from 'zod';

const PROBE_ORIGIN = 'http://same-origin.invalid';
const MAX_LENGTH = 2048;
/** Percent-decoding rounds a later layer might apply; input still changing after these is refused. */
const DECODE_ROUNDS = 3;

/**
 * Returns `value` as a same-origin path (`/settings?x=1`) or, if it is not
 * one, `fallback`. The only way input becomes a redirect: sign-in's
 * `callbackUrl`, Connect's `returnTo` and the callback's Location all pass
 * here.
 *
 * The rule is checked on what the browser finally sees, not only on the raw
 * input: the value is parsed with the WHATWG URL parser (the one browsers
 * use), and the path it returns must itself start with exactly one `/`,
 * contain no backslash or control character, and resolve to the same origin.
 * Checking the raw string alone is not enough: `/.//evil.example` starts with
 * one slash but normalises to `//evil.example`, which browsers read as
 * another host. Each percent-decoded form is held to the same rule, so a
 * layer that decodes once more (`/%2F%2Fevil.example`) cannot reopen it.
 */
export function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!isSameOriginPath(value)) return fallback;

  let decoded = value;
  for (let round = 0; ; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (next === decoded) break;
    if (round === DECODE_ROUNDS || !isSameOriginPath(next)) return fallback;
    decoded = next;
  }

  const url = new URL(value, PROBE_ORIGIN);
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The output is what a browser resolves: it must pass the same rule and read the same when parsed again.
  if (!isSameOriginPath(path) || serialise(path) !== path) return fallback;
  return path;
}

/** True when `value` is already a safe return path, unchanged by safeReturnPath. */
export function isSafeReturnPath(value: string): boolean {
  return value.length > 0 && safeReturnPath(value, '') === value;
}

/**
 * A "return to" field from a form or query string: any value is accepted and
 * becomes a safe path, falling back to `fallback`, because a bad return path
 * is not worth failing the request over. The one schema every action uses.
 */
export function returnPathSchema(fallback: string) {
  return z.unknown().transform((value) => safeReturnPath(value, fallback));
}

/** A return path the app stored itself (the pending-attempt cookie): refused outright unless already safe. */
export const storedReturnPathSchema = z.string().refine(isSafeReturnPath, 'Not a same-origin path');

function isSameOriginPath(candidate: string): boolean {
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return false;
  // Browsers read `\` as `/` in http(s) URLs, and drop tabs and newlines anywhere in them.
  if (candidate.includes('\\') || /[\u0000-\u001f\u007f]/.test(candidate)) return false;
  const url = new URL(candidate, PROBE_ORIGIN);
  return url.origin === PROBE_ORIGIN && !url.pathname.startsWith('//');
}

function serialise(path: string): string {
  const url = new URL(path, PROBE_ORIGIN);
  return `${url.pathname}${url.search}${url.hash}`;
}
