import { EMULATOR_URL } from './servers';
import { answerConnectLink, connectThroughEmulator, expect, test, toolkitCard } from './fixtures';
import { accountLabel, connectableToolkit, oauthToolkit } from './toolkits';

// Three toolkits of the configured list: each journey has a user of its own, so they may share them.
const [first, second, third] = [connectableToolkit(0), connectableToolkit(1), connectableToolkit(2)];

test.beforeEach(async ({ page, user }) => {
  expect(user.id).toMatch(/^demo:/);
  await page.goto('/settings/integrations');
});

test('connect and approve: Connected as the account, with a success toast', async ({ page, emulator, user }) => {
  const card = toolkitCard(page, first.name);
  await expect(card.getByText('Not connected')).toBeVisible();

  await page.getByRole('button', { name: `Connect ${first.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${EMULATOR_URL}/link/`));
  await expect(page.getByText(user.id)).toBeVisible();
  await answerConnectLink(page, 'Allow');

  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByText(`${first.name} connected`)).toBeVisible();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  await expect(card.getByText(accountLabel(first))).toBeVisible();

  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => [account.toolkit.slug, account.status])).toEqual([[first.slug, 'ACTIVE']]);
});

test('connect and deny: still Not connected, with a failure toast and no account left behind', async ({
  page,
  emulator,
  user,
}) => {
  await connectThroughEmulator(page, second.name, 'Deny');
  await expect(page.getByText(`${second.name} was not connected`)).toBeVisible();
  await expect(toolkitCard(page, second.name).getByText('Not connected')).toBeVisible();
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('disconnect asks for confirmation, then removes the account', async ({ page, emulator, user }) => {
  await connectThroughEmulator(page, third.name);
  const card = toolkitCard(page, third.name);
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();

  await card.getByRole('button', { name: `Disconnect ${third.name}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Disconnect ${third.name}?` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await emulator.accounts(user.id)).toHaveLength(1);

  await card.getByRole('button', { name: `Disconnect ${third.name}` }).click();
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(page.getByText(`${third.name} disconnected`)).toBeVisible();
  await expect(card.getByText('Not connected')).toBeVisible();
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('an expired account offers Reconnect, which replaces it without leaving a duplicate', async ({
  page,
  emulator,
  user,
}) => {
  await connectThroughEmulator(page, second.name);
  const [original] = await emulator.accounts(user.id);
  await emulator.expire(original!.id);

  await page.reload();
  const card = toolkitCard(page, second.name);
  await expect(card.getByText('Expired', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: `Reconnect ${second.name}` }).click();
  await answerConnectLink(page, 'Allow');

  await expect(page.getByText(`${second.name} connected`)).toBeVisible();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
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
  await connectThroughEmulator(page, third.name);
  const card = toolkitCard(page, third.name);
  await card.getByText('Add another account').click();
  await card.getByLabel('Account name').fill('work');
  await card.getByRole('button', { name: `Connect another ${third.name} account` }).click();
  await answerConnectLink(page, 'Allow');

  await expect(page.getByText(`${third.name} connected`)).toBeVisible();
  await expect(card.getByRole('button', { name: `Disconnect ${third.name} (work)` })).toBeVisible();
  await expect(card.getByRole('listitem')).toHaveCount(2);
  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => account.alias).sort()).toEqual(['work', null].sort());
});

test('disable pauses an account and Enable restores it', async ({ page, emulator, user }) => {
  await connectThroughEmulator(page, first.name);
  const card = toolkitCard(page, first.name);
  await card.getByRole('button', { name: `More actions for ${first.name}` }).click();
  await page.getByRole('menuitem', { name: 'Disable' }).click();
  await expect(card.getByText('Disabled', { exact: true })).toBeVisible();
  expect((await emulator.accounts(user.id))[0]).toMatchObject({ status: 'INACTIVE' });

  await card.getByRole('button', { name: `Enable ${first.name}` }).click();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  expect((await emulator.accounts(user.id))[0]).toMatchObject({ status: 'ACTIVE' });
});

test('leaving the Connect Link unfinished shows Pending with Resume and Cancel', async ({ page, emulator, user }) => {
  await page.getByRole('button', { name: `Connect ${second.name}` }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  const connectLink = page.url();
  await page.goto('/settings/integrations');

  const card = toolkitCard(page, second.name);
  await expect(card.getByText('Pending', { exact: true })).toBeVisible();
  await expect(card.getByRole('link', { name: `Resume ${second.name}` })).toHaveAttribute('href', connectLink);

  await card.getByRole('button', { name: `Cancel ${second.name} connection` }).click();
  await expect(card.getByText('Not connected')).toBeVisible();
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('a double click on Connect starts one flow, not two', async ({ page, emulator, user }) => {
  await page.getByRole('button', { name: `Connect ${first.name}` }).dblclick();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  expect(await emulator.accounts(user.id)).toHaveLength(1);
});

test('keyboard only: Tab to Connect, Enter, Allow, and back to Connected', async ({ page }) => {
  // An OAuth toolkit: its Connect Link has nothing to type.
  const toolkit = oauthToolkit();
  const connect = page.getByRole('button', { name: `Connect ${toolkit.name}` });
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
  await expect(toolkitCard(page, toolkit.name).getByText('Connected', { exact: true })).toBeVisible();
});
