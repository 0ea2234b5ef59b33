import { answerConnectLink, connectThroughEmulator, expect, test, toolkitCard } from './fixtures';
import { connectableToolkit } from './toolkits';

/** Matches this user's own list request, so a fault never leaks into another journey. */
const listFor = (userId: string) => `user_ids=${encodeURIComponent(userId)}`;

test(
  'Composio answering 500 shows the error state, and Retry recovers',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    await emulator.fault({ match: listFor(user.id), status: 500, times: -1 });
    await page.goto('/settings/integrations');
    const alert = page.getByRole('alert').filter({ hasText: 'Integrations are unavailable right now' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Composio is having trouble right now');
    // The shell still works while Composio is down.
    await expect(page.getByRole('navigation', { name: 'Settings' })).toBeVisible();

    await emulator.clearFaults();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(toolkitCard(page, connectableToolkit().name).getByText('Not connected')).toBeVisible();
    await expect(alert).toHaveCount(0);
  },
);

test(
  'a 10-second Composio delay ends in a clear timeout message, not a hung page',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    test.setTimeout(60_000);
    await emulator.fault({ match: listFor(user.id), delayMs: 10_000, times: 1 });
    await page.goto('/settings/integrations');
    await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Integrations are unavailable' })).toContainText(
      'Composio took too long to answer',
      { timeout: 15_000 },
    );
  },
);

test(
  'a failed Connect says what happened and starts nothing',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    const toolkit = connectableToolkit(0);
    await page.goto('/settings/integrations');
    await emulator.fault({ match: '/link', status: 500, times: 1 });
    await page.getByRole('button', { name: `Connect ${toolkit.name}` }).click();
    await expect(page.getByText('Composio is having trouble right now')).toBeVisible();
    await expect(page).toHaveURL(/\/settings\/integrations$/);
    expect(await emulator.accounts(user.id)).toEqual([]);
    // And the button works again once Composio recovers.
    await connectThroughEmulator(page, toolkit.name);
    await expect(toolkitCard(page, toolkit.name).getByText('Connected', { exact: true })).toBeVisible();
  },
);

test(
  'a rate-limited Disconnect keeps the account and says so',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    const toolkit = connectableToolkit(1);
    await page.goto('/settings/integrations');
    await connectThroughEmulator(page, toolkit.name);
    await emulator.fault({ match: '/connected_accounts/', method: 'DELETE', status: 429, times: 1 });
    await toolkitCard(page, toolkit.name)
      .getByRole('button', { name: `Disconnect ${toolkit.name}` })
      .click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect(page.getByText('Composio is receiving too many requests')).toBeVisible();
    expect((await emulator.accounts(user.id)).map((account) => account.status)).toEqual(['ACTIVE']);
  },
);

test(
  'a dropped connection during the callback leaves no half-done state',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    const toolkit = connectableToolkit(2);
    // The callback's own read of the account is what fails here; with the identity verifier on (the default), the
    // verifier's completion answers the account and the callback makes no such read.
    await emulator.verifier(false, user.id);
    await page.goto('/settings/integrations');
    await page.getByRole('button', { name: `Connect ${toolkit.name}` }).click();
    await emulator.fault({ match: '/connected_accounts/ca_', method: 'GET', drop: true, times: 2 });
    await answerConnectLink(page, 'Allow');
    await expect(page.getByText(`${toolkit.name} could not be verified`)).toBeVisible();
    await expect(page.getByText('Composio is having trouble right now')).toBeVisible();
    // Composio did connect it; the page reads the truth on the next load.
    await page.reload();
    await expect(toolkitCard(page, toolkit.name).getByText('Connected', { exact: true })).toBeVisible();
    expect(await emulator.accounts(user.id)).toHaveLength(1);
  },
);
