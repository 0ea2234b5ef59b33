import { APP_URL, EMULATOR_API_KEY, EMULATOR_URL, SECOND_APP_URL } from './servers';
import {
  activitySection,
  answerConnectLink,
  connectThroughEmulator,
  expect,
  signedWebhook,
  test,
  toolkitCard,
  type Emulator,
  type SignedInUser,
} from './fixtures';
import {
  accountLabel,
  connectableToolkit,
  escapeRegExp,
  requiredToolkit,
  requiredToolkits,
  type Toolkit,
} from './toolkits';
import type { Page } from '@playwright/test';

const [first, second, third] = [connectableToolkit(0), connectableToolkit(1), connectableToolkit(2)];

/** The Activity list's items as a person reads them: "Mail — Connected — demo@mail.example — just now". */
async function activityLines(page: Page): Promise<string[]> {
  const items = activitySection(page).getByRole('listitem');
  return (await items.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** A line that starts with the toolkit's name and this event. */
const startsWith = (toolkit: Toolkit, event: string) =>
  expect.stringMatching(new RegExp(`^${escapeRegExp(toolkit.name)} — ${event}`));

async function accountOf(emulator: Emulator, user: SignedInUser, toolkit: Toolkit = first) {
  const account = (await emulator.accounts(user.id)).find((candidate) => candidate.toolkit.slug === toolkit.slug);
  expect(account).toBeDefined();
  return account!;
}

test.beforeEach(async ({ page, user }) => {
  expect(user.id).toMatch(/^demo:/);
  await page.goto('/settings/integrations');
});

test('a new user sees "No activity yet."', async ({ page }) => {
  await expect(activitySection(page).getByRole('heading', { name: 'Activity' })).toBeVisible();
  await expect(activitySection(page).getByText('No activity yet.')).toBeVisible();
  await expect(activitySection(page).getByRole('listitem')).toHaveCount(0);
});

test('connect, disable, enable and disconnect each add one event, newest first, with the account and the time', async ({
  page,
}) => {
  await connectThroughEmulator(page, first.name);
  await expect(page.getByText(`${first.name} connected`)).toBeVisible();
  const card = toolkitCard(page, first.name);
  await card.getByRole('button', { name: `More actions for ${first.name}` }).click();
  await page.getByRole('menuitem', { name: 'Disable' }).click();
  await expect(card.getByText('Disabled', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: `Enable ${first.name}` }).click();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: `Disconnect ${first.name}` }).click();
  await page
    .getByRole('alertdialog', { name: `Disconnect ${first.name}?` })
    .getByRole('button', { name: 'Disconnect', exact: true })
    .click();
  await expect(card.getByText('Not connected')).toBeVisible();

  await expect
    .poll(() => activityLines(page))
    .toEqual([
      `${first.name} — Disconnected — ${accountLabel(first)} — just now`,
      `${first.name} — Enabled — ${accountLabel(first)} — just now`,
      `${first.name} — Disabled — ${accountLabel(first)} — just now`,
      `${first.name} — Connected — ${accountLabel(first)} — just now`,
    ]);
  const time = activitySection(page).getByRole('listitem').first().locator('time');
  const dateTime = (await time.getAttribute('datetime')) ?? '';
  expect(Math.abs(Date.parse(dateTime) - Date.now())).toBeLessThan(120_000);
  await expect(time).toHaveAttribute('title', /\d{4}, \d{1,2}:\d{2}:\d{2} [AP]M UTC$/);
  // The record lives in the shared database: the second instance shows the same history.
  await page.goto(`${SECOND_APP_URL}/settings/integrations`);
  await expect.poll(() => activityLines(page)).toHaveLength(4);
});

test('a denied Connect Link is Failed, a cancelled attempt is Cancelled, an alias is the account', async ({ page }) => {
  await connectThroughEmulator(page, second.name, 'Deny');
  await expect(page.getByText(`${second.name} was not connected`)).toBeVisible();

  await page.getByRole('button', { name: `Connect ${third.name}` }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.goto('/settings/integrations');
  await toolkitCard(page, third.name)
    .getByRole('button', { name: `Cancel ${third.name} connection` })
    .click();
  await expect(toolkitCard(page, third.name).getByText('Not connected')).toBeVisible();

  await connectThroughEmulator(page, first.name);
  const card = toolkitCard(page, first.name);
  await card.getByText('Add another account').click();
  await card.getByLabel('Account name').fill('work');
  await card.getByRole('button', { name: `Connect another ${first.name} account` }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(page, 'Allow');
  await expect(page.getByText(`${first.name} connected`)).toBeVisible();

  await expect
    .poll(async () => (await activityLines(page)).map((line) => line.replace(/ — just now$/, '')))
    .toEqual([
      `${first.name} — Connected — work · ${accountLabel(first)}`,
      startsWith(first, 'Connected'),
      startsWith(third, 'Cancelled'),
      startsWith(second, 'Failed'),
    ]);
});

test('an expiry webhook delivered three times adds ONE Expired event; Reconnect shows, and reconnecting is Reconnected', async ({
  page,
  emulator,
  user,
}) => {
  // Every required toolkit, so that the home page is past onboarding and shows the banner; the expiring one last.
  const expiring = requiredToolkit();
  const others = requiredToolkits.filter((toolkit) => toolkit !== expiring);
  for (const toolkit of [...others, expiring]) await connectThroughEmulator(page, toolkit.name);
  await expect(page.getByText(`${expiring.name} connected`)).toBeVisible();
  const deliveries = await emulator.expire((await accountOf(emulator, user, expiring)).id, 3);
  expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);

  await page.goto('/');
  const banner = page.getByRole('alert').filter({ hasText: `Access to ${expiring.name} expired` });
  await expect(banner).toBeVisible();
  await page.goto('/settings/integrations');
  await expect
    .poll(() => activityLines(page))
    .toEqual([
      `${expiring.name} — Expired — ${accountLabel(expiring)} (reported by Composio) — just now`,
      `${expiring.name} — Connected — ${accountLabel(expiring)} — just now`,
      ...[...others].reverse().map((toolkit) => startsWith(toolkit, 'Connected')),
    ]);

  await toolkitCard(page, expiring.name)
    .getByRole('button', { name: `Reconnect ${expiring.name}` })
    .click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(page, 'Allow');
  await expect(page.getByText(`${expiring.name} connected`)).toBeVisible();
  await expect
    .poll(async () => (await activityLines(page))[0])
    .toBe(`${expiring.name} — Reconnected — ${accountLabel(expiring)} — just now`);
});

test('the same signed delivery sent to both instances is processed once', async ({ page, emulator, user }) => {
  await connectThroughEmulator(page, first.name);
  const account = await accountOf(emulator, user);
  // The account as Composio's API returns it: the event's `data` has the same shape.
  const response = await fetch(`${EMULATOR_URL}/api/v3.1/connected_accounts/${account.id}`, {
    headers: { 'x-api-key': EMULATOR_API_KEY },
  });
  const event = JSON.stringify({
    id: 'msg_cross_instance',
    timestamp: new Date().toISOString(),
    type: 'composio.connected_account.expired',
    metadata: { project_id: 'pr_e2e', org_id: 'ok_e2e' },
    data: { ...((await response.json()) as object), status: 'EXPIRED' },
  });
  const headers = signedWebhook(event);
  const statuses: number[] = [];
  for (const base of [APP_URL, SECOND_APP_URL, APP_URL]) {
    statuses.push((await fetch(`${base}/api/composio/webhook`, { method: 'POST', headers, body: event })).status);
  }
  expect(statuses).toEqual([200, 200, 200]);
  await page.reload();
  await expect.poll(async () => (await activityLines(page)).filter((line) => line.includes('Expired'))).toHaveLength(1);
});

test('Show more pages back through older events until there are none', async ({ page, emulator, user }) => {
  await connectThroughEmulator(page, first.name);
  const account = await accountOf(emulator, user);
  for (let n = 0; n < 24; n++) await emulator.expire(account.id);
  await page.reload();

  const items = activitySection(page).getByRole('listitem');
  await expect(items).toHaveCount(20);
  await activitySection(page).getByRole('button', { name: 'Show more' }).click();
  await expect(items).toHaveCount(25);
  await expect(activitySection(page).getByRole('button', { name: 'Show more' })).toHaveCount(0);
  const lines = await activityLines(page);
  expect(lines.at(-1)).toEqual(startsWith(first, 'Connected'));
  expect(lines.slice(0, 24).every((line) => line.startsWith(`${first.name} — Expired`))).toBe(true);
});
