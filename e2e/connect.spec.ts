import { EMULATOR_URL } from './servers';
import { connectThroughEmulator, expect, test, toolkitCard } from './fixtures';

test.beforeEach(async ({ page, user }) => {
  expect(user.id).toMatch(/^demo:/);
  await page.goto('/settings/integrations');
});

test('connect and approve: Connected as the account, with a success toast', async ({ page, emulator, user }) => {
  const gmail = toolkitCard(page, 'Gmail');
  await expect(gmail.getByText('Not connected')).toBeVisible();

  await page.getByRole('button', { name: 'Connect Gmail' }).click();
  await expect(page).toHaveURL(new RegExp(`^${EMULATOR_URL}/link/`));
  await expect(page.getByText(user.id)).toBeVisible();
  await page.getByRole('button', { name: 'Allow' }).click();

  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByText('Gmail connected')).toBeVisible();
  await expect(gmail.getByText('Connected', { exact: true })).toBeVisible();
  await expect(gmail.getByText('demo@gmail.example')).toBeVisible();

  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => [account.toolkit.slug, account.status])).toEqual([['gmail', 'ACTIVE']]);
});

test('connect and deny: still Not connected, with a failure toast and no account left behind', async ({
  page,
  emulator,
  user,
}) => {
  await connectThroughEmulator(page, 'Slack', 'Deny');
  await expect(page.getByText('Slack was not connected')).toBeVisible();
  await expect(toolkitCard(page, 'Slack').getByText('Not connected')).toBeVisible();
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('disconnect asks for confirmation, then removes the account', async ({ page, emulator, user }) => {
  await connectThroughEmulator(page, 'GitHub');
  const github = toolkitCard(page, 'GitHub');
  await expect(github.getByText('Connected', { exact: true })).toBeVisible();

  await github.getByRole('button', { name: 'Disconnect GitHub' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Disconnect GitHub?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await emulator.accounts(user.id)).toHaveLength(1);

  await github.getByRole('button', { name: 'Disconnect GitHub' }).click();
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(page.getByText('GitHub disconnected')).toBeVisible();
  await expect(github.getByText('Not connected')).toBeVisible();
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('an expired account offers Reconnect, which replaces it without leaving a duplicate', async ({
  page,
  emulator,
  user,
}) => {
  await connectThroughEmulator(page, 'Notion');
  const [original] = await emulator.accounts(user.id);
  await emulator.expire(original!.id);

  await page.reload();
  const notion = toolkitCard(page, 'Notion');
  await expect(notion.getByText('Expired', { exact: true })).toBeVisible();
  await notion.getByRole('button', { name: 'Reconnect Notion' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();

  await expect(page.getByText('Notion connected')).toBeVisible();
  await expect(notion.getByText('Connected', { exact: true })).toBeVisible();
  const accounts = await emulator.accounts(user.id);
  expect(accounts).toHaveLength(1);
  expect(accounts[0]).toMatchObject({ status: 'ACTIVE' });
  expect(accounts[0]!.id).not.toBe(original!.id);
});

test('a second account with an alias is listed under its toolkit with its own Disconnect', async ({
  page,
  emulator,
  user,
}) => {
  await connectThroughEmulator(page, 'Linear');
  const linear = toolkitCard(page, 'Linear');
  await linear.getByText('Add another account').click();
  await linear.getByLabel('Account name').fill('work');
  await linear.getByRole('button', { name: 'Connect another Linear account' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();

  await expect(page.getByText('Linear connected')).toBeVisible();
  await expect(linear.getByRole('button', { name: 'Disconnect Linear (work)' })).toBeVisible();
  await expect(linear.getByRole('listitem')).toHaveCount(2);
  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => account.alias).sort()).toEqual(['work', null].sort());
});

test('disable pauses an account and Enable restores it', async ({ page, emulator, user }) => {
  await connectThroughEmulator(page, 'Gmail');
  const gmail = toolkitCard(page, 'Gmail');
  await gmail.getByRole('button', { name: 'More actions for Gmail' }).click();
  await page.getByRole('menuitem', { name: 'Disable' }).click();
  await expect(gmail.getByText('Disabled', { exact: true })).toBeVisible();
  expect((await emulator.accounts(user.id))[0]).toMatchObject({ status: 'INACTIVE' });

  await gmail.getByRole('button', { name: 'Enable Gmail' }).click();
  await expect(gmail.getByText('Connected', { exact: true })).toBeVisible();
  expect((await emulator.accounts(user.id))[0]).toMatchObject({ status: 'ACTIVE' });
});

test('leaving the Connect Link unfinished shows Pending with Resume and Cancel', async ({ page, emulator, user }) => {
  await page.getByRole('button', { name: 'Connect Slack' }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  const connectLink = page.url();
  await page.goto('/settings/integrations');

  const slack = toolkitCard(page, 'Slack');
  await expect(slack.getByText('Pending', { exact: true })).toBeVisible();
  await expect(slack.getByRole('link', { name: 'Resume Slack' })).toHaveAttribute('href', connectLink);

  await slack.getByRole('button', { name: 'Cancel Slack connection' }).click();
  await expect(slack.getByText('Not connected')).toBeVisible();
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('a double click on Connect starts one flow, not two', async ({ page, emulator, user }) => {
  await page.getByRole('button', { name: 'Connect Gmail' }).dblclick();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  expect(await emulator.accounts(user.id)).toHaveLength(1);
});

test('keyboard only: Tab to Connect, Enter, Allow, and back to Connected', async ({ page }) => {
  const connect = page.getByRole('button', { name: 'Connect Gmail' });
  for (
    let presses = 0;
    presses < 40 && !(await connect.evaluate((element) => element === document.activeElement));
    presses++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(connect).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.getByRole('button', { name: 'Allow' }).focus();
  await page.keyboard.press('Enter');
  await expect(toolkitCard(page, 'Gmail').getByText('Connected', { exact: true })).toBeVisible();
});
