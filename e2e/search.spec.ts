import { EMULATOR_URL, SHOW_ALL_APP_URL } from './servers';
import { expect, test, toolkitCard } from './fixtures';

// This instance lists the emulator's whole catalog (TOOLKITS_SHOW_ALL=true): 30 toolkits in the e2e run.
const PAGE = `${SHOW_ALL_APP_URL}/settings/integrations`;

test('search filters a long list by name, says how many match, and says when none do', async ({
  page,
  user,
  emulator,
}) => {
  await page.goto(PAGE);
  const cards = page.getByRole('list', { name: 'Integrations' }).locator(':scope > li');
  // Configured toolkits come first, in lib/toolkits.ts order; the rest of the catalog follows, 20 at a time.
  await expect(cards).toHaveCount(20);
  await expect(cards.first().getByRole('heading')).toHaveText('Gmail');
  await expect(page.getByText('Showing 20 of 30. Search to find one quickly.')).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search integrations' });
  // The emulator serves Composio's real catalog, cut to its 30 most used toolkits in this run.
  await search.fill('google');
  await expect(cards).toHaveCount(5);
  for (const name of ['Google Calendar', 'Google Drive', 'Google Sheets', 'Google Docs', 'Google Tasks']) {
    await expect(toolkitCard(page, name)).toBeVisible();
  }
  await expect(page.getByRole('status').filter({ hasText: '5 of 30 integrations match' })).toBeAttached();
  await expect(page.getByRole('button', { name: /^Show \d+ more$/ })).toHaveCount(0);

  // A match beyond the first 20 is found without paging.
  await search.fill('figma');
  await expect(cards).toHaveCount(1);
  await expect(toolkitCard(page, 'Figma')).toBeVisible();

  await search.fill('no such app');
  await expect(page.getByText('No integration matches “no such app”.')).toBeVisible();
  await expect(cards).toHaveCount(0);

  await search.fill('');
  await expect(cards).toHaveCount(20);
  await page.getByRole('button', { name: 'Show 10 more' }).click();
  await expect(cards).toHaveCount(30);
  await expect(page.getByText(/^Showing /)).toHaveCount(0);
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('with the whole catalog shown, a toolkit outside lib/toolkits.ts connects through the same flow', async ({
  page,
  user,
  emulator,
}) => {
  await page.goto(PAGE);
  await page.getByRole('searchbox', { name: 'Search integrations' }).fill('hub');
  await page.getByRole('button', { name: 'Connect HubSpot', exact: true }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(PAGE);
  await expect(page.getByText('HubSpot connected')).toBeVisible();
  await expect(toolkitCard(page, 'HubSpot').getByText('Connected', { exact: true })).toBeVisible();
  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => [account.toolkit.slug, account.status])).toEqual([['hubspot', 'ACTIVE']]);
});
