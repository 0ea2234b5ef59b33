import 'server-only';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@composio/client';
import { errorCauses, UserFacingError } from '@/lib/errors';

export type ComposioFailure =
  'auth' | 'not_found' | 'rate_limited' | 'unavailable' | 'timeout' | 'rejected' | 'unknown';

/** A failed Composio call, classified; its message is safe to show to the user, the cause is for logs only. */
export class ComposioCallError extends UserFacingError {
  override name = 'ComposioCallError';
  constructor(
    readonly failure: ComposioFailure,
    readonly operation: string,
    options: { cause: unknown },
  ) {
    super(`composio:${failure}`, options);
  }
}

export function classifyFailure(error: unknown): ComposioFailure {
  // Core SDK errors (e.g. ComposioToolkitFetchError) keep the HTTP error in `cause`.
  for (const current of errorCauses(error)) {
    if (current instanceof APIConnectionTimeoutError) return 'timeout';
    if (current instanceof APIConnectionError) return 'unavailable';
    if (current instanceof APIError && typeof current.status === 'number') {
      const { status } = current;
      if (status === 401 || status === 403) return 'auth';
      if (status === 404) return 'not_found';
      if (status === 429) return 'rate_limited';
      if (status >= 500) return 'unavailable';
      return 'rejected';
    }
  }
  return 'unknown';
}

/**
 * A classified failure is something Composio (or the network) told us, and the UI already explains it: one line
 * with the operation and the reason. An unclassified one may be our bug: the whole error, stack included.
 */
function logFailure(operation: string, failure: ComposioFailure, error: unknown): void {
  // 404s are answers, not faults; the caller decides what they mean.
  if (failure === 'not_found') return;
  if (failure === 'unknown') return console.error(`[composio] ${operation} failed unexpectedly`, error);
  const reasons: string[] = [];
  for (const current of errorCauses(error)) {
    if (!(current instanceof Error)) break;
    reasons.push(current instanceof APIError ? apiErrorReason(current) : current.message.split('\n')[0]!.slice(0, 160));
  }
  console.error(`[composio] ${operation} failed (${failure}): ${reasons.join(' ← ')}`);
}

/** `500 Injected fault (500)` rather than the status followed by the whole JSON body. */
function apiErrorReason(error: APIError): string {
  return `${error.status ?? ''} ${composioErrorMessage(error)}`.trim().slice(0, 160);
}

/** The HTTP error Composio answered, if that is what `error` comes from (core SDK errors wrap it in `cause`). */
export function composioApiError(error: unknown): APIError | undefined {
  return [...errorCauses(error)].find((current) => current instanceof APIError);
}

/** Composio's own words for an error (`error.message` of its JSON body), without the status and the raw body. */
export function composioErrorMessage(error: APIError): string {
  const body = error.error as { error?: { message?: unknown } } | undefined;
  return typeof body?.error?.message === 'string' ? body.error.message : error.message;
}

async function attempt<T>(operation: string, call: () => Promise<T>, retries: number): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = classifyFailure(error);
    if (retries > 0 && failure === 'unavailable') return attempt(operation, call, retries - 1);
    logFailure(operation, failure, error);
    throw new ComposioCallError(failure, operation, { cause: error });
  }
}

/** A read: retried once on network errors and 5xx (timeouts are not retried; they already cost the user 8 s). */
export function composioRead<T>(operation: string, call: () => Promise<T>): Promise<T> {
  return attempt(operation, call, 1);
}

/** A write: never retried, because a retried `link` or `delete` may already have happened. */
export function composioWrite<T>(operation: string, call: () => Promise<T>): Promise<T> {
  return attempt(operation, call, 0);
}
