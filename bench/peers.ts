// The peers part of `npm run bench`: the two patterns a developer would otherwise
// copy, reproduced in a few lines of real SDK calls against the same emulator as
// this app, with the same added latency, and timed beside this app's own page view.
import { Composio } from '@composio/core';
import { percentile, requestPattern, type EmulatorControls } from './harness';

/** session.toolkits() pages at most 50 items (Composio's limit for the endpoint). */
const SESSION_TOOLKITS_PAGE = 50;

type Sdk = Composio;

/**
 * Composio's documented pattern: per page view, a tool-router session for the
 * user, then its toolkits with their connection state. Two sequential requests
 * for up to 50 toolkits; a longer list pages on (1 + ⌈N / 50⌉).
 */
async function composioSessionView(sdk: Sdk, userId: string, slugs: string[]): Promise<number> {
  const session = await sdk.create(userId, { toolkits: slugs });
  let shown = 0;
  let cursor: string | undefined;
  do {
    const page = await session.toolkits({ limit: SESSION_TOOLKITS_PAGE, cursor });
    shown += page.items.length;
    cursor = page.cursor;
  } while (cursor);
  return shown;
}

/**
 * This app's data path for a warm settings view: the user's connected accounts
 * in one list request (lib/composio/integrations.ts, listAccounts); the catalog
 * comes from the app's shared cache, so it costs no request.
 */
async function thisAppDataPath(sdk: Sdk, userId: string): Promise<number> {
  const page = await sdk.connectedAccounts.list({ userIds: [userId], limit: 100 });
  return page.items.length;
}

/** Composio's open-rube Apps page: the project's auth configs, then each offered toolkit, one at a time (1 + N). */
async function openRubeView(sdk: Sdk, slugs: string[]): Promise<number> {
  await sdk.authConfigs.list();
  let shown = 0;
  for (const slug of slugs) {
    await sdk.toolkits.get(slug);
    shown += 1;
  }
  return shown;
}

export type PeerFigures = { requestsPerView: number; requests: string[]; medianMs: number; views: number };
export type PeerComparison = {
  toolkits: number;
  addedLatencyMs: number;
  /**
   * Requests counted on the real settings page view; `medianMs` times the same
   * SDK call it makes (so the ratios compare data paths), `documentMedianMs`
   * the whole page, rendering included.
   */
  thisApp: PeerFigures & { documentMedianMs: number };
  composioSession: PeerFigures & { requestRatio: number; timeRatio: number };
  openRube: PeerFigures & { requestRatio: number; timeRatio: number };
};

type Series = { run: () => Promise<unknown>; times: number[]; requests: string[] };

/**
 * Requests per view (from the emulator's log, on the first view) and the median
 * time per view for this app and both peers, their views interleaved so drift
 * in the machine's speed falls on all alike. `appView` is a real view of the
 * settings page by `appUserId`.
 */
export async function comparePeers(options: {
  emulatorUrl: string;
  apiKey: string;
  controls: EmulatorControls;
  appView: () => Promise<unknown>;
  appUserId: string;
  toolkits: number;
  addedLatencyMs: number;
  views: number;
}): Promise<PeerComparison> {
  const { controls, toolkits, addedLatencyMs, views } = options;
  const sdk = new Composio({
    apiKey: options.apiKey,
    baseURL: options.emulatorUrl,
    allowTracking: false,
    disableVersionCheck: true,
  });
  // The offered toolkits: the catalog's first N, as the app shows them with TOOLKITS_SHOW_ALL.
  const slugs = (await sdk.toolkits.get({ limit: toolkits })).map((toolkit) => toolkit.slug);
  if (slugs.length !== toolkits) throw new Error(`the emulator serves ${slugs.length} toolkits, not ${toolkits}`);
  const userId = `bench-peer-${toolkits}`;

  const series = {
    thisApp: { run: options.appView, times: [], requests: [] } as Series,
    thisAppDataPath: { run: () => thisAppDataPath(sdk, options.appUserId), times: [], requests: [] } as Series,
    composioSession: { run: () => composioSessionView(sdk, userId, slugs), times: [], requests: [] } as Series,
    openRube: { run: () => openRubeView(sdk, slugs), times: [], requests: [] } as Series,
  };
  await controls.setLatency(addedLatencyMs);
  try {
    // The first view is counted and not timed: it also warms connections and the JIT.
    for (const entry of Object.values(series)) entry.requests = await controls.countRequests(entry.run, 100);
    for (let view = 0; view < views; view++) {
      for (const entry of Object.values(series)) {
        const started = performance.now();
        await entry.run();
        entry.times.push(performance.now() - started);
      }
    }
  } finally {
    await controls.setLatency(0);
  }

  const figures = (entry: Series): PeerFigures => ({
    requestsPerView: entry.requests.length,
    requests: [...new Set(entry.requests.map(requestPattern))],
    medianMs: round(percentile(entry.times, 50)),
    views: entry.times.length,
  });
  const thisApp = {
    ...figures(series.thisAppDataPath),
    requestsPerView: series.thisApp.requests.length,
    requests: figures(series.thisApp).requests,
    documentMedianMs: figures(series.thisApp).medianMs,
  };
  const versus = (entry: Series) => {
    const peer = figures(entry);
    return {
      ...peer,
      requestRatio: round(peer.requestsPerView / Math.max(thisApp.requestsPerView, 1)),
      timeRatio: round(peer.medianMs / thisApp.medianMs),
    };
  };
  return {
    toolkits,
    addedLatencyMs,
    thisApp,
    composioSession: versus(series.composioSession),
    openRube: versus(series.openRube),
  };
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
