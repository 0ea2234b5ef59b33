import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { APP_URL, DB_DOWN_APP_URL, DB_DOWN_LOG, EMULATOR_URL } from './servers';
import {
  expect,
  hydrated,
  signInDirectly,
  test,
  toolkitCard,
  uniqueEmail,
  type Emulator,
  type SignedInUser,
} from './fixtures';

/**
 * These journeys are about testing an account, not about connecting one (e2e/connect.spec.ts is): the account is made
 * through Composio's API, then the integrations page is opened with it.
 */
async function connected(page: Page, emulator: Emulator, user: SignedInUser, toolkit: string, alias?: string) {
  const id = await emulator.connect(user.id, toolkit, alias);
  await page.goto('/settings/integrations');
  return id;
}

/** The API requests the emulator received, without its own control calls. */
async function composioRequests(emulator: Emulator): Promise<string[]> {
  return (await emulator.requests()).map((request) => `${request.method} ${request.path}`);
}

test(
  'Test runs the who-am-I tool once and says who the account is signed in as',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    await connected(page, emulator, user, 'gmail');
    const gmail = toolkitCard(page, 'Gmail');
    const testButton = gmail.getByRole('button', { name: 'Test Gmail connection', exact: true });
    await hydrated(testButton);
    await emulator.clearRequests();

    await testButton.click();
    await expect(gmail.getByRole('status')).toHaveText('Gmail is working — signed in as demo@gmail.example');
    // One Composio request per test: the execution itself, no schema fetch, no ownership read, no page refresh.
    expect(await composioRequests(emulator)).toEqual(['POST /api/v3.1/tools/execute/GMAIL_GET_PROFILE']);
    await expect(gmail.getByText('Connected', { exact: true })).toBeVisible();
  },
);

test('a toolkit without a who-am-I tool offers no Test button', async ({ page, emulator, user }) => {
  await connected(page, emulator, user, 'notion');
  await expect(toolkitCard(page, 'Notion').getByRole('button', { name: 'Disconnect Notion' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Test / })).toHaveCount(0);
});

test('with several accounts each Test button names its account, and each tests its own', async ({
  page,
  emulator,
  user,
}) => {
  await emulator.connect(user.id, 'gmail');
  await emulator.break(await connected(page, emulator, user, 'gmail', 'work'));
  const gmail = toolkitCard(page, 'Gmail');
  await expect(gmail.getByRole('listitem')).toHaveCount(2);
  const first = gmail.getByRole('button', { name: 'Test Gmail connection (demo@gmail.example)', exact: true });
  const second = gmail.getByRole('button', { name: 'Test Gmail connection (work)', exact: true });
  await expect(first).toBeVisible();
  await expect(second).toBeVisible();

  await hydrated(second);
  await second.click();
  const workRow = gmail
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: 'Test Gmail connection (work)' }) });
  await expect(workRow.getByRole('status')).toContainText('Gmail (work) is not working: 401 Unauthorized');
  await first.click();
  const firstRow = gmail
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: 'Test Gmail connection (demo@gmail.example)' }) });
  await expect(firstRow.getByRole('status')).toHaveText(
    'Gmail (demo@gmail.example) is working — signed in as demo@gmail.example',
  );
  // Only the broken account needs attention; the toolkit as a whole still has a working one.
  await expect(workRow.getByText('Failed', { exact: true })).toBeVisible();
  await expect(workRow.getByRole('button', { name: 'Reconnect Gmail (work)' })).toBeVisible();
  await expect(firstRow.getByText('Connected', { exact: true })).toBeVisible();
});

test('a failing test says why with Reconnect, stays marked after a reload, and a later passing test clears it', async ({
  page,
  emulator,
  user,
}) => {
  const id = await connected(page, emulator, user, 'gmail');
  await emulator.break(id, 'Token has been expired or revoked.');
  const gmail = toolkitCard(page, 'Gmail');
  const testButton = gmail.getByRole('button', { name: 'Test Gmail connection' });
  await hydrated(testButton);
  await testButton.click();

  const notWorking = 'Gmail is not working: Token has been expired or revoked.';
  await expect(gmail.getByRole('status')).toHaveText(notWorking);
  await expect(gmail.getByRole('button', { name: 'Reconnect Gmail' })).toBeVisible();
  await expect(gmail.getByText('Failed', { exact: true })).toBeVisible();

  await page.reload();
  await expect(gmail.getByRole('status')).toHaveText(notWorking);
  await expect(gmail.getByText('Failed', { exact: true })).toBeVisible();
  await expect(gmail.getByRole('button', { name: 'Reconnect Gmail' })).toBeVisible();
  // Composio still calls it ACTIVE: only the test knows, and nothing at Composio was changed by it.
  expect((await emulator.accounts(user.id)).map((account) => [account.id, account.status])).toEqual([[id, 'ACTIVE']]);

  await emulator.mend(id);
  await hydrated(testButton);
  await testButton.click();
  await expect(gmail.getByRole('status')).toHaveText('Gmail is working — signed in as demo@gmail.example');
  await expect(gmail.getByText('Connected', { exact: true })).toBeVisible();
  await page.reload();
  await expect(gmail.getByText('Connected', { exact: true })).toBeVisible();
  await expect(gmail.getByText(/is not working/)).toHaveCount(0);
  await expect(gmail.getByRole('button', { name: 'Reconnect Gmail' })).toHaveCount(0);
});

test('Reconnect replaces an account a test found broken and clears the mark', async ({ page, emulator, user }) => {
  const broken = await connected(page, emulator, user, 'gmail');
  await emulator.break(broken);
  const gmail = toolkitCard(page, 'Gmail');
  await hydrated(gmail.getByRole('button', { name: 'Test Gmail connection' }));
  await gmail.getByRole('button', { name: 'Test Gmail connection' }).click();
  await expect(gmail.getByRole('status')).toContainText('Gmail is not working');

  await gmail.getByRole('button', { name: 'Reconnect Gmail' }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(`${APP_URL}/settings/integrations`);
  await expect(gmail.getByText('Connected', { exact: true })).toBeVisible();
  await expect(gmail.getByText(/is not working/)).toHaveCount(0);
  // The broken account is gone (no duplicate left behind); the new one works.
  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => account.status)).toEqual(['ACTIVE']);
  expect(accounts[0]!.id).not.toBe(broken);
  await hydrated(gmail.getByRole('button', { name: 'Test Gmail connection' }));
  await gmail.getByRole('button', { name: 'Test Gmail connection' }).click();
  await expect(gmail.getByRole('status')).toHaveText('Gmail is working — signed in as demo@gmail.example');
});

test(
  'a Composio outage during a test is a clear message, not a verdict on the account',
  { tag: '@exclusive' },
  async ({ page, emulator, user }) => {
    await connected(page, emulator, user, 'github');
    const github = toolkitCard(page, 'GitHub');
    const testButton = github.getByRole('button', { name: 'Test GitHub connection' });
    await hydrated(testButton);
    await emulator.fault({ match: '/tools/execute/GITHUB_GET_THE_AUTHENTICATED_USER', status: 503, times: 1 });
    await testButton.click();
    await expect(github.getByRole('status')).toHaveText(
      'GitHub could not be tested: Composio is having trouble right now. Try again in a moment.',
    );
    await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
    await page.reload();
    await expect(github.getByText('Connected', { exact: true })).toBeVisible();
    await expect(github.getByText(/could not be tested|is not working/)).toHaveCount(0);

    // Composio recovered: the same button works.
    await hydrated(testButton);
    await testButton.click();
    await expect(github.getByRole('status')).toHaveText('GitHub is working — signed in as demo-user');
  },
);

/**
 * Replaces hidden fields of a real Test form, as an attacker in devtools would, once React has hydrated it.
 */
async function tamperWith(form: Locator, fields: Record<string, string>) {
  await hydrated(form);
  await form.evaluate((element, entries) => {
    for (const [name, value] of Object.entries(entries)) {
      (element.querySelector(`input[name="${name}"]`) as HTMLInputElement).value = value;
    }
  }, fields);
}

test.describe('refused tests', () => {
  let victimPage: Page;
  let victim: SignedInUser & { accountId: string; proof: string };

  test.beforeEach(async ({ browser, emulator }) => {
    victimPage = await browser.newPage({ baseURL: APP_URL });
    const signedIn = await signInDirectly(victimPage, uniqueEmail('victim'));
    const accountId = await connected(victimPage, emulator, signedIn, 'gmail');
    const proof = await toolkitCard(victimPage, 'Gmail').locator('input[name="proof"]').inputValue();
    victim = { ...signedIn, accountId, proof };
    await emulator.break(victim.accountId);
  });
  test.afterEach(() => victimPage.close());

  const cases: [string, (own: { proof: string }) => Record<string, string>][] = [
    ["another user's account id", () => ({ accountId: victim.accountId })],
    [
      "another user's account id with that user's own proof",
      () => ({ accountId: victim.accountId, proof: victim.proof }),
    ],
    ['a forged proof', () => ({ proof: 'A'.repeat(43) })],
    ['the right proof for another toolkit', () => ({ toolkit: 'github' })],
    ['a malformed account id', () => ({ accountId: '../../tools/execute' })],
  ];

  for (const [name, fields] of cases) {
    test(`${name} is refused and nothing runs`, { tag: '@exclusive' }, async ({ page, emulator, user }) => {
      await connected(page, emulator, user, 'gmail');
      const gmail = toolkitCard(page, 'Gmail');
      const testButton = gmail.getByRole('button', { name: 'Test Gmail connection' });
      const form = testButton.locator('xpath=ancestor::form');
      const own = { proof: await form.locator('input[name="proof"]').inputValue() };
      const before = [await emulator.accounts(user.id), await emulator.accounts(victim.id)];
      await tamperWith(form, fields(own));
      await emulator.clearRequests();

      await testButton.click();
      await expect(gmail.getByRole('status')).toContainText(/^Gmail could not be tested: .*Nothing was changed\.$/);
      expect((await composioRequests(emulator)).filter((request) => request.includes('/tools/'))).toEqual([]);
      expect([await emulator.accounts(user.id), await emulator.accounts(victim.id)]).toEqual(before);
      // The victim's broken account was not marked by someone else's attempt.
      await victimPage.reload();
      await expect(toolkitCard(victimPage, 'Gmail').getByText('Connected', { exact: true })).toBeVisible();
      await expect(toolkitCard(victimPage, 'Gmail').getByText(/is not working/)).toHaveCount(0);
    });
  }
});

test('database down: the page renders, and a failing test still says why with Reconnect', async ({
  page,
  emulator,
  user,
}) => {
  // The session cookie is for the host, so this browser is signed in on the other port too.
  const id = await emulator.connect(user.id, 'gmail');
  await emulator.break(id);
  await page.goto(`${DB_DOWN_APP_URL}/settings/integrations`);
  const gmail = toolkitCard(page, 'Gmail');
  await hydrated(gmail.getByRole('button', { name: 'Test Gmail connection' }));
  await gmail.getByRole('button', { name: 'Test Gmail connection' }).click();
  await expect(gmail.getByRole('status')).toContainText('Gmail is not working: 401 Unauthorized');
  await expect(gmail.getByRole('button', { name: 'Reconnect Gmail' })).toBeVisible();

  await expect.poll(() => readFileSync(DB_DOWN_LOG, 'utf8')).toContain('[connection-test] failed tests not read:');
  await expect
    .poll(() =>
      readFileSync(DB_DOWN_LOG, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('[connection-test] result not stored: '))
        .map(
          (line) => JSON.parse(line.slice('[connection-test] result not stored: '.length)) as Record<string, unknown>,
        ),
    )
    .toContainEqual(expect.objectContaining({ userId: user.id, connectedAccountId: id, working: false }));
});
