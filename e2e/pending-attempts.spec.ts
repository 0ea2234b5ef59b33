import type { Page } from '@playwright/test';
import { EMULATOR_URL, SHOW_ALL_APP_URL } from './servers';
import { answerConnectLink, expect, test, toolkitCard } from './fixtures';
import { catalogToolkits, connectableToolkit, connectableToolkits } from './toolkits';

const [first, second] = [connectableToolkit(0), connectableToolkit(1)];

/** Starts Connect for `name` in `page` and stops on the Connect Link page (the full-page redirect path). */
async function startConnect(page: Page, name: string, base = '') {
  await page.goto(`${base}/settings/integrations`);
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
  await startConnect(page, first.name);
  await startConnect(tabB, second.name);

  // Both attempts are this browser's: the page offers to resume either, not only the latest.
  const overview = await context.newPage();
  await overview.goto('/settings/integrations');
  await expect(toolkitCard(overview, first.name).getByRole('link', { name: `Resume ${first.name}` })).toBeVisible();
  await expect(toolkitCard(overview, second.name).getByRole('link', { name: `Resume ${second.name}` })).toBeVisible();

  // Allow in the first tab, after the second tab started its own attempt.
  await answerConnectLink(page, 'Allow');
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByText(`${first.name} connected`)).toBeVisible();
  await expect(page.getByText("doesn't match the connection you started")).toHaveCount(0);
  await expect(toolkitCard(page, first.name).getByText('Connected', { exact: true })).toBeVisible();
  await expect(toolkitCard(page, second.name).getByRole('link', { name: `Resume ${second.name}` })).toBeVisible();

  await answerConnectLink(tabB, 'Allow');
  await expect(tabB).toHaveURL(/\/settings\/integrations$/);
  await expect(tabB.getByText(`${second.name} connected`)).toBeVisible();
  await expect(toolkitCard(tabB, second.name).getByText('Connected', { exact: true })).toBeVisible();

  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => [account.toolkit.slug, account.status]).sort()).toEqual(
    [
      [first.slug, 'ACTIVE'],
      [second.slug, 'ACTIVE'],
    ].sort(),
  );
});

test('cancelling one pending attempt leaves the others pending', async ({ page, context, emulator, user }) => {
  await startConnect(page, first.name);
  await startConnect(await context.newPage(), second.name);
  await page.goto('/settings/integrations');
  await toolkitCard(page, first.name)
    .getByRole('button', { name: `Cancel ${first.name} connection` })
    .click();
  await expect(page.getByText(`${first.name} connection cancelled`)).toBeVisible();
  await expect(toolkitCard(page, first.name).getByText('Not connected')).toBeVisible();
  await page.reload();
  await expect(toolkitCard(page, second.name).getByRole('link', { name: `Resume ${second.name}` })).toBeVisible();
  expect((await emulator.accounts(user.id)).map((account) => [account.toolkit.slug, account.status])).toEqual([
    [second.slug, 'INITIATED'],
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
  // The plain callback, which only the attempt cookie vouches for. With the identity verifier on, Composio's owner
  // check does, and the dropped attempt's Allow connects it.
  await emulator.verifier(false, user.id);
  // Six toolkits whatever lib/toolkits.ts holds: on the show-all instance, the catalog's complete the list.
  const six = [...connectableToolkits, ...catalogToolkits('OAUTH2')].slice(0, 6);
  const tabs: Page[] = [];
  for (const toolkit of six) {
    const tab = await context.newPage();
    await startConnect(tab, toolkit.name, SHOW_ALL_APP_URL);
    tabs.push(tab);
  }
  const [oldest, ...kept] = six;
  const newest = six[5]!;
  await page.goto(`${SHOW_ALL_APP_URL}/settings/integrations`);
  await expect(toolkitCard(page, oldest!.name).getByRole('link', { name: `Resume ${oldest!.name}` })).toHaveCount(0);
  for (const { name } of kept) {
    await expect(toolkitCard(page, name).getByRole('link', { name: `Resume ${name}` })).toBeVisible();
  }
  await answerConnectLink(tabs[0]!, 'Allow');
  await expect(tabs[0]!.getByText("doesn't match the connection you started")).toBeVisible();
  await answerConnectLink(tabs[5]!, 'Allow');
  await expect(tabs[5]!.getByText(`${newest.name} connected`)).toBeVisible();
  const statuses = Object.fromEntries(
    (await emulator.accounts(user.id)).map((account) => [account.toolkit.slug, account.status]),
  );
  expect(statuses[newest.slug]).toBe('ACTIVE');
});
