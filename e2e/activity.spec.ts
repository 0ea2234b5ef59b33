import { readFileSync } from 'node:fs';
import { APP_URL, DB_DOWN_APP_URL, DB_DOWN_LOG, EMULATOR_API_KEY, EMULATOR_URL, SECOND_APP_URL } from './servers';
import {
  activitySection,
  connectThroughEmulator,
  expect,
  signedWebhook,
  test,
  toolkitCard,
  type Emulator,
  type SignedInUser,
} from './fixtures';
import type { Page } from '@playwright/test';

/** The Activity list's items as a person reads them: "Gmail — Connected — demo@gmail.example — just now". */
async function activityLines(page: Page): Promise<string[]> {
  const items = activitySection(page).getByRole('listitem');
  return (await items.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

async function gmailAccount(emulator: Emulator, user: SignedInUser) {
  const account = (await emulator.accounts(user.id)).find((candidate) => candidate.toolkit.slug === 'gmail');
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
  await connectThroughEmulator(page, 'Gmail');
  await expect(page.getByText('Gmail connected')).toBeVisible();
  const gmail = toolkitCard(page, 'Gmail');
  await gmail.getByRole('button', { name: 'More actions for Gmail' }).click();
  await page.getByRole('menuitem', { name: 'Disable' }).click();
  await expect(gmail.getByText('Disabled', { exact: true })).toBeVisible();
  await gmail.getByRole('button', { name: 'Enable Gmail' }).click();
  await expect(gmail.getByText('Connected', { exact: true })).toBeVisible();
  await gmail.getByRole('button', { name: 'Disconnect Gmail' }).click();
  await page
    .getByRole('alertdialog', { name: 'Disconnect Gmail?' })
    .getByRole('button', { name: 'Disconnect', exact: true })
    .click();
  await expect(gmail.getByText('Not connected')).toBeVisible();

  await expect
    .poll(() => activityLines(page))
    .toEqual([
      'Gmail — Disconnected — demo@gmail.example — just now',
      'Gmail — Enabled — demo@gmail.example — just now',
      'Gmail — Disabled — demo@gmail.example — just now',
      'Gmail — Connected — demo@gmail.example — just now',
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
  await connectThroughEmulator(page, 'Slack', 'Deny');
  await expect(page.getByText('Slack was not connected')).toBeVisible();

  await page.getByRole('button', { name: 'Connect Notion' }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.goto('/settings/integrations');
  await toolkitCard(page, 'Notion').getByRole('button', { name: 'Cancel Notion connection' }).click();
  await expect(toolkitCard(page, 'Notion').getByText('Not connected')).toBeVisible();

  await connectThroughEmulator(page, 'Linear');
  const linear = toolkitCard(page, 'Linear');
  await linear.getByText('Add another account').click();
  await linear.getByLabel('Account name').fill('work');
  await linear.getByRole('button', { name: 'Connect another Linear account' }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText('Linear connected')).toBeVisible();

  await expect
    .poll(async () => (await activityLines(page)).map((line) => line.replace(/ — just now$/, '')))
    .toEqual([
      'Linear — Connected — work',
      expect.stringMatching(/^Linear — Connected/),
      expect.stringMatching(/^Notion — Cancelled/),
      expect.stringMatching(/^Slack — Failed/),
    ]);
});

test('an expiry webhook delivered three times adds ONE Expired event; Reconnect shows, and reconnecting is Reconnected', async ({
  page,
  emulator,
  user,
}) => {
  // Both required toolkits, so that the home page is past onboarding and shows the banner.
  await connectThroughEmulator(page, 'Slack');
  await connectThroughEmulator(page, 'Gmail');
  await expect(page.getByText('Gmail connected')).toBeVisible();
  const deliveries = await emulator.expire((await gmailAccount(emulator, user)).id, 3);
  expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);

  await page.goto('/');
  const banner = page.getByRole('alert').filter({ hasText: 'Access to Gmail expired' });
  await expect(banner).toBeVisible();
  await page.goto('/settings/integrations');
  await expect
    .poll(() => activityLines(page))
    .toEqual([
      'Gmail — Expired — demo@gmail.example (reported by Composio) — just now',
      'Gmail — Connected — demo@gmail.example — just now',
      expect.stringMatching(/^Slack — Connected/),
    ]);

  await toolkitCard(page, 'Gmail').getByRole('button', { name: 'Reconnect Gmail' }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText('Gmail connected')).toBeVisible();
  await expect
    .poll(async () => (await activityLines(page))[0])
    .toBe('Gmail — Reconnected — demo@gmail.example — just now');
});

test('the same signed delivery sent to both instances is processed once', async ({ page, emulator, user }) => {
  await connectThroughEmulator(page, 'Gmail');
  const account = await gmailAccount(emulator, user);
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
  await connectThroughEmulator(page, 'Gmail');
  const account = await gmailAccount(emulator, user);
  for (let n = 0; n < 24; n++) await emulator.expire(account.id);
  await page.reload();

  const items = activitySection(page).getByRole('listitem');
  await expect(items).toHaveCount(20);
  await activitySection(page).getByRole('button', { name: 'Show more' }).click();
  await expect(items).toHaveCount(25);
  await expect(activitySection(page).getByRole('button', { name: 'Show more' })).toHaveCount(0);
  const lines = await activityLines(page);
  expect(lines.at(-1)).toMatch(/^Gmail — Connected/);
  expect(lines.slice(0, 24).every((line) => line.startsWith('Gmail — Expired'))).toBe(true);
});

test('database down: connections still show, Activity says so with Retry, and connect/disconnect work and log the event', async ({
  page,
  emulator,
  user,
}) => {
  // The session cookie is for the host, so this browser is signed in on the other port too.
  await page.goto(`${DB_DOWN_APP_URL}/settings/integrations`);
  await expect(toolkitCard(page, 'Gmail').getByText('Not connected')).toBeVisible();
  const activity = activitySection(page);
  await expect(activity.getByRole('alert')).toContainText('Activity is unavailable right now');
  await expect(activity.getByRole('button', { name: 'Retry' })).toBeVisible();

  await connectThroughEmulator(page, 'Gmail');
  await expect(page).toHaveURL(`${DB_DOWN_APP_URL}/settings/integrations`);
  await expect(page.getByText('Gmail connected')).toBeVisible();
  const account = await gmailAccount(emulator, user);
  expect(account.status).toBe('ACTIVE');

  await toolkitCard(page, 'Gmail').getByRole('button', { name: 'Disconnect Gmail' }).click();
  await page
    .getByRole('alertdialog', { name: 'Disconnect Gmail?' })
    .getByRole('button', { name: 'Disconnect', exact: true })
    .click();
  // Every database call fails here (and is logged), which is slow on a busy machine: allow it time.
  await expect(page.getByText('Gmail disconnected')).toBeVisible({ timeout: 30_000 });
  expect(await emulator.accounts(user.id)).toEqual([]);

  const notRecorded = () =>
    readFileSync(DB_DOWN_LOG, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('[activity] event not recorded: '))
      .map((line) => JSON.parse(line.slice('[activity] event not recorded: '.length)) as Record<string, unknown>)
      .filter((record) => record.userId === user.id);
  await expect.poll(() => notRecorded().length).toBe(2);
  const logged = notRecorded();
  expect(logged).toEqual([
    expect.objectContaining({ kind: 'connected', toolkit: 'gmail', connectedAccountId: account.id, source: 'user' }),
    expect.objectContaining({ kind: 'disconnected', toolkit: 'gmail', connectedAccountId: account.id, source: 'user' }),
  ]);
  expect(logged[0]).toHaveProperty('accountLabel', 'demo@gmail.example');
  expect(logged[0]).toHaveProperty('at');
});
