import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/** Every response is JSON with this content type: the SDK parses nothing else as JSON. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Composio's generic HTTP error codes (its published error codes, range
 * 10000–10999), used here where the emulator is sure which one applies.
 */
export const HTTP_ERROR_CODES = { unauthorized: 10401, urlNotFound: 10404 } as const;

/**
 * Composio's error body (`components.schemas.Error` in its OpenAPI document:
 * `message`, `code` and `status` required). Composio's codes come in ranges
 * per service; the emulator uses 1803 for a connected account not found,
 * `HTTP_ERROR_CODES` for a bad key or an unknown route, and elsewhere the
 * HTTP status (emulator/README.md, "Errors").
 */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  code: number = status,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    { error: { message, code, status, request_id: randomUUID(), suggested_fix: '', errors: [message] } },
    headers,
  );
}

/**
 * Composio's rate limit (docs.composio.dev/reference/rate-limits): a fixed
 * one-minute window per organisation, 2,000 requests on the Starter plan, and
 * every response says where it stands in `X-RateLimit`,
 * `X-RateLimit-Remaining` and `X-RateLimit-Window-Size`. The emulator counts
 * and reports, but refuses nothing on its own: a 429 comes only from an
 * injected fault.
 */
export class RateLimitWindow {
  static readonly LIMIT = 2000;
  static readonly WINDOW_MS = 60_000;
  private started = 0;
  private count = 0;

  /** Counts one request and sets the headers on its response. */
  countRequest(res: ServerResponse, now = Date.now()): void {
    if (now - this.started >= RateLimitWindow.WINDOW_MS) {
      this.started = now;
      this.count = 0;
    }
    this.count += 1;
    setRateLimitHeaders(res, Math.max(0, RateLimitWindow.LIMIT - this.count));
  }
}

function setRateLimitHeaders(res: ServerResponse, remaining: number): void {
  res.setHeader('x-ratelimit', String(RateLimitWindow.LIMIT));
  res.setHeader('x-ratelimit-remaining', String(remaining));
  res.setHeader('x-ratelimit-window-size', `${RateLimitWindow.WINDOW_MS / 1000}s`);
}

/** Composio's own rate-limit answer: a top-level `message`, the window headers, and `Retry-After` in seconds. */
export function sendRateLimited(res: ServerResponse, retryAfterSeconds: number): void {
  setRateLimitHeaders(res, 0);
  sendJson(
    res,
    429,
    { message: `Rate limit exceeded. Limit: ${RateLimitWindow.LIMIT} requests per 1 minutes` },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

/**
 * The stand-in Connect Link page's headers. Like real provider consent pages,
 * it sends `Cross-Origin-Opener-Policy: same-origin`, so a popup opened by the
 * app loses its `window.opener`; it cannot be framed (clickjacking) and runs
 * no script.
 */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // The rest of the body is never read, so the connection cannot carry another request: it is closed.
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large', 413, { connection: 'close' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'Request body must be a JSON object');
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: number = status,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The SDK sends query arrays comma-joined in one parameter; repeated keys are accepted too. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'Invalid cursor');
}

/** One page of `items` in Composio's list envelope. */
export function page<T>(items: T[], query: URLSearchParams, defaultLimit: number, maxLimit: number) {
  const requested = Number(query.get('limit') ?? defaultLimit);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, maxLimit) : defaultLimit;
  const offset = decodeCursor(query.get('cursor'));
  const next = offset + limit < items.length ? encodeCursor(offset + limit) : null;
  return {
    items: items.slice(offset, offset + limit),
    current_page: Math.floor(offset / limit) + 1,
    total_items: items.length,
    total_pages: Math.max(1, Math.ceil(items.length / limit)),
    next_cursor: next,
  };
}
