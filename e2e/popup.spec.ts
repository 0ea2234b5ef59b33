import type { Page } from '@playwright/test';
import { encode } from 'next-auth/jwt';
import { APP_URL, EMULATOR_URL, sharedAppEnv } from './servers';
import { activitySection, answerConnectLink, expect, test, toolkitCard, type Emulator } from './fixtures';
import { accountLabel, connectableToolkit, E2E_TOOLKIT_API_KEY, escapeRegExp, oauthToolkit } from './toolkits';

// Each journey has a user of its own: they may share toolkits.
const [toolkitA, toolkitB, toolkitC] = [connectableToolkit(0), connectableToolkit(1), connectableToolkit(2)];
/** Activity's line for a new connection of `name`. */
const connectedLine = (name: string) => new RegExp(`^${escapeRegExp(name)}\\W+Connected\\b`);

// These journeys let Connect open its popup; every other spec takes the full-page redirect (fixtures.ts).
test.use({ popups: true });

const WAITING = 'Waiting for you to finish in the other window…';
const DIDNT_FINISH = /^Didn.t finish\? Resume or cancel\.$/;

/** Marks the document, so that a test can tell the page updated in place rather than loading again. */
async function markDocument(page: Page) {
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
}

async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
}

/** Clicks Connect (or another button that connects) and returns the popup it opened, once it shows the Connect Link. */
async function openPopup(page: Page, button: string): Promise<Page> {
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: button, exact: true }).click();
  const popup = await popupOpened;
  await popup.waitForURL((url) => url.origin === EMULATOR_URL);
  return popup;
}

/**
 * The proof the callback puts on the finish page's URL (lib/composio/finish-page.ts), made here independently with
 * the e2e secret: for journeys about the finish page itself, without a Connect before each.
 */
function finishProof(userId: string, maxAge = 60): Promise<string> {
  return encode({ token: { sub: userId }, secret: sharedAppEnv.AUTH_SECRET, salt: 'connection-finished/v1', maxAge });
}

/** Makes `page` record what it hears on the app's channel, as the settings tab's listener would. */
async function listenForAnnouncements(page: Page) {
  await page.evaluate(() => {
    const channel = new BroadcastChannel('composio-connections');
    channel.onmessage = (event) =>
      Object.assign(window, { heard: [...((window as never)['heard'] ?? []), event.data] });
  });
}

function announcementsHeard(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as never)['heard'] ?? []);
}

async function statuses(emulator: Emulator, userId: string) {
  return (await emulator.accounts(userId)).map((account) => [account.toolkit.slug, account.status]);
}

test.beforeEach(async ({ page, user }) => {
  expect(user.id).toMatch(/^demo:/);
  await page.goto('/settings/integrations');
});

test(
  'Connect opens a popup; Allow there closes it, and the page shows Connected with a toast, in place',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    await markDocument(page);
    await emulator.clearRequests();
    const popup = await openPopup(page, `Connect ${toolkitA.name}`);
    const card = toolkitCard(page, toolkitA.name);
    await expect(card.getByText(WAITING)).toBeVisible();
    await expect(card.getByRole('button', { name: `Cancel ${toolkitA.name} connection` })).toBeVisible();
    await expect(popup.getByText(user.id)).toBeVisible();
    // The Connect Link page sends COOP, as provider pages do: the popup has no way back to the page.
    expect(await popup.evaluate(() => window.opener)).toBeNull();

    const closed = popup.waitForEvent('close');
    await answerConnectLink(popup, 'Allow');
    await closed;
    await expect(page.getByText(`${toolkitA.name} connected`)).toBeVisible();
    await expect(card.getByText('Connected', { exact: true })).toBeVisible();
    await expect(card.getByText(accountLabel(toolkitA))).toBeVisible();
    await expect(card.getByText(WAITING)).toHaveCount(0);
    expect(await isSameDocument(page)).toBe(true);
    expect(page.url()).toBe(`${APP_URL}/settings/integrations`);
    expect(await statuses(emulator, user.id)).toEqual([[toolkitA.slug, 'ACTIVE']]);
    await expect(activitySection(page).getByRole('listitem')).toHaveText([connectedLine(toolkitA.name)]);
    // Composio requests: the server action (session + Connect Link); the page's re-renders (with the attempt, and after
    // the popup's message) read the connections table, not Composio's list; the identity verifier's redemption, which
    // answers with the account; status checks read it meanwhile (one after the verifier used the attempt up asks
    // Composio nothing).
    const paths = (await emulator.requests()).map((request) => `${request.method} ${request.path}`);
    const count = (pattern: RegExp) => paths.filter((path) => pattern.test(path)).length;
    expect(count(/^POST \/api\/v3\.1\/tool_router\/session$/)).toBe(1);
    expect(count(/^POST \/api\/v3\.1\/tool_router\/session\/[\w-]+\/link$/)).toBe(1);
    expect(count(/^GET \/api\/v3\.1\/connected_accounts$/)).toBe(0);
    expect(count(/^POST \/api\/v3\.1\/connected_accounts\/complete_auth$/)).toBe(1);
  },
);

test('the popup’s message never arrives: the page’s own status checks settle it', async ({ page, emulator, user }) => {
  // No BroadcastChannel in the page: only the bounded status checks can tell it the popup finished.
  await page.addInitScript(() => Object.defineProperty(window, 'BroadcastChannel', { value: undefined }));
  await page.reload();
  await markDocument(page);
  const popup = await openPopup(page, `Connect ${toolkitB.name}`);
  const closed = popup.waitForEvent('close');
  await answerConnectLink(popup, 'Allow');
  await closed;
  await expect(page.getByText(`${toolkitB.name} connected`)).toBeVisible({ timeout: 15_000 });
  await expect(toolkitCard(page, toolkitB.name).getByText('Connected', { exact: true })).toBeVisible();
  expect(await isSameDocument(page)).toBe(true);
  expect(await statuses(emulator, user.id)).toEqual([[toolkitB.slug, 'ACTIVE']]);
});

test('the popup never reaches the callback: the page confirms the attempt itself, once', async ({
  page,
  emulator,
  user,
}) => {
  // A project without the identity verifier: with it, nothing but the verifier's redemption completes the account.
  await emulator.verifier(false, user.id);
  await markDocument(page);
  const popup = await openPopup(page, `Connect ${toolkitC.name}`);
  // Allow at the Connect Link without following its redirect back to the app, then the window goes away.
  // From this browser, which the link is bound to (its cookies).
  const allowed = await popup.request.post(popup.url(), {
    form: { decision: 'allow', api_key: E2E_TOOLKIT_API_KEY },
    maxRedirects: 0,
  });
  expect(allowed.status()).toBe(303);
  const callback = allowed.headers()['location']!;
  await popup.close();
  await expect(page.getByText(`${toolkitC.name} connected`)).toBeVisible({ timeout: 15_000 });
  await expect(toolkitCard(page, toolkitC.name).getByText('Connected', { exact: true })).toBeVisible();
  expect(await isSameDocument(page)).toBe(true);

  // Its callback arriving late (a slow popup) finds the attempt already confirmed: no second toast, no error.
  const late = await page.context().newPage();
  await late.goto(callback);
  await expect(late).toHaveURL(/\/settings\/integrations$/);
  await expect(toolkitCard(late, toolkitC.name).getByText('Connected', { exact: true })).toBeVisible();
  await expect(late.getByText("doesn't match the connection you started")).toHaveCount(0);
  await expect(late.getByText(`${toolkitC.name} connected`)).toHaveCount(0);
  await page.reload();
  await expect(activitySection(page).getByRole('listitem')).toHaveText([connectedLine(toolkitC.name)]);
  expect(await statuses(emulator, user.id)).toEqual([[toolkitC.slug, 'ACTIVE']]);
});

test('Cancel while waiting deletes the attempt and stops waiting', async ({ page, emulator, user }) => {
  await openPopup(page, `Connect ${toolkitA.name}`);
  const card = toolkitCard(page, toolkitA.name);
  await expect(card.getByText(WAITING)).toBeVisible();
  await card.getByRole('button', { name: `Cancel ${toolkitA.name} connection` }).click();
  await expect(page.getByText(`${toolkitA.name} connection cancelled`)).toBeVisible();
  await expect(card.getByText('Not connected')).toBeVisible();
  await expect(card.getByText(WAITING)).toHaveCount(0);
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('closing the popup without finishing leaves the attempt pending, with Resume and Cancel', async ({
  page,
  emulator,
  user,
}) => {
  const popup = await openPopup(page, `Connect ${toolkitB.name}`);
  await popup.close();
  const card = toolkitCard(page, toolkitB.name);
  await expect(card.getByRole('link', { name: `Resume ${toolkitB.name}` })).toBeVisible();
  await expect(card.getByRole('button', { name: `Cancel ${toolkitB.name} connection` })).toBeVisible();

  // Resume reopens the popup on the same Connect Link, and finishing there settles the page.
  const reopened = page.waitForEvent('popup');
  await card.getByRole('link', { name: `Resume ${toolkitB.name}` }).click();
  const again = await reopened;
  await again.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(again, 'Allow');
  await expect(page.getByText(`${toolkitB.name} connected`)).toBeVisible();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  expect(await statuses(emulator, user.id)).toEqual([[toolkitB.slug, 'ACTIVE']]);
});

test('a pending popup attempt survives a reload, with Resume and Cancel', async ({ page, emulator, user }) => {
  const popup = await openPopup(page, `Connect ${toolkitC.name}`);
  await popup.close();
  await page.reload();
  const card = toolkitCard(page, toolkitC.name);
  await expect(card.getByText('Pending', { exact: true })).toBeVisible();
  await expect(card.getByRole('link', { name: `Resume ${toolkitC.name}` })).toBeVisible();
  await expect(card.getByText(WAITING)).toHaveCount(0);
  await card.getByRole('button', { name: `Cancel ${toolkitC.name} connection` }).click();
  await expect(card.getByText('Not connected')).toBeVisible();
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('Resume in the tab after a reload: the callback’s popup page sends the tab back to the page, with the toast', async ({
  page,
  emulator,
  user,
}) => {
  const popup = await openPopup(page, `Connect ${toolkitB.name}`);
  await popup.close();
  await page.reload();
  await toolkitCard(page, toolkitB.name)
    .getByRole('link', { name: `Resume ${toolkitB.name}` })
    .click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(page, 'Allow');
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByText(`${toolkitB.name} connected`)).toBeVisible();
  expect(await statuses(emulator, user.id)).toEqual([[toolkitB.slug, 'ACTIVE']]);
});

test('the popup page only ever sends a tab to a same-origin path', async ({ page }) => {
  // Only where the tab is sent matters here: the pages it lands on are answered without rendering them.
  for (const path of ['/settings/integrations', '/onboarding']) {
    await page.route(`${APP_URL}${path}`, (route) => route.fulfill({ contentType: 'text/html', body: 'landed' }));
  }
  for (const to of ['https://evil.example', '//evil.example', '/.//evil.example', 'javascript:alert(1)']) {
    await page.goto(`/connected?to=${encodeURIComponent(to)}`);
    await expect(page).toHaveURL(`${APP_URL}/settings/integrations`);
  }
  await page.goto(`/connected?to=${encodeURIComponent('/onboarding')}`);
  await expect(page).toHaveURL(`${APP_URL}/onboarding`);
});

test('the popup page tells the other windows as its HTML arrives, before (or without) the app loading', async ({
  page,
  context,
  user,
}) => {
  // A listener in another window of the app, as the waiting settings tab has.
  await listenForAnnouncements(page);
  // The popup's last page with the app's JavaScript failing to load: only what is in its HTML can run.
  const popup = await context.newPage();
  await popup.route('**/_next/static/**', (route) => route.abort());
  await popup.route(`${APP_URL}/settings/integrations`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '' }),
  );
  await popup.goto(`/connected?to=%2Fsettings%2Fintegrations&proof=${await finishProof(user.id)}`);
  await expect(popup.getByRole('heading', { name: 'Connection finished' })).toBeVisible();
  await expect.poll(() => announcementsHeard(page)).toEqual(['changed']);
});

test('only the callback’s finish page announces: /connected opened by anyone else tells no window', async ({
  page,
  context,
  user,
}) => {
  await listenForAnnouncements(page);
  const opened = await context.newPage();
  await opened.route(`${APP_URL}/settings/integrations`, (route) =>
    route.fulfill({ contentType: 'text/html', body: 'landed' }),
  );
  const forged = [
    '',
    '?to=%2Fsettings%2Fintegrations',
    '?proof=forged',
    `?proof=${await finishProof('demo:000000000000000000000000')}`, // someone else's
    `?proof=${await finishProof(user.id, -120)}`, // expired
  ];
  for (const query of forged) {
    // As another site would open it (a link, window.open): the page loads, tries to close, and goes back.
    await opened.goto(`/connected${query}`);
    await expect(opened).toHaveURL(`${APP_URL}/settings/integrations`);
  }
  // The callback's own page is heard, once: nothing before it was.
  await opened.goto(`/connected?proof=${await finishProof(user.id)}`);
  await expect(opened).toHaveURL(`${APP_URL}/settings/integrations`);
  await expect.poll(() => announcementsHeard(page)).toEqual(['changed']);
});

test('two tabs, two popups: each finishes its own attempt', async ({ page, context, emulator, user }) => {
  const tabB = await context.newPage();
  await tabB.goto('/settings/integrations');
  const popupA = await openPopup(page, `Connect ${toolkitA.name}`);
  const popupB = await openPopup(tabB, `Connect ${toolkitC.name}`);

  await answerConnectLink(popupA, 'Allow');
  await expect(page.getByText(`${toolkitA.name} connected`)).toBeVisible();
  await expect(toolkitCard(page, toolkitA.name).getByText('Connected', { exact: true })).toBeVisible();
  await expect(page.getByText("doesn't match the connection you started")).toHaveCount(0);
  // Tab B still waits on its own popup.
  await expect(toolkitCard(tabB, toolkitC.name).getByText(WAITING)).toBeVisible();

  await answerConnectLink(popupB, 'Allow');
  await expect(tabB.getByText(`${toolkitC.name} connected`)).toBeVisible();
  await expect(toolkitCard(tabB, toolkitC.name).getByText('Connected', { exact: true })).toBeVisible();
  expect((await statuses(emulator, user.id)).sort()).toEqual(
    [
      [toolkitA.slug, 'ACTIVE'],
      [toolkitC.slug, 'ACTIVE'],
    ].sort(),
  );
});

test('a double click on Connect opens one popup and starts one attempt', async ({ page, emulator, user }) => {
  const popups: Page[] = [];
  page.on('popup', (popup) => popups.push(popup));
  await page.getByRole('button', { name: `Connect ${toolkitA.name}`, exact: true }).dblclick();
  await expect(toolkitCard(page, toolkitA.name).getByText(WAITING)).toBeVisible();
  expect(popups).toHaveLength(1);
  expect(await statuses(emulator, user.id)).toEqual([[toolkitA.slug, 'INITIATED']]);
});

test('a blocked popup falls back to the full-page redirect', async ({ page, emulator, user }) => {
  await page.addInitScript(() => Object.assign(window, { open: () => null }));
  await page.reload();
  await page.getByRole('button', { name: `Connect ${toolkitA.name}`, exact: true }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(page, 'Allow');
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByText(`${toolkitA.name} connected`)).toBeVisible();
  expect(await statuses(emulator, user.id)).toEqual([[toolkitA.slug, 'ACTIVE']]);
});

test('Reconnect opens the popup too, and replaces the expired account', async ({ page, emulator, user }) => {
  const first = await openPopup(page, `Connect ${toolkitA.name}`);
  await answerConnectLink(first, 'Allow');
  const card = toolkitCard(page, toolkitA.name);
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  const [old] = await emulator.accounts(user.id);
  await emulator.expire(old!.id);
  await page.reload();
  const popup = await openPopup(page, `Reconnect ${toolkitA.name}`);
  await answerConnectLink(popup, 'Allow');
  await expect(page.getByText(`${toolkitA.name} connected`)).toBeVisible();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => account.status)).toEqual(['ACTIVE']);
  expect(accounts[0]!.id).not.toBe(old!.id);
});

test.describe('where popups do not fit, Connect is the full-page redirect', () => {
  test('a phone-sized screen', async ({ page, emulator, user }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.reload();
    await page.getByRole('button', { name: `Connect ${toolkitA.name}`, exact: true }).click();
    await page.waitForURL((url) => url.origin === EMULATOR_URL);
    await answerConnectLink(page, 'Allow');
    await expect(page.getByText(`${toolkitA.name} connected`)).toBeVisible();
    expect(await statuses(emulator, user.id)).toEqual([[toolkitA.slug, 'ACTIVE']]);
  });
});

test('the popup closed without finishing: back on the page, the card says so within seconds, with Resume and Cancel', async ({
  page,
  emulator,
  user,
}) => {
  const toolkit = oauthToolkit();
  const popup = await openPopup(page, `Connect ${toolkit.name}`);
  const card = toolkitCard(page, toolkit.name);
  await expect(card.getByText(WAITING)).toBeVisible();
  await popup.close();
  // The person is back: the pointer moves over the page (a real browser also gives it the focus).
  await expect(async () => {
    await page.mouse.move(20 + Math.random() * 200, 20 + Math.random() * 200);
    await expect(card.getByText(DIDNT_FINISH)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 8000 });
  await expect(card.getByText(WAITING)).toHaveCount(0);
  await expect(card.getByRole('link', { name: `Resume ${toolkit.name}` })).toBeVisible();
  await expect(card.getByRole('button', { name: `Cancel ${toolkit.name} connection` })).toBeVisible();
  expect(await statuses(emulator, user.id)).toEqual([[toolkit.slug, 'INITIATED']]);

  // Resume reopens it and waits again; finishing there still updates the page in place, never "Didn't finish".
  await markDocument(page);
  const reopened = page.waitForEvent('popup');
  await card.getByRole('link', { name: `Resume ${toolkit.name}` }).click();
  const again = await reopened;
  await again.waitForURL((url) => url.origin === EMULATOR_URL);
  await expect(card.getByText(WAITING)).toBeVisible();
  const closed = again.waitForEvent('close');
  await again.getByRole('button', { name: 'Allow' }).click();
  await closed;
  await page.mouse.move(300, 300);
  await expect(page.getByText(`${toolkit.name} connected`)).toBeVisible();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  await expect(card.getByText(DIDNT_FINISH)).toHaveCount(0);
  expect(await isSameDocument(page)).toBe(true);
});

test('after a popup Connect, the keyboard focus is on the toolkit, not lost to the page', async ({ page }) => {
  const toolkit = oauthToolkit();
  const popup = await openPopup(page, `Connect ${toolkit.name}`);
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Allow' }).click();
  await closed;
  await expect(toolkitCard(page, toolkit.name).getByText('Connected', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: toolkit.name, exact: true })).toBeFocused();
});
