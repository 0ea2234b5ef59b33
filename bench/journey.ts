// The connect-journey part of `npm run bench`: in a real browser, from the click
// on Connect Gmail to the page showing Gmail as Connected, split into steps with
// the Composio requests of each; and how soon the Connect, Disconnect and Enable
// clicks give feedback (the pending label painted).
import type { Browser, BrowserContext, Page, Request } from '@playwright/test';
import { blockPopups } from '../e2e/chromium';
import { requestPattern, type EmulatorControls } from './harness';

export type JourneyFlow = 'redirect' | 'popup';

const STEPS = ['actionToConnectLink', 'connectLinkToCallback', 'callbackVerification', 'pageUpdate'] as const;
type Step = (typeof STEPS)[number];

export type JourneyRun = {
  flow: JourneyFlow;
  addedLatencyMs: number;
  /** Click on Connect Gmail → Gmail shown as Connected, without the time a person spends on the Connect Link. */
  totalMs: number;
  steps: Record<Step, { ms: number; composioRequests: string[] }>;
  /** Documents the settings tab loaded during the page update: 1 for the redirect flow, 0 for a partial refresh. */
  pageUpdateDocumentLoads: number;
  /**
   * The popup flow's fallback while the page waits, before the callback: server-action status checks on a backoff
   * (1 s, 1 s, 2 s…), each asking Composio once, in case the popup's message never arrives. How many run depends on
   * how long the person spends on the Connect Link (here: Allow at once); none for the redirect flow.
   */
  statusChecks: { checks: number; composioRequests: string[] };
  /** Composio requests made during the journey that no browser request explains (0 expected). */
  unexplainedRequests: string[];
};

/** What a browser request of the journey was for; Composio's log is attributed through them. */
type Cause = Exclude<Step, 'connectLinkToCallback'> | 'statusCheck';
type CauseWindow = { cause: Cause; from: number; to: number };

/**
 * Marks the moments the steps are cut at, in epoch milliseconds from the page's
 * own clock (performance.timeOrigin + …), through a binding that survives
 * navigations: every document reports that it loaded, the Connect Link page when
 * it is shown and when Allow is clicked, the settings page when Gmail's badge
 * says Connected.
 */
function markerScript(emulatorOrigin: string, slug: string): string {
  // A string, not a function: tsx would wrap the functions in it in a helper that does not exist in the page.
  return `(() => {
    const now = () => performance.timeOrigin + performance.now();
    const mark = (name, at) => window.__benchMark(name, at, location.href);
    mark('document', performance.timeOrigin);
    if (location.origin === ${JSON.stringify(emulatorOrigin)}) {
      addEventListener('DOMContentLoaded', () => mark('connectLinkShown', now()));
      addEventListener('click', (event) => {
        if (event.target.closest('button[value="allow"]')) mark('allowClicked', performance.timeOrigin + event.timeStamp);
      }, true);
      return;
    }
    addEventListener('click', (event) => {
      const button = event.target.closest('button');
      if (button && (button.getAttribute('aria-label') || button.textContent).trim() === 'Connect Gmail') mark('connectClicked', performance.timeOrigin + event.timeStamp);
    }, true);
    let seen = false;
    const check = () => {
      if (seen || !document.querySelector('[aria-labelledby="toolkit-${slug}"] [data-status="connected"]')) return;
      seen = true;
      // The next frame: the update is on screen, not just in the DOM.
      requestAnimationFrame(() => mark('connectedShown', now()));
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  })();`;
}

/** The app under test has no popup flow (the click navigated the tab itself). */
export class PopupUnavailable extends Error {
  override name = 'PopupUnavailable';
}

type Mark = { name: string; at: number; href: string; page: Page };

async function instrument(context: BrowserContext, emulatorOrigin: string, flow: JourneyFlow) {
  const marks: Mark[] = [];
  // A binding survives navigations, cross-origin ones included, and tells which tab called it.
  await context.exposeBinding('__benchMark', ({ page }, name: string, at: number, href: string) => {
    marks.push({ name, at, href, page });
  });
  await context.addInitScript(markerScript(emulatorOrigin, 'gmail'));
  // The redirect flow as the app falls back to it when a browser blocks the popup.
  if (flow === 'redirect') await blockPopups(context);
  return marks;
}

/** One Connect Gmail journey for a user with no Gmail account yet, on a fresh page of `context`. */
export async function connectJourney(options: {
  context: BrowserContext;
  marks: Mark[];
  settingsUrl: string;
  emulatorOrigin: string;
  controls: EmulatorControls;
  flow: JourneyFlow;
  addedLatencyMs: number;
}): Promise<JourneyRun> {
  const { context, marks, settingsUrl, emulatorOrigin, controls, flow, addedLatencyMs } = options;
  const page = await context.newPage();
  await page.goto(settingsUrl, { waitUntil: 'networkidle' });
  const connect = page.getByRole('button', { name: 'Connect Gmail', exact: true });
  await connect.waitFor();

  // The app's requests of the journey, from the browser's own timing (the tab and the popup alike), classified once
  // the journey is over: events can arrive out of order (the callback's may come after the refresh it caused).
  const appOrigin = new URL(settingsUrl).origin;
  const appRequests: { request: Request; from: number; to: number }[] = [];
  const record = (request: Request) => {
    if (new URL(request.url()).origin !== appOrigin) return;
    const timing = request.timing();
    // A server action that redirects the tab is cut off by that navigation: it has no response end.
    const to = timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : Date.now();
    appRequests.push({ request, from: timing.startTime, to });
  };
  context.on('requestfinished', record);
  context.on('requestfailed', record);
  marks.length = 0;
  await controls.setLatency(addedLatencyMs);
  const log = await controls.requestLog(async () => {
    const leftForLink = page.waitForURL((url) => url.origin === emulatorOrigin, { timeout: 30_000 });
    const linkPage =
      flow === 'redirect'
        ? (await connect.click(), await leftForLink, page)
        : await Promise.race([
            context.waitForEvent('page', { timeout: 30_000 }).then((popup) => (leftForLink.catch(() => {}), popup)),
            connect
              .click()
              .then(() => leftForLink)
              .then(() => {
                throw new PopupUnavailable('Connect Gmail took the whole tab to the Connect Link: no popup opened');
              }),
          ]);
    const allow = linkPage.getByRole('button', { name: 'Allow' });
    await allow.waitFor();
    // A person takes seconds on the Connect Link: by then the tab shows the attempt as Pending (the action's own
    // re-render). Clicking Allow before that would let that re-render, still under way, show Connected first.
    if (flow === 'popup') await page.locator('[aria-labelledby="toolkit-gmail"] [data-status="pending"]').waitFor();
    await allow.click();
    await waitForMark(marks, 'connectedShown', page);
  });
  await controls.setLatency(0);

  appRequests.sort((a, b) => a.from - b.from);
  const callback = appRequests.find(({ request }) => new URL(request.url()).pathname === '/api/composio/callback');
  if (!callback) throw new Error('the journey never reached /api/composio/callback');
  const timing = callback.request.timing();
  // The first server action is Connect itself; the popup flow's later ones are its status checks. Whatever starts
  // after the callback updates the page: the settings document (redirect), the popup's last page, and the check its
  // message prompts, which re-renders the page in its own response.
  const actions = appRequests.filter(({ request }) => request.method() === 'POST' && request.headers()['next-action']);
  const waitingChecks = actions.slice(1).filter((entry) => entry.from < callback.from);
  const causes: CauseWindow[] = appRequests.flatMap((entry): CauseWindow[] => {
    const cause: Cause | null =
      entry === callback
        ? 'callbackVerification'
        : entry === actions[0]
          ? 'actionToConnectLink'
          : waitingChecks.includes(entry)
            ? 'statusCheck'
            : entry.from >= callback.from
              ? 'pageUpdate'
              : null;
    return cause ? [{ cause, from: entry.from, to: entry.to }] : [];
  });
  const at = (name: string, on?: Page) => {
    const found = marks.find((mark) => mark.name === name && (!on || mark.page === on));
    if (!found) throw new Error(`the ${flow} journey has no "${name}" mark`);
    return found.at;
  };
  const cuts = [
    at('connectClicked', page),
    at('connectLinkShown'),
    at('allowClicked'),
    timing.startTime + timing.requestStart,
    timing.startTime + timing.responseStart,
    at('connectedShown', page),
  ] as const;
  const windows: Record<Step, [number, number]> = {
    actionToConnectLink: [cuts[0], cuts[1]],
    connectLinkToCallback: [cuts[2], cuts[3]],
    callbackVerification: [cuts[3], cuts[4]],
    pageUpdate: [cuts[4], cuts[5]],
  };
  // Each Composio request belongs to the browser request it was made for: the narrowest one under way when it
  // reached the emulator (a status check can overlap the callback; the callback's own request is inside it).
  const attributed = new Map<Cause | 'unexplained', string[]>();
  for (const entry of log) {
    const owner = causes
      .filter((window) => entry.at >= window.from - 1 && entry.at <= window.to + 1)
      .sort((a, b) => a.to - a.from - (b.to - b.from))[0];
    const key = owner?.cause ?? 'unexplained';
    attributed.set(key, [...(attributed.get(key) ?? []), requestPattern(entry.request)]);
  }
  const requestsOf = (key: Cause | 'unexplained') => attributed.get(key) ?? [];
  const steps = Object.fromEntries(
    STEPS.map((step) => {
      const [from, to] = windows[step];
      // The Connect Link is Composio's page (the emulator's here): no request of the app's own on the way.
      const requests = step === 'connectLinkToCallback' ? [] : requestsOf(step);
      return [step, { ms: round(to - from), composioRequests: requests }];
    }),
  ) as JourneyRun['steps'];
  const pageUpdateDocumentLoads = marks.filter(
    (mark) => mark.name === 'document' && mark.page === page && mark.at >= cuts[2] && mark.href.startsWith(appOrigin),
  ).length;
  await Promise.all(context.pages().map((open) => open.close()));
  return {
    flow,
    addedLatencyMs,
    totalMs: round(cuts[1] - cuts[0] + (cuts[5] - cuts[2])),
    steps,
    pageUpdateDocumentLoads,
    statusChecks: { checks: waitingChecks.length, composioRequests: requestsOf('statusCheck') },
    unexplainedRequests: requestsOf('unexplained'),
  };
}

async function waitForMark(marks: Mark[], name: string, page: Page, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!marks.some((mark) => mark.name === name && mark.page === page)) {
    if (Date.now() > deadline) {
      const seen = marks.map((mark) => `${mark.name} ${mark.href}`).join('; ');
      throw new Error(`no "${name}" within ${timeoutMs} ms (marks: ${seen}; page at ${page.url()})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A signed-in browser context, instrumented for the journey of `flow`. */
export async function journeyContext(
  browser: Browser,
  cookie: string,
  appUrl: string,
  emulatorOrigin: string,
  flow: JourneyFlow,
) {
  const context = await browser.newContext();
  const [name, value] = cookie.split(/=(.*)/s) as [string, string];
  await context.addCookies([{ name, value, url: appUrl, httpOnly: true, sameSite: 'Lax' }]);
  const marks = await instrument(context, emulatorOrigin, flow);
  return { context, marks };
}

export type FeedbackFigure = {
  click: string;
  /** Animation frames after the click until one starts with the pending label in the page: 1 is the next frame. */
  framesToLabel: number;
  /** Click event → the start of that frame (its paint follows within it). */
  pendingLabelMs: number;
  /** Longest Event Timing duration of the interaction (INP's measure); 0 when every event was under 16 ms. */
  eventDurationMs: number;
};

/**
 * In the page (a string: tsx would wrap named functions in a helper the page
 * lacks): on the next click, count animation frames until one starts with a
 * button reading `pendingLabel`; and keep the longest Event Timing entry.
 */
function feedbackProbe(pendingLabel: string): string {
  return `(() => {
    const state = { clickAt: NaN, frames: 0, labelAt: NaN, longest: 0 };
    // Reported on the console: a Connect click may have left the page by the time the bench asks.
    const report = () => console.debug('__benchFeedback ' + JSON.stringify(state));
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longest = Math.max(state.longest, entry.duration);
      if (state.labelAt === state.labelAt) report();
    }).observe({ type: 'event', durationThreshold: 16 });
    const labelShown = () => [...document.querySelectorAll('button')].some(
      (button) => button.textContent.trim() === ${JSON.stringify(pendingLabel)});
    const frame = (now) => {
      state.frames += 1;
      if (labelShown()) {
        state.labelAt = now;
        report();
      } else if (state.frames < 600) requestAnimationFrame(frame);
    };
    addEventListener('click', (event) => {
      state.clickAt = event.timeStamp;
      requestAnimationFrame(frame);
    }, { capture: true, once: true });
  })()`;
}

/**
 * Clicks `button` and measures, inside the page, how many frames pass before
 * one shows `pendingLabel`, and the interaction's Event Timing duration. The
 * action behind the click then runs on; the caller waits for its end.
 */
export async function clickFeedback(
  page: Page,
  click: string,
  button: ReturnType<Page['getByRole']>,
  pendingLabel: string,
): Promise<FeedbackFigure> {
  await button.waitFor();
  type State = { clickAt: number; frames: number; labelAt: number; longest: number };
  let state: State | undefined;
  const onConsole = (message: import('@playwright/test').ConsoleMessage) => {
    const text = message.text();
    if (text.startsWith('__benchFeedback ')) state = JSON.parse(text.slice('__benchFeedback '.length)) as State;
  };
  page.on('console', onConsole);
  await page.evaluate(feedbackProbe(pendingLabel));
  await button.click();
  const deadline = Date.now() + 10_000;
  while (!state && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  // Event Timing entries arrive after the frame they describe (and are reported again then).
  await new Promise((resolve) => setTimeout(resolve, 150));
  page.off('console', onConsole);
  if (!state) throw new Error(`${click}: "${pendingLabel}" never shown`);
  return {
    click,
    framesToLabel: state.frames,
    pendingLabelMs: round(state.labelAt - state.clickAt),
    eventDurationMs: round(state.longest),
  };
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
