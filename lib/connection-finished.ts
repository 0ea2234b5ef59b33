/**
 * The page a Connect Link popup ends on, and the same-origin channel it tells
 * the app's other windows on (only when the callback sent it there: lib/composio/finish-page.ts). A BroadcastChannel rather than `window.opener`:
 * provider pages send Cross-Origin-Opener-Policy, which severs the opener for
 * the rest of the popup's life. The message carries nothing to trust; it only
 * means "a connection changed: refresh".
 */
export const CONNECTION_CHANNEL = 'composio-connections';
export const CONNECTION_CHANGED = 'changed';

/** Set on `window` by the announcement below, so the page's own effect does not send the message a second time. */
export const CONNECTION_ANNOUNCED = '__composioConnectionAnnounced';

/**
 * The popup's last page, inline: posts "changed" on the channel as the HTML is
 * parsed. Every other window would otherwise wait for this one to load the
 * app's JavaScript and hydrate before hearing of it.
 */
export const announceConnectionScript = `try{var c=new BroadcastChannel(${JSON.stringify(CONNECTION_CHANNEL)});c.postMessage(${JSON.stringify(CONNECTION_CHANGED)});c.close();window[${JSON.stringify(CONNECTION_ANNOUNCED)}]=true}catch(e){}`;
