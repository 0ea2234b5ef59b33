/**
 * The page a Connect Link popup ends on, and the same-origin channel it tells
 * the app's other windows on. A BroadcastChannel rather than `window.opener`:
 * provider pages send Cross-Origin-Opener-Policy, which severs the opener for
 * the rest of the popup's life. The message carries nothing to trust; it only
 * means "a connection changed: refresh".
 */
export const CONNECTION_CHANNEL = 'composio-connections';
export const CONNECTION_CHANGED = 'changed';

const FINISHED_PATH = '/connected';

/** Where the callback sends a popup: `returnTo` is where the window goes if it cannot close itself. */
export function connectionFinishedPath(returnTo: string): string {
  return `${FINISHED_PATH}?${new URLSearchParams({ to: returnTo })}`;
}
