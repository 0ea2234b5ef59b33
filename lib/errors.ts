/**
 * What went wrong, as a code a caller can branch on. The message for each is
 * written for the person using the app: safe to show, never a cause or a token.
 */
const messages = {
  unauthenticated: 'Your session has ended. Sign in again to continue.',
  'session:unconfirmed': "We can't confirm your session right now. Nothing was changed; try again in a moment.",
  'database:unavailable': 'The app cannot reach its database right now. Try again in a few minutes.',
  'session:not_found': 'That device is already signed out.',
  unknown_toolkit: 'Unknown toolkit. Nothing was changed.',
  no_connection_needed: 'This app works without a connection: there is nothing to connect. Nothing was changed.',
  'rate_limit:unavailable':
    'That is unavailable right now: the app cannot reach its database to check its limits. Nothing was changed; try again in a few minutes.',
  rate_limited: 'Too many requests. Wait a few minutes and try again. Nothing was changed.',
  not_owned: "That connection doesn't exist or belongs to another account. Nothing was changed.",
  'composio:auth': "Composio rejected this app's credentials. If you run this app, check COMPOSIO_API_KEY.",
  'composio:not_found': 'That connection no longer exists. Refresh the page to see the current state.',
  'composio:rate_limited': 'Composio is receiving too many requests. Wait a moment and try again.',
  'composio:unavailable': 'Composio is having trouble right now. Try again in a moment.',
  'composio:timeout': 'Composio took too long to answer. Try again in a moment.',
  'composio:rejected': 'Composio could not complete that request.',
  'composio:unknown': 'Something went wrong while talking to Composio. Try again in a moment.',
} as const;

export type UserFacingErrorCode = keyof typeof messages;

/**
 * The one error type whose message reaches the user: `userAction` returns it
 * as the form's error and `loadIntegrations` as the page's error state.
 * Anything else is a bug and propagates to the error boundary. The cause is
 * for the server log only.
 */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    readonly code: UserFacingErrorCode,
    options?: { cause?: unknown },
  ) {
    super(messages[code], options);
  }
}

/** How many links of a cause chain are followed; real chains are short (Auth.js → session store → Drizzle → driver). */
const MAX_CAUSES = 8;

/**
 * `error`, then its cause, that one's cause, and so on: outermost first. Auth.js
 * keeps the error a callback threw as `cause.err` (its `cause` is a plain object
 * holding it), so that link is followed too. Stops at a cycle and after
 * MAX_CAUSES links, so a hostile or self-referencing error cannot hang a log line.
 */
export function* errorCauses(error: unknown): Generator<unknown, void, undefined> {
  const seen = new Set<unknown>();
  for (let current = error; current !== undefined && current !== null && seen.size < MAX_CAUSES;) {
    if (seen.has(current)) return;
    seen.add(current);
    yield current;
    const cause: unknown = (current as { cause?: unknown }).cause;
    current = cause instanceof Object && !(cause instanceof Error) && 'err' in cause ? cause.err : cause;
  }
}
