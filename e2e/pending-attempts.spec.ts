import type { Page } from '@playwright/test';
import { EMULATOR_URL } from './servers';
import { expect, test, toolkitCard } from './fixtures';

/** Starts Connect for `name` in `page` and stops on the Connect Link page (the full-page redirect path). */
async function startConnect(page: Page, name: string) {
  await page.goto('/settings/integrations');
  await page.getByRole('button', { name: `Connect ${name}`, exact: true }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
}

test('two tabs: each callback confirms its own attempt, and the other stays pending', async ({
  page,
  context,
  emulator,
  user,
}) => {
  const tabB = await context.newPage();
  await startConnect(page, 'GitHub');
  await startConnect(tabB, 'Notion');

  // Both attempts are this browser's: the page offers to resume either, not only the latest.
  const overview = await context.newPage();
  await overview.goto('/settings/integrations');
  await expect(toolkitCard(overview, 'GitHub').getByRole('link', { name: 'Resume GitHub' })).toBeVisible();
  await expect(toolkitCard(overview, 'Notion').getByRole('link', { name: 'Resume Notion' })).toBeVisible();

  // Allow in the first tab, after the second tab started its own attempt.
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByText('GitHub connected')).toBeVisible();
  await expect(page.getByText("doesn't match the connection you started")).toHaveCount(0);
  await expect(toolkitCard(page, 'GitHub').getByText('Connected', { exact: true })).toBeVisible();
  await expect(toolkitCard(page, 'Notion').getByRole('link', { name: 'Resume Notion' })).toBeVisible();

  await tabB.getByRole('button', { name: 'Allow' }).click();
  await expect(tabB).toHaveURL(/\/settings\/integrations$/);
  await expect(tabB.getByText('Notion connected')).toBeVisible();
  await expect(toolkitCard(tabB, 'Notion').getByText('Connected', { exact: true })).toBeVisible();

  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => [account.toolkit.slug, account.status]).sort()).toEqual([
    ['github', 'ACTIVE'],
    ['notion', 'ACTIVE'],
  ]);
});

test('cancelling one pending attempt leaves the others pending', async ({ page, context, emulator, user }) => {
  await startConnect(page, 'Linear');
  await startConnect(await context.newPage(), 'Jira');
  await page.goto('/settings/integrations');
  await toolkitCard(page, 'Linear').getByRole('button', { name: 'Cancel Linear connection' }).click();
  await expect(page.getByText('Linear connection cancelled')).toBeVisible();
  await expect(toolkitCard(page, 'Linear').getByText('Not connected')).toBeVisible();
  await page.reload();
  await expect(toolkitCard(page, 'Jira').getByRole('link', { name: 'Resume Jira' })).toBeVisible();
  expect((await emulator.accounts(user.id)).map((account) => [account.toolkit.slug, account.status])).toEqual([
    ['jira', 'INITIATED'],
  ]);
});

test('a browser keeps at most five attempts: a sixth drops the oldest, whose callback is then refused', async ({
  page,
  context,
  emulator,
  user,
}) => {
  // Six Connect Links in six tabs: more than the default 45 s on a busy 2-core machine.
  test.setTimeout(90_000);
  const names = ['Gmail', 'Slack', 'GitHub', 'Google Calendar', 'Notion', 'Linear'];
  const tabs: Page[] = [];
  for (const name of names) {
    const tab = await context.newPage();
    await startConnect(tab, name);
    tabs.push(tab);
  }
  await page.goto('/settings/integrations');
  await expect(toolkitCard(page, 'Gmail').getByRole('link', { name: 'Resume Gmail' })).toHaveCount(0);
  for (const name of names.slice(1)) {
    await expect(toolkitCard(page, name).getByRole('link', { name: `Resume ${name}` })).toBeVisible();
  }
  await tabs[0]!.getByRole('button', { name: 'Allow' }).click();
  await expect(tabs[0]!.getByText("doesn't match the connection you started")).toBeVisible();
  await tabs[5]!.getByRole('button', { name: 'Allow' }).click();
  await expect(tabs[5]!.getByText('Linear connected')).toBeVisible();
  const statuses = Object.fromEntries(
    (await emulator.accounts(user.id)).map((account) => [account.toolkit.slug, account.status]),
  );
  expect(statuses['linear']).toBe('ACTIVE');
});
