import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The emulator listens on loopback and holds every user's accounts. A web page
 * must not reach it through the browser:
 * - DNS rebinding: a page on `evil.example` whose name later resolves to
 *   127.0.0.1 sends `Host: evil.example:<port>`. Only loopback names and
 *   addresses with the emulator's own port are answered.
 * - Drive-by control requests: a page can POST `text/plain` or a form to
 *   `/_emulator/*` without CORS. Control endpoints accept only JSON bodies and
 *   no cross-site `Origin` (browsers always send `Origin` on cross-origin POSTs).
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (url.username || url.password || url.pathname !== '/' || url.port !== String(port)) return false;
  return isLoopbackName(url.hostname);
}

// lib/http/loopback.ts holds the app's copy of this rule; the emulator keeps its own because it never imports app code.
function isLoopbackName(hostname: string): boolean {
  if (hostname === 'localhost') return true;
  if (hostname === '[::1]') return true;
  return isIP(hostname) === 4 && hostname.split('.')[0] === '127';
}

/** Why a control request is refused, or null when it may proceed. */
export function controlRequestProblem(req: IncomingMessage, port: number): string | null {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      const parsed = new URL(origin);
      host = parsed.protocol === 'http:' ? parsed.host : undefined;
    } catch {
      host = undefined;
    }
    if (!isLoopbackHost(host, port)) return `Cross-site requests to emulator controls are refused (Origin ${origin})`;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `Cross-site requests to emulator controls are refused (Sec-Fetch-Site ${String(site)})`;
  }
  const type = req.headers['content-type'];
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if ((type !== undefined || hasBody) && mediaType(type) !== 'application/json') {
    return 'Emulator controls accept only application/json bodies';
  }
  return null;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
