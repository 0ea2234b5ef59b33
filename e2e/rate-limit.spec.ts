import { APP_URL, EMULATOR_URL, SECOND_APP_URL } from './servers';
import { expect, test } from './fixtures';
import { connectableToolkit } from './toolkits';

test(
  'Connect is limited to 10 attempts per user in 10 minutes, across both instances, and the 11th creates nothing',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    test.setTimeout(180_000);
    // Every attempt comes from a browser that forgot the earlier ones (its pending-attempt cookie cleared), so Connect
    // is offered each time: the limit is the user's, counted in the shared database, not the browser's.
    const connect = `Connect ${connectableToolkit().name}`;
    const forgetAttempts = () => page.context().clearCookies({ name: 'composio_pending' });
    for (let n = 0; n < 10; n++) {
      await forgetAttempts();
      await page.goto(`${n % 2 === 0 ? APP_URL : SECOND_APP_URL}/settings/integrations`);
      await page.getByRole('button', { name: connect, exact: true }).click();
      await page.waitForURL((url) => url.origin === EMULATOR_URL);
    }
    expect(await emulator.accounts(user.id)).toHaveLength(10);

    // The 11th and 12th, one on each instance, are refused and change nothing.
    for (const base of [APP_URL, SECOND_APP_URL]) {
      await forgetAttempts();
      await page.goto(`${base}/settings/integrations`);
      await emulator.clearRequests();
      await page.getByRole('button', { name: connect, exact: true }).click();
      await expect(
        page.getByText(
          /Too many connection attempts: the limit is 10 in 10 minutes\. Try again in (10|9) minutes\. Nothing was changed\./,
        ),
      ).toBeVisible();
      expect(new URL(page.url()).origin).toBe(base);
      // Nothing reached Composio: no session, no Connect Link, no new account.
      expect((await emulator.requests()).filter((request) => request.method !== 'GET')).toEqual([]);
      expect(await emulator.accounts(user.id)).toHaveLength(10);
    }
  },
);
