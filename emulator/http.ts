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
 * Composio's error body (`components.schemas.Error` in its OpenAPI document:
 * `message`, `code` and `status` required). Composio publishes few numeric
 * codes (1803: connected account not found); elsewhere `code` is the HTTP status.
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
 * Composio's own rate-limit answer (docs.composio.dev/reference/v3/rate-limits):
 * a top-level `message`, the window headers, and `Retry-After` in seconds.
 */
export function sendRateLimited(res: ServerResponse, retryAfterSeconds: number): void {
  sendJson(
    res,
    429,
    { message: 'Rate limit exceeded. Limit: 20000 requests per 10 minutes' },
    {
      'x-ratelimit': '20000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-window-size': '600s',
      'retry-after': String(retryAfterSeconds),
    },
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
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large');
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
