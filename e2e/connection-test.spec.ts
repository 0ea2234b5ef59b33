import type { Locator, Page } from '@playwright/test';
import { APP_URL, EMULATOR_URL, SHOW_ALL_APP_URL } from './servers';
import {
  answerConnectLink,
  expect,
  hydrated,
  signInDirectly,
  test,
  toolkitCard,
  uniqueEmail,
  type Emulator,
  type SignedInUser,
} from './fixtures';
import {
  accountLabel,
  configuredToolkits,
  connectableToolkits,
  escapeRegExp,
  testableToolkit,
  type TestableToolkit,
  catalogToolkits,
} from './toolkits';

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

/**
 * Every connectable toolkit of the list connected at once: exactly those the emulator has a who-am-I tool for offer
 * Test. Whatever lib/toolkits.ts holds, this journey runs; where it has no such toolkit (testableToolkit() is
 * undefined), it is the one Test journey, as nothing in the product offers Test then.
 */
test('only toolkits with a who-am-I tool offer Test', async ({ page, emulator, user }) => {
  for (const toolkit of connectableToolkits) await emulator.connect(user.id, toolkit.slug);
  await page.goto('/settings/integrations');
  for (const toolkit of connectableToolkits) {
    const card = toolkitCard(page, toolkit.name);
    await expect(card.getByRole('button', { name: `Disconnect ${toolkit.name}` })).toBeVisible();
    await expect(card.getByRole('button', { name: /^Test / })).toHaveCount(toolkit.whoAmI ? 1 : 0);
  }
});

const testable = testableToolkit();
if (testable) testJourneys(testable);

/** The journeys of Test itself, on the list's first toolkit the emulator has a who-am-I tool for. */
function testJourneys(t: TestableToolkit) {
  test(
    'Test runs the who-am-I tool once and says who the account is signed in as',
    { tag: '@exclusive' },
    async ({ page, emulator, user }) => {
      await connected(page, emulator, user, t.slug);
      const card = toolkitCard(page, t.name);
      const testButton = card.getByRole('button', { name: `Test ${t.name} connection`, exact: true });
      await hydrated(testButton);
      await emulator.clearRequests();

      await testButton.click();
      await expect(card.getByRole('status')).toHaveText(`${t.name} is working — signed in as ${t.whoAmI.identity}`);
      // One Composio request per test: the execution itself, no schema fetch, no ownership read, no page refresh.
      expect(await composioRequests(emulator)).toEqual([`POST /api/v3.1/tools/execute/${t.whoAmI.tool}`]);
      await expect(card.getByText('Connected', { exact: true })).toBeVisible();
    },
  );

  test('with several accounts each Test button names its account, and each tests its own', async ({
    page,
    emulator,
    user,
  }) => {
    await emulator.connect(user.id, t.slug);
    await emulator.break(await connected(page, emulator, user, t.slug, 'work'));
    const card = toolkitCard(page, t.name);
    await expect(card.getByRole('listitem')).toHaveCount(2);
    const first = card.getByRole('button', { name: `Test ${t.name} connection (${accountLabel(t)})`, exact: true });
    const second = card.getByRole('button', { name: `Test ${t.name} connection (work)`, exact: true });
    await expect(first).toBeVisible();
    await expect(second).toBeVisible();

    await hydrated(second);
    await second.click();
    const workRow = card
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: `Test ${t.name} connection (work)` }) });
    await expect(workRow.getByRole('status')).toContainText(`${t.name} (work) is not working: 401 Unauthorized`);
    await first.click();
    const firstRow = card
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: `Test ${t.name} connection (${accountLabel(t)})` }) });
    await expect(firstRow.getByRole('status')).toHaveText(
      `${t.name} (${accountLabel(t)}) is working — signed in as ${t.whoAmI.identity}`,
    );
    // Only the broken account needs attention; the toolkit as a whole still has a working one.
    await expect(workRow.getByText('Failed', { exact: true })).toBeVisible();
    await expect(workRow.getByRole('button', { name: `Reconnect ${t.name} (work)` })).toBeVisible();
    await expect(firstRow.getByText('Connected', { exact: true })).toBeVisible();
  });

  test('a failing test says why with Reconnect, stays marked after a reload, and a later passing test clears it', async ({
    page,
    emulator,
    user,
  }) => {
    const id = await connected(page, emulator, user, t.slug);
    await emulator.break(id, 'Token has been expired or revoked.');
    const card = toolkitCard(page, t.name);
    const testButton = card.getByRole('button', { name: `Test ${t.name} connection` });
    await hydrated(testButton);
    await testButton.click();

    const notWorking = `${t.name} is not working: Token has been expired or revoked.`;
    await expect(card.getByRole('status')).toHaveText(notWorking);
    await expect(card.getByRole('button', { name: `Reconnect ${t.name}` })).toBeVisible();
    await expect(card.getByText('Failed', { exact: true })).toBeVisible();

    await page.reload();
    await expect(card.getByRole('status')).toHaveText(notWorking);
    await expect(card.getByText('Failed', { exact: true })).toBeVisible();
    await expect(card.getByRole('button', { name: `Reconnect ${t.name}` })).toBeVisible();
    // Composio still calls it ACTIVE: only the test knows, and nothing at Composio was changed by it.
    expect((await emulator.accounts(user.id)).map((account) => [account.id, account.status])).toEqual([[id, 'ACTIVE']]);

    await emulator.mend(id);
    await hydrated(testButton);
    await testButton.click();
    await expect(card.getByRole('status')).toHaveText(`${t.name} is working — signed in as ${t.whoAmI.identity}`);
    await expect(card.getByText('Connected', { exact: true })).toBeVisible();
    await page.reload();
    await expect(card.getByText('Connected', { exact: true })).toBeVisible();
    await expect(card.getByText(/is not working/)).toHaveCount(0);
    await expect(card.getByRole('button', { name: `Reconnect ${t.name}` })).toHaveCount(0);
  });

  test('Reconnect replaces an account a test found broken and clears the mark', async ({ page, emulator, user }) => {
    const broken = await connected(page, emulator, user, t.slug);
    await emulator.break(broken);
    const card = toolkitCard(page, t.name);
    await hydrated(card.getByRole('button', { name: `Test ${t.name} connection` }));
    await card.getByRole('button', { name: `Test ${t.name} connection` }).click();
    await expect(card.getByRole('status')).toContainText(`${t.name} is not working`);

    await card.getByRole('button', { name: `Reconnect ${t.name}` }).click();
    await page.waitForURL((url) => url.origin === EMULATOR_URL);
    await answerConnectLink(page, 'Allow');
    await expect(page).toHaveURL(`${APP_URL}/settings/integrations`);
    await expect(card.getByText('Connected', { exact: true })).toBeVisible();
    await expect(card.getByText(/is not working/)).toHaveCount(0);
    // The broken account is gone (no duplicate left behind); the new one works.
    const accounts = await emulator.accounts(user.id);
    expect(accounts.map((account) => account.status)).toEqual(['ACTIVE']);
    expect(accounts[0]!.id).not.toBe(broken);
    await hydrated(card.getByRole('button', { name: `Test ${t.name} connection` }));
    await card.getByRole('button', { name: `Test ${t.name} connection` }).click();
    await expect(card.getByRole('status')).toHaveText(`${t.name} is working — signed in as ${t.whoAmI.identity}`);
  });

  test(
    'a Composio outage during a test is a clear message, not a verdict on the account',
    { tag: '@exclusive' },
    async ({ page, emulator, user }) => {
      await connected(page, emulator, user, t.slug);
      const card = toolkitCard(page, t.name);
      const testButton = card.getByRole('button', { name: `Test ${t.name} connection` });
      await hydrated(testButton);
      await emulator.fault({ match: `/tools/execute/${t.whoAmI.tool}`, status: 503, times: 1 });
      await testButton.click();
      await expect(card.getByRole('status')).toHaveText(
        `${t.name} could not be tested: Composio is having trouble right now. Try again in a moment.`,
      );
      await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
      await page.reload();
      await expect(card.getByText('Connected', { exact: true })).toBeVisible();
      await expect(card.getByText(/could not be tested|is not working/)).toHaveCount(0);

      // Composio recovered: the same button works.
      await hydrated(testButton);
      await testButton.click();
      await expect(card.getByRole('status')).toHaveText(`${t.name} is working — signed in as ${t.whoAmI.identity}`);
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
      const accountId = await connected(victimPage, emulator, signedIn, t.slug);
      const proof = await toolkitCard(victimPage, t.name).locator('input[name="proof"]').inputValue();
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
      [
        'the right proof for another toolkit',
        () => ({ toolkit: configuredToolkits.find((other) => other !== t)!.slug }),
      ],
      ['a malformed account id', () => ({ accountId: '../../tools/execute' })],
    ];

    for (const [name, fields] of cases) {
      test(`${name} is refused and nothing runs`, { tag: '@exclusive' }, async ({ page, emulator, user }) => {
        await connected(page, emulator, user, t.slug);
        const card = toolkitCard(page, t.name);
        const testButton = card.getByRole('button', { name: `Test ${t.name} connection` });
        const form = testButton.locator('xpath=ancestor::form');
        const own = { proof: await form.locator('input[name="proof"]').inputValue() };
        const before = [await emulator.accounts(user.id), await emulator.accounts(victim.id)];
        await tamperWith(form, fields(own));
        await emulator.clearRequests();

        await testButton.click();
        await expect(card.getByRole('status')).toContainText(
          new RegExp(`^${escapeRegExp(t.name)} could not be tested: .*Nothing was changed\\.$`),
        );
        expect((await composioRequests(emulator)).filter((request) => request.includes('/tools/'))).toEqual([]);
        expect([await emulator.accounts(user.id), await emulator.accounts(victim.id)]).toEqual(before);
        // The victim's broken account was not marked by someone else's attempt.
        await victimPage.reload();
        await expect(toolkitCard(victimPage, t.name).getByText('Connected', { exact: true })).toBeVisible();
        await expect(toolkitCard(victimPage, t.name).getByText(/is not working/)).toHaveCount(0);
      });
    }
  });
}

test('every configured toolkit with a who-am-I tool gets Test, and it says who the account is', async ({
  page,
  emulator,
  user,
}) => {
  const testable = connectableToolkits.filter((toolkit) => toolkit.whoAmI && toolkit.authScheme === 'OAUTH2');
  for (const toolkit of testable) await emulator.connect(user.id, toolkit.slug);
  await page.goto('/settings/integrations');
  for (const toolkit of testable) {
    const card = toolkitCard(page, toolkit.name);
    const button = card.getByRole('button', { name: `Test ${toolkit.name} connection`, exact: true });
    await hydrated(button);
    await button.click();
    await expect(card.getByRole('status')).toHaveText(
      `${toolkit.name} is working — signed in as ${toolkit.whoAmI!.identity}`,
    );
  }
});

test('a fork’s toolkits beyond the list get Test too, against the emulator', async ({ page, emulator, user }) => {
  // With the whole catalog on offer: toolkits outside lib/toolkits.ts that Composio has a who-am-I tool for.
  const forks = catalogToolkits('OAUTH2')
    .filter((toolkit) => toolkit.whoAmI)
    .slice(0, 3);
  expect(forks.length).toBeGreaterThan(0);
  for (const toolkit of forks) await emulator.connect(user.id, toolkit.slug);
  await page.goto(`${SHOW_ALL_APP_URL}/settings/integrations`);
  for (const toolkit of forks) {
    const card = toolkitCard(page, toolkit.name);
    const button = card.getByRole('button', { name: `Test ${toolkit.name} connection`, exact: true });
    await hydrated(button);
    await button.click();
    await expect(card.getByRole('status')).toHaveText(
      new RegExp(`^${escapeRegExp(toolkit.name)} is working — signed in as ${escapeRegExp(toolkit.whoAmI!.identity)}$`),
    );
  }
});

test('a toolkit without a who-am-I tool says it has no connection test, instead of hiding it', async ({
  page,
  emulator,
  user,
}) => {
  const toolkit = catalogToolkits('OAUTH2').find((candidate) => !candidate.whoAmI);
  if (!toolkit) throw new Error("The e2e emulator's catalog has no OAuth toolkit without a who-am-I tool");
  await emulator.connect(user.id, toolkit.slug);
  await page.goto(`${SHOW_ALL_APP_URL}/settings/integrations`);
  const card = toolkitCard(page, toolkit.name);
  await expect(card.getByRole('button', { name: `Disconnect ${toolkit.name}` })).toBeVisible();
  await expect(card.getByText(`No connection test for ${toolkit.name}`)).toBeVisible();
  await expect(card.getByRole('button', { name: /^Test / })).toHaveCount(0);
});
