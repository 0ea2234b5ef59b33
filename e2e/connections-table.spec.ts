import { expect, test, toolkitCard, type Emulator } from './fixtures';
import { EMULATOR_API_KEY, EMULATOR_URL, SECOND_APP_URL } from './servers';
import { accessibleNames, connectableToolkit } from './toolkits';

// The pages paint from the connections table (the last-known state) and then check Composio once
// (docs/connections-table.md). These journeys tell the table's answer from Composio's by making Composio unable to
// answer, or by changing an account behind the app's back.

const first = connectableToolkit(0);
const second = connectableToolkit(1);
const PAGE = '/settings/integrations';
const statusOf = (page: import('@playwright/test').Page, name: string) =>
  toolkitCard(page, name).locator('[data-status]').first();

/** Composio unreachable for this user's reads: every request naming the user or one of their accounts is dropped. */
async function composioDownFor(emulator: Emulator, userId: string, accountIds: string[]) {
  for (const match of [`user_ids=${encodeURIComponent(userId)}`, ...accountIds])
    await emulator.fault({ match, drop: true, times: -1 });
}

test(
  'with Composio unreachable, the page shows Connected and Expired from the table, says so once, and actions say why they fail',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    const working = await emulator.connect(user.id, first.slug);
    const expiring = await emulator.connect(user.id, second.slug);
    await page.goto(PAGE);
    await expect(statusOf(page, first.name)).toHaveText('Connected');
    await emulator.expire(expiring); // its webhook reaches the app
    await composioDownFor(emulator, user.id, [working, expiring]);

    await page.goto(PAGE);
    await expect(statusOf(page, first.name)).toHaveText('Connected');
    await expect(statusOf(page, second.name)).toHaveText('Expired');
    const notice = page.getByRole('status').filter({ hasText: "Couldn't reach Composio" });
    await expect(notice).toHaveText(
      /^Couldn't reach Composio\. Showing your connections as of (just now|\d+ minutes? ago)\.$/,
    );
    await expect(page.getByRole('alert').filter({ hasText: 'Integrations are unavailable' })).toHaveCount(0);

    // A change needs Composio: it says so, and nothing is lost.
    await toolkitCard(page, first.name)
      .getByRole('button', { name: accessibleNames(first).disconnect, exact: true })
      .click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect(page.getByText('Composio is having trouble right now')).toBeVisible();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(statusOf(page, first.name)).toHaveText('Connected');

    // Composio back: the next view is fresh, and the notice is gone.
    await emulator.clearFaults();
    await page.goto(PAGE);
    await expect(statusOf(page, second.name)).toHaveText('Expired');
    await expect(page.getByRole('button', { name: accessibleNames(first).disconnect, exact: true })).toBeVisible();
    await expect(notice).toHaveCount(0);
    expect((await emulator.accounts(user.id)).map((account) => account.status).sort()).toEqual(['ACTIVE', 'EXPIRED']);
  },
);

test(
  "a webhook's expiry is on the next view before any Composio read, on either instance",
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    const account = await emulator.connect(user.id, first.slug);
    await page.goto(PAGE);
    await expect(statusOf(page, first.name)).toHaveText('Connected');
    await emulator.expire(account);
    // Composio cannot answer this user's list or account reads: only the table can say Expired.
    await composioDownFor(emulator, user.id, [account]);
    for (const base of ['', SECOND_APP_URL]) {
      const response = await page.goto(`${base}${PAGE}`);
      // In the document itself (first paint), not after a later update.
      expect(await response!.text()).toContain('data-status="expired"');
      await expect(statusOf(page, first.name)).toHaveText('Expired');
    }
  },
);

test('an account deleted at Composio disappears within one view, on either instance', async ({
  page,
  emulator,
  user,
}) => {
  const kept = await emulator.connect(user.id, first.slug);
  const deleted = await emulator.connect(user.id, second.slug);
  await page.goto(PAGE);
  await expect(statusOf(page, second.name)).toHaveText('Connected');

  // Deleted behind the app's back (Composio's dashboard, another app): only a fresh list can tell.
  const response = await fetch(`${EMULATOR_URL}/api/v3.1/connected_accounts/${deleted}`, {
    method: 'DELETE',
    headers: { 'x-api-key': EMULATOR_API_KEY },
  });
  expect(response.ok).toBe(true);
  await page.goto(`${SECOND_APP_URL}${PAGE}`);
  // The same view corrects itself in place, without a reload.
  await expect(
    toolkitCard(page, second.name).getByRole('button', { name: accessibleNames(second).connect, exact: true }),
  ).toBeVisible();
  await expect(statusOf(page, first.name)).toHaveText('Connected');
  expect((await emulator.accounts(user.id)).map((account) => account.id)).toEqual([kept]);

  // The other instance agrees at first paint: the table they share was corrected.
  const other = await page.request.get(PAGE);
  const html = await other.text();
  expect(html).not.toContain(deleted);
});
