// A user's accounts of a toolkit lib/toolkits.ts does not offer (a fork dropped it from the list, or it was
// connected some other way): they stay on the page, apart, until the user disconnects them.
import type { Page } from '@playwright/test';
import { activitySection, expect, test } from './fixtures';
import { accessibleNames, accountLabel, configuredToolkits, unofferedToolkit } from './toolkits';

/** The Activity list's items as a person reads them: "<Toolkit> — Disconnected — <account> — just now". */
async function activityLines(page: Page): Promise<string[]> {
  const items = activitySection(page).getByRole('listitem');
  return (await items.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

test('an account of a toolkit the list does not offer is under Other connections, named, and can be disconnected', async ({
  page,
  emulator,
  user,
}) => {
  const other = unofferedToolkit();
  const names = accessibleNames(other);
  await emulator.connect(user.id, other.slug);
  await page.goto('/settings/integrations');

  const section = page.getByRole('region', { name: 'Other connections' });
  const card = section.getByRole('article', { name: other.name });
  await expect(card.getByRole('heading', { name: other.name })).toBeVisible();
  await expect(card.getByText(accountLabel(other))).toBeVisible();
  // Nothing offers to connect it again: the server would refuse a toolkit it does not offer.
  await expect(page.getByRole('button', { name: names.connect, exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: names.connectAnother, exact: true })).toHaveCount(0);
  await expect(card.getByText('Add another account')).toHaveCount(0);
  // It is not counted among the toolkits the app offers.
  await expect(page.getByText(`0 of ${configuredToolkits.length} connected`)).toBeVisible();

  await card.getByRole('button', { name: names.disconnect }).click();
  await page
    .getByRole('alertdialog', { name: `Disconnect ${other.name}?` })
    .getByRole('button', { name: 'Disconnect', exact: true })
    .click();
  await expect(page.getByText(`${other.name} disconnected`)).toBeVisible();
  await expect(section).toHaveCount(0);
  expect((await emulator.accounts(user.id)).filter((account) => account.toolkit.slug === other.slug)).toEqual([]);
  await expect
    .poll(() => activityLines(page))
    .toEqual([`${other.name} — Disconnected — ${accountLabel(other)} — just now`]);
});
