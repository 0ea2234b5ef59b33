'use client';

import { useSyncExternalStore } from 'react';
import { checkConnection } from '@/app/settings/integrations/actions';
import { CONNECTION_CHANGED, CONNECTION_CHANNEL } from '@/lib/connection-finished';
import { focusToolkitSoon } from './focus-toolkit';

/**
 * The popup side of Connect, for this tab: opening the window, and the
 * attempts the page is waiting on while a popup shows their Connect Link.
 *
 * The page learns that a popup finished in two ways, and depends on neither
 * `window.opener` nor `popup.closed` (provider pages send
 * Cross-Origin-Opener-Policy, which severs the one and makes the other read
 * true early): the popup's last page posts on a BroadcastChannel, and each
 * waiting attempt is re-checked with the server on a bounded backoff, so the
 * page settles even if that message never arrives.
 */

/** Popups only where they make sense: a wide screen and a mouse. Phones and tablets get the full-page redirect. */
const POPUP_MEDIA = '(min-width: 640px) and (pointer: fine)';
const POPUP_WIDTH = 520;
const POPUP_HEIGHT = 720;

/** Seconds before each status check: quick at first (people are fast in the emulator), then patient. */
export const CHECK_DELAYS_SECONDS = [1, 1, 2, 2, 3, 5, 8, 13, 20, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30];

export type WaitingAttempt = {
  accountId: string;
  /** The toolkit's slug: once the attempt settles, focus moves to the toolkit (focus-toolkit.ts). */
  toolkit: string;
  connectUrl: string;
  /** The popup's window name, so that Resume reuses it. */
  windowName: string;
  popup: Window | null;
  /** The person came back to this page and the attempt was still open: they closed the popup without finishing. */
  leftUnfinished?: boolean;
};

export function popupWindowName(toolkit: string): string {
  return `composio-connect-${toolkit}`;
}

/**
 * Opens (or reuses) the Connect popup. Must run synchronously in the click's
 * handler, or popup blockers refuse it; null when refused, on a small or
 * touch screen, or when the browser cannot open one.
 */
export function openConnectPopup(windowName: string, url = ''): Window | null {
  if (typeof window.matchMedia !== 'function' || !window.matchMedia(POPUP_MEDIA).matches) return null;
  const left = Math.round(window.screenX + Math.max(0, (window.outerWidth - POPUP_WIDTH) / 2));
  const top = Math.round(window.screenY + Math.max(0, (window.outerHeight - POPUP_HEIGHT) / 3));
  let popup: Window | null = null;
  try {
    popup = window.open(
      url,
      windowName,
      `popup=yes,width=${POPUP_WIDTH},height=${POPUP_HEIGHT},left=${left},top=${top}`,
    );
  } catch {
    return null;
  }
  if (!popup) return null;
  try {
    // While it is still our blank page: cut its way back to this tab (no reverse tabnabbing from the pages it visits).
    popup.opener = null;
    if (!url) popup.document.title = 'Connecting…';
  } catch {
    // Already on another origin (a reused window): nothing to do.
  }
  return popup;
}

const waiting = new Map<string, WaitingAttempt>();
const listeners = new Set<() => void>();
const timers = new Map<string, number>();
let channel: BroadcastChannel | null = null;
let refreshPage: () => void = () => undefined;

function notify() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The attempt with this id, if this tab is waiting on its popup. */
export function useWaitingAttempt(accountId: string): WaitingAttempt | null {
  return useSyncExternalStore(
    subscribe,
    () => waiting.get(accountId) ?? null,
    () => null,
  );
}

/** A popup's message can land just after this tab's own check settled its attempt: that refresh already happened. */
const SETTLED_RECENTLY_MS = 5000;
let lastSettledAt = 0;

/**
 * True when a popup's message needs no refresh of the whole page from its
 * listener: this tab is waiting on a popup (its checks refresh once the
 * attempt settles) or has just refreshed for one.
 */
export function popupMessageHandledHere(): boolean {
  return waiting.size > 0 || Date.now() - lastSettledAt < SETTLED_RECENTLY_MS;
}

/**
 * Starts waiting on `attempt`'s popup: listens for the popup's message and
 * checks the attempt's status on CHECK_DELAYS_SECONDS (one server action
 * each, at most one Composio request each). `refresh` re-renders the page in
 * place once the attempt settles.
 */
export function startWaiting(attempt: WaitingAttempt, refresh: () => void) {
  refreshPage = refresh;
  waiting.set(attempt.accountId, attempt);
  openedAt.set(attempt.accountId, Date.now());
  listenForPopups();
  watchForReturn();
  scheduleCheck(attempt.accountId, 0);
  notify();
}

/** Stops waiting (Cancel, or settled); `closePopup` also closes its window when the browser still lets us. */
export function stopWaiting(accountId: string, options: { closePopup?: boolean } = {}) {
  const attempt = waiting.get(accountId);
  window.clearTimeout(timers.get(accountId));
  timers.delete(accountId);
  turns.delete(accountId);
  if (!attempt) return;
  waiting.delete(accountId);
  if (options.closePopup) {
    try {
      attempt.popup?.close();
    } catch {
      // Severed by the provider's COOP: the window stays; its page is harmless on its own.
    }
  }
  openedAt.delete(accountId);
  backSince.delete(accountId);
  if (waiting.size === 0) {
    channel?.close();
    channel = null;
    unwatchForReturn();
  }
  notify();
}

/** Reopens a waiting attempt's Connect Link in its popup (after the person closed it); false when that is refused. */
export function reopenPopup(accountId: string): boolean {
  const attempt = waiting.get(accountId);
  if (!attempt) return false;
  const popup = openConnectPopup(attempt.windowName, attempt.connectUrl);
  if (!popup) return false;
  waiting.set(accountId, { ...attempt, popup, leftUnfinished: false });
  openedAt.set(accountId, Date.now());
  backSince.delete(accountId);
  notify();
  return true;
}

/*
 * A popup closed without finishing. Nothing tells the page: provider pages
 * send COOP, so `popup.closed` reads true while the person is still in it, and
 * no event fires when it closes. What the page does see is the person coming
 * back: this window gets the focus, or the pointer or keyboard is used on it.
 * Then the attempt is checked at once, and if it is still open the card says
 * "Didn't finish? Resume or cancel." instead of waiting on a window that is
 * gone. A popup that finished has settled its attempt before it closed, so
 * that check finds it settled and the page updates as always.
 */

/** Input in the moments after Connect (the click's own pointer-up, a key held) is not a return. */
const RETURN_GRACE_MS = 1500;
/** The return check runs at most this often, however much the pointer moves. */
const RETURN_CHECK_INTERVAL_MS = 3000;
const RETURN_EVENTS = ['focus', 'pointermove', 'pointerdown', 'keydown'] as const;

/** When each attempt's popup was (re)opened, and since when the person seems back. */
const openedAt = new Map<string, number>();
const backSince = new Map<string, number>();
let watching = false;

function watchForReturn() {
  if (watching) return;
  watching = true;
  for (const type of RETURN_EVENTS) window.addEventListener(type, personIsBack, { passive: true });
  document.addEventListener('visibilitychange', personIsBack);
}

function unwatchForReturn() {
  if (!watching) return;
  watching = false;
  for (const type of RETURN_EVENTS) window.removeEventListener(type, personIsBack);
  document.removeEventListener('visibilitychange', personIsBack);
}

function personIsBack() {
  if (document.visibilityState !== 'visible') return;
  const now = Date.now();
  for (const [accountId, attempt] of waiting) {
    if (attempt.leftUnfinished || now - (openedAt.get(accountId) ?? now) < RETURN_GRACE_MS) continue;
    const since = backSince.get(accountId);
    if (since !== undefined && now - since < RETURN_CHECK_INTERVAL_MS) continue;
    backSince.set(accountId, now);
    if (checking.has(accountId)) continue; // the check in flight started earlier: check() runs another after it
    window.clearTimeout(timers.get(accountId));
    void check(accountId, turns.get(accountId) ?? 0);
  }
}

function listenForPopups() {
  if (channel || typeof BroadcastChannel !== 'function') return;
  channel = new BroadcastChannel(CONNECTION_CHANNEL);
  channel.onmessage = (event) => {
    if (event.data !== CONNECTION_CHANGED) return;
    // Only a nudge: each waiting attempt takes its next check now rather than at its turn (its budget is unchanged).
    for (const accountId of waiting.keys()) {
      if (checking.has(accountId)) continue;
      window.clearTimeout(timers.get(accountId));
      void check(accountId, turns.get(accountId) ?? 0);
    }
  };
}

/** Which check each attempt is on, and which are being checked right now. */
const turns = new Map<string, number>();
const checking = new Set<string>();

function scheduleCheck(accountId: string, turn: number) {
  turns.set(accountId, turn);
  const delay = CHECK_DELAYS_SECONDS[turn];
  if (delay === undefined) {
    // Out of checks: stop waiting. The page shows the attempt as Pending, with Resume and Cancel.
    stopWaiting(accountId);
    refreshPage();
    return;
  }
  timers.set(
    accountId,
    window.setTimeout(() => void check(accountId, turn), delay * 1000),
  );
}

async function check(accountId: string, turn: number) {
  if (!waiting.has(accountId) || checking.has(accountId)) return;
  checking.add(accountId);
  timers.delete(accountId);
  const startedAt = Date.now();
  let settled = false;
  try {
    const result = await checkConnection(accountId);
    settled = 'settled' in result && result.settled;
  } catch {
    // Offline for a moment, or the server restarting: the next turn tries again.
  } finally {
    checking.delete(accountId);
  }
  if (!waiting.has(accountId)) return;
  if (settled) {
    lastSettledAt = Date.now();
    const attempt = waiting.get(accountId);
    // No refresh of our own: a settling check re-renders the page in its response (checkConnection).
    stopWaiting(accountId);
    // The Connect button that had the focus goes away with that re-render: the focus goes to the toolkit.
    if (attempt) focusToolkitSoon(attempt.toolkit);
    return;
  }
  const back = backSince.get(accountId);
  const attempt = waiting.get(accountId)!;
  if (back !== undefined && !attempt.leftUnfinished) {
    if (startedAt >= back) {
      // Checked after the person came back, and still open: the popup was closed without finishing.
      waiting.set(accountId, { ...attempt, leftUnfinished: true });
      notify();
    } else {
      // This check started before they came back: its answer may predate the popup's end. Ask again now.
      void check(accountId, turn);
      return;
    }
  }
  scheduleCheck(accountId, turn + 1);
}
