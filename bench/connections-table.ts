// The connections table, measured (docs/connections-table.md): how soon the settings page shows the connections at
// +0/+100/+300 ms of Composio latency, before (Composio on the critical path: a user whose list was never read, the
// path every view took before the table) and after (a warm user: the table); Composio requests per view of each page,
// on the critical path and after paint; how soon a change made behind the app's back shows; and 30 s of Composio
// answering errors.
import type { Browser } from '@playwright/test';
import { offeredToolkits, toolkitConfig } from '../lib/toolkits';
import { percentile, signedInCookie, timeUntil, type EmulatorControls } from './harness';

const PAGE = '/settings/integrations';
/** In the document once the list itself is rendered (each toolkit's card or tile), never in the skeleton. */
const LIST_MARKER = 'aria-labelledby="toolkit-';
const LATENCIES = [0, 100, 300] as const;
const FRESH_USERS = 10;
const OUTAGE_MS = 30_000;

type Options = {
  appUrl: string;
  emulatorUrl: string;
  apiKey: string;
  controls: EmulatorControls;
  browser: Browser;
  views: number;
};

export type VisibleFigure = { addedMs: number; beforeMedianMs: number; afterMedianMs: number; afterP95Ms: number };

export type ConnectionsTableFigures = {
  visible: VisibleFigure[];
  /** Composio requests while the document streams (the critical path) and in a browser view until the network is idle. */
  requests: Record<'settings' | 'onboarding' | 'home', { document: string[]; browser: string[]; status: number }>;
  /** A change made at Composio behind the app's back, at +100 ms: list painted → corrected, and the requests between. */
  freshness: { addedMs: number; listShownMs: number; correctedMs: number; requests: string[] };
  outage: {
    seconds: number;
    views: number;
    errorPages: number;
    lastKnownShown: number;
    noticeShown: boolean;
    freshAfter: boolean;
  };
};

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** An ACTIVE account for `userId`, made through Composio's own API (a session, its Connect Link, Allow), as e2e does. */
async function connectAtComposio(options: Options, userId: string, toolkit: string): Promise<string> {
  const api = async (path: string, body: unknown) => {
    const response = await fetch(`${options.emulatorUrl}/api/v3.1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`${path}: ${response.status}`);
    return (await response.json()) as Record<string, string>;
  };
  const session = await api('/tool_router/session', { user_id: userId });
  const link = await api(`/tool_router/session/${session['session_id']}/link`, { toolkit });
  const allowed = await fetch(link['redirect_url']!, {
    method: 'POST',
    body: new URLSearchParams({ decision: 'allow', api_key: 'bench-toolkit-key' }),
  });
  if (allowed.status !== 200) throw new Error(`allowing the Connect Link: ${allowed.status}`);
  return link['connected_account_id']!;
}

async function setEnabled(options: Options, accountId: string, enabled: boolean): Promise<void> {
  const response = await fetch(`${options.emulatorUrl}/api/v3.1/connected_accounts/${accountId}/status`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey },
    body: JSON.stringify({ enabled }),
  });
  if (!response.ok) throw new Error(`status of ${accountId}: ${response.status}`);
}

async function listVisibleMs(url: string, cookie: string): Promise<number> {
  const view = await timeUntil(url, cookie, LIST_MARKER);
  if (view.status !== 200 || Number.isNaN(view.markerMs))
    throw new Error(`${url} answered ${view.status} without its list`);
  return view.markerMs;
}

export async function measureConnectionsTable(
  options: Options,
  userIdOf: (email: string) => string,
): Promise<ConnectionsTableFigures> {
  const { appUrl, controls, browser, views } = options;
  const email = 'bench-table@example.com';
  const cookie = await signedInCookie(appUrl, email);
  // Every required toolkit connected (the home page shows itself, not onboarding), plus the first toolkit offered.
  const toolkits = [
    ...new Set([
      offeredToolkits[0]!.slug,
      ...offeredToolkits.filter((t) => toolkitConfig(t.slug)?.required === true).map((t) => t.slug),
    ]),
  ];
  const accounts: string[] = [];
  for (const toolkit of toolkits) accounts.push(await connectAtComposio(options, userIdOf(email), toolkit));
  await listVisibleMs(`${appUrl}${PAGE}`, cookie); // the first view lists the accounts into the table

  // Time until the list is in the document, before and after, at each latency.
  const visible: VisibleFigure[] = [];
  let fresh = 0;
  for (const addedMs of LATENCIES) {
    const freshCookies: string[] = [];
    for (let i = 0; i < FRESH_USERS; i++)
      freshCookies.push(await signedInCookie(appUrl, `bench-table-new-${fresh++}@example.com`));
    await controls.setLatency(addedMs);
    for (let i = 0; i < 3; i++) await listVisibleMs(`${appUrl}${PAGE}`, cookie); // warm-up
    const before: number[] = [];
    const after: number[] = [];
    // Interleaved, so drift in the machine's speed lands on both alike.
    for (let i = 0; i < Math.max(views, FRESH_USERS); i++) {
      if (i < FRESH_USERS) before.push(await listVisibleMs(`${appUrl}${PAGE}`, freshCookies[i]!));
      after.push(await listVisibleMs(`${appUrl}${PAGE}`, cookie));
    }
    await controls.setLatency(0);
    visible.push({
      addedMs,
      beforeMedianMs: round(percentile(before, 50)),
      afterMedianMs: round(percentile(after, 50)),
      afterP95Ms: round(percentile(after, 95)),
    });
  }

  // Composio requests per view: the document alone (the critical path), then a browser view until the network is idle.
  const context = await browser.newContext();
  const [name, value] = cookie.split(/=(.*)/s) as [string, string];
  await context.addCookies([{ name, value, url: appUrl, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  const requests = {} as ConnectionsTableFigures['requests'];
  for (const [key, path] of [
    ['settings', PAGE],
    ['onboarding', '/onboarding'],
    ['home', '/'],
  ] as const) {
    await timeUntil(`${appUrl}${path}`, cookie, '</html>'); // warm
    let status = 0;
    const document = await controls.countRequests(async () => {
      status = (await timeUntil(`${appUrl}${path}`, cookie, '</html>')).status;
    });
    const inBrowser = await controls.countRequests(
      () => page.goto(`${appUrl}${path}`, { waitUntil: 'networkidle' }),
      500,
    );
    requests[key] = { document, browser: inBrowser, status };
  }

  // A change at Composio the app did not make: the page paints the table's state, then its check corrects it.
  await page.addInitScript(`(() => {
    const marks = (window.__tableMarks = {});
    new MutationObserver(() => {
      if (!marks.list && document.querySelector('[aria-labelledby^="toolkit-"]')) marks.list = performance.now();
      if (!marks.corrected && document.querySelector('[data-status="disabled"]')) marks.corrected = performance.now();
    }).observe(document, { childList: true, subtree: true, attributes: true });
  })();`);
  await setEnabled(options, accounts[0]!, false);
  await controls.setLatency(100);
  const between = await controls.countRequests(async () => {
    await page.goto(`${appUrl}${PAGE}`);
    await page.locator('[data-status="disabled"]').first().waitFor({ timeout: 15_000 });
  });
  await controls.setLatency(0);
  const marks = (await page.evaluate('window.__tableMarks')) as { list: number; corrected: number };
  await setEnabled(options, accounts[0]!, true);
  await page.goto(`${appUrl}${PAGE}`, { waitUntil: 'networkidle' }); // the table agrees again

  // 30 s of Composio answering 500 to everything: every view still shows the last-known state, none an error page.
  await controls.fail('/api/', 500);
  const ended = Date.now() + OUTAGE_MS;
  let outageViews = 0;
  let errorPages = 0;
  let lastKnownShown = 0;
  let noticeShown = false;
  while (Date.now() < ended) {
    const view = await timeUntil(`${appUrl}${PAGE}`, cookie, LIST_MARKER);
    outageViews++;
    if (view.status !== 200 || view.body.includes('Integrations are unavailable')) errorPages++;
    if (view.body.includes('data-status="connected"')) lastKnownShown++;
    if (!noticeShown) {
      await page.goto(`${appUrl}${PAGE}`);
      noticeShown = await page
        .getByRole('status')
        .filter({ hasText: "Couldn't reach Composio. Showing your connections as of" })
        .waitFor({ timeout: 15_000 })
        .then(
          () => true,
          () => false,
        );
    }
  }
  await controls.clearFaults();
  await page.goto(`${appUrl}${PAGE}`, { waitUntil: 'networkidle' });
  const freshAfter = (await page.getByText("Couldn't reach Composio").count()) === 0;
  await context.close();

  return {
    visible,
    requests,
    freshness: { addedMs: 100, listShownMs: round(marks.list), correctedMs: round(marks.corrected), requests: between },
    outage: { seconds: OUTAGE_MS / 1000, views: outageViews, errorPages, lastKnownShown, noticeShown, freshAfter },
  };
}
