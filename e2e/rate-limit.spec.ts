import type { Page, Request } from '@playwright/test';
import { APP_URL, EMULATOR_URL, SECOND_APP_URL } from './servers';
import { expect, hydrated, test, toolkitCard } from './fixtures';
import { accessibleNames, connectableToolkit, testableToolkit } from './toolkits';

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

/**
 * Sends the server action `request` (captured from the page) `times` times at once, alternately to each instance, as
 * a script replaying the page's own request would; resolves with each answer's body.
 */
async function replayAction(page: Page, request: Request, times: number): Promise<string[]> {
  const body = request.postDataBuffer()!;
  const path = new URL(request.url()).pathname;
  return Promise.all(
    Array.from({ length: times }, async (_, index) => {
      const origin = index % 2 === 0 ? APP_URL : SECOND_APP_URL;
      const response = await page.request.fetch(`${origin}${path}`, {
        method: 'POST',
        // The page's own headers (the action id, the router state, the form's boundary); Host and Origin those of
        // the instance asked, as a browser on it would send them.
        headers: { ...headersOf(await request.allHeaders()), origin },
        data: body,
      });
      return response.text();
    }),
  );
}

function headersOf(all: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(all).filter(([name]) => !['host', 'content-length', 'cookie'].includes(name)),
  );
}

const isServerAction = (request: Request) => request.method() === 'POST' && 'next-action' in request.headers();

test(
  'Test connection is limited per user across both instances: 60 runs at once execute 20 tools, and a refusal runs none',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    const toolkit = testableToolkit();
    await page.goto('/settings/integrations');
    if (!toolkit) {
      // A list without a toolkit the app can Test: there is nothing to limit.
      await expect(page.getByRole('button', { name: /^Test .* connection/ })).toHaveCount(0);
      return;
    }
    const names = accessibleNames(toolkit);
    await emulator.connect(user.id, toolkit.slug);
    await page.reload();
    const card = toolkitCard(page, names.card);
    await hydrated(card.getByRole('button', { name: names.test }));
    const [test1] = await Promise.all([
      page.waitForRequest(isServerAction),
      card.getByRole('button', { name: names.test }).click(),
    ]);
    await expect(card.getByText(/is working/)).toBeVisible();

    await emulator.clearRequests();
    const answers = await replayAction(page, test1, 60);
    const executions = async () =>
      (await emulator.requests()).filter((request) => request.method === 'POST' && request.path.includes('/tools/'));
    // The click took one of the 20 runs; 19 more ran, and the other 41 were refused without reaching Composio.
    expect(answers.filter((answer) => answer.includes('Too many connection tests')).length).toBe(41);
    expect(await executions()).toHaveLength(19);

    await emulator.clearRequests();
    await card.getByRole('button', { name: names.test }).click();
    await expect(
      card.getByText(
        /Too many connection tests: the limit is 20 in 10 minutes\. Try again in (10|9) minutes\. Nothing was changed\./,
      ),
    ).toBeVisible();
    expect(await executions()).toEqual([]);
  },
);

test.describe('status checks', () => {
  test.use({ popups: true });

  test(
    'status checks of a pending connection are limited per user across both instances: 60 at once read Composio at most 40 times',
    { tag: '@exclusive' },
    async ({ page, emulator, user }) => {
      const toolkit = connectableToolkit();
      await page.goto('/settings/integrations');
      await hydrated(page.getByRole('button', { name: accessibleNames(toolkit).connect, exact: true }));
      // The page waiting on its popup checks the attempt on a schedule: capture its first check.
      const firstCheck = page.waitForRequest(
        (request) => isServerAction(request) && request.postData()?.startsWith('[') === true,
      );
      const popupOpened = page.waitForEvent('popup');
      await page.getByRole('button', { name: accessibleNames(toolkit).connect, exact: true }).click();
      await popupOpened;
      const check = await firstCheck;
      const [accountId] = JSON.parse(check.postData()!) as [string];
      expect((await emulator.accounts(user.id)).map((account) => account.id)).toEqual([accountId]);

      await emulator.clearRequests();
      const answers = await replayAction(page, check, 60);
      const reads = (await emulator.requests()).filter(
        (request) => request.method === 'GET' && request.path.includes(accountId),
      );
      const refused = answers.filter((answer) => answer.includes('Too many status checks')).length;
      // The page's own checks count too: all of them together stay within the limit of 40, and every replay that
      // was not refused read the account once.
      expect(refused).toBeGreaterThanOrEqual(20);
      expect(reads.length).toBeGreaterThanOrEqual(60 - refused);
      expect(reads.length).toBeLessThanOrEqual(40);
      expect((await emulator.accounts(user.id)).map((account) => account.status)).toEqual(['INITIATED']);
    },
  );
});
