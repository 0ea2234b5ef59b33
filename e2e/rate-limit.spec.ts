import { APP_URL, EMULATOR_URL, SECOND_APP_URL } from './servers';
import { expect, test } from './fixtures';

test('Connect is limited to 10 attempts per user in 10 minutes, across both instances, and the 11th creates nothing', async ({
  page,
  emulator,
  user,
}) => {
  test.setTimeout(180_000);
  // Alternate instances and toolkits: this browser's newest attempt shows as Pending (no Connect button),
  // so the other toolkit is the one with a Connect button each time.
  const step = (n: number) =>
    n % 2 === 0 ? { base: APP_URL, toolkit: 'Gmail' } : { base: SECOND_APP_URL, toolkit: 'Slack' };
  for (let n = 0; n < 10; n++) {
    const { base, toolkit } = step(n);
    await page.goto(`${base}/settings/integrations`);
    await page.getByRole('button', { name: `Connect ${toolkit}`, exact: true }).click();
    await page.waitForURL((url) => url.origin === EMULATOR_URL);
  }
  expect(await emulator.accounts(user.id)).toHaveLength(10);

  // The refused attempts change nothing, Slack's attempt stays this browser's pending one: Connect Gmail on each instance.
  for (const base of [APP_URL, SECOND_APP_URL]) {
    const toolkit = 'Gmail';
    await page.goto(`${base}/settings/integrations`);
    await emulator.clearRequests();
    await page.getByRole('button', { name: `Connect ${toolkit}`, exact: true }).click();
    await expect(
      page.getByText(/Too many connection attempts\. Try again in (10|9) minutes\. Nothing was changed\./),
    ).toBeVisible();
    expect(new URL(page.url()).origin).toBe(base);
    // Nothing reached Composio: no session, no Connect Link, no new account.
    expect((await emulator.requests()).filter((request) => request.method !== 'GET')).toEqual([]);
    expect(await emulator.accounts(user.id)).toHaveLength(10);
  }
});
