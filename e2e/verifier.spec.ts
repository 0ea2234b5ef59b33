import type { Browser, Page } from '@playwright/test';
import {
  answerConnectLink,
  blockPopups,
  EXCLUSIVE,
  expect,
  signIn,
  signInDirectly,
  test,
  toolkitCard,
  uniqueEmail,
  type Emulator,
  type SignedInUser,
} from './fixtures';
import { APP_URL, EMULATOR_URL, SETUP_PAGE_EMAIL } from './servers';
import { oauthToolkit } from './toolkits';

// Journeys of Composio's OAuth callback identity verifier (on in the e2e servers, as it should be in production) and
// of same-browser binding: a Connect Link is no longer a bearer link. Both are about OAuth links.
const first = oauthToolkit(0);
const second = oauthToolkit(1);

const ANOTHER_ACCOUNT = 'This connection was started by another account. Nothing was connected.';

async function newSignedInPage(browser: Browser, email: string): Promise<{ page: Page; user: SignedInUser }> {
  const context = await browser.newContext({ baseURL: APP_URL });
  await blockPopups(context);
  const page = await context.newPage();
  return { page, user: await signInDirectly(page, email) };
}

/**
 * Connect from the integrations page, but the browser never opens the Connect Link: its URL is handed over instead
 * (an agent posting it in a chat, a forwarded e-mail). Returns the link.
 */
async function connectLinkNotOpened(page: Page, name: string): Promise<string> {
  await page.goto('/settings/integrations');
  const link = new Promise<string>((resolve) => {
    void page.route(`${EMULATOR_URL}/link/**`, async (route) => {
      resolve(route.request().url());
      await route.abort();
    });
  });
  await page.getByRole('button', { name: `Connect ${name}`, exact: true }).click();
  return link;
}

async function statuses(emulator: Emulator, userId: string) {
  return (await emulator.accounts(userId)).map((account) => [account.toolkit.slug, account.status]);
}

test('a Connect Link approved in another user’s browser connects nothing, for either of them', async ({
  page,
  browser,
  emulator,
  user,
}) => {
  const link = await connectLinkNotOpened(page, first.name);
  const other = await newSignedInPage(browser, uniqueEmail('link-finisher'));

  await other.page.goto(link);
  await expect(other.page.getByText(user.id)).toBeVisible();
  const verified = other.page.waitForRequest((request) => request.url().startsWith(`${APP_URL}/api/composio/verify?`));
  await answerConnectLink(other.page, 'Allow');
  await verified;
  await expect(other.page).toHaveURL(`${APP_URL}/settings/integrations`);
  await expect(other.page.getByText(ANOTHER_ACCOUNT)).toBeVisible();
  await expect(toolkitCard(other.page, first.name).getByText('Connected', { exact: true })).toHaveCount(0);

  expect(await statuses(emulator, user.id)).toEqual([[first.slug, 'INITIATED']]);
  expect(await emulator.accounts(other.user.id)).toEqual([]);
  await page.goto('/settings/integrations');
  await expect(toolkitCard(page, first.name).getByText('Connected', { exact: true })).toHaveCount(0);
  await other.page.context().close();
});

test('approved while signed out: sign in, and the connection finishes where it was started', async ({
  page,
  context,
  emulator,
}) => {
  const email = uniqueEmail('verify-signed-out');
  const user = await signIn(page, email, '/settings/integrations');
  await page.getByRole('button', { name: `Connect ${first.name}`, exact: true }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await context.clearCookies({ name: /authjs/ });

  await answerConnectLink(page, 'Allow');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fapi%2Fcomposio%2Fverify%3Fsession_uri%3D/);
  expect(await statuses(emulator, user.id)).toEqual([[first.slug, 'INITIATED']]);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(`${APP_URL}/settings/integrations`);
  await expect(page.getByText(`${first.name} connected`)).toBeVisible();
  await expect(toolkitCard(page, first.name).getByText('Connected', { exact: true })).toBeVisible();
  expect(await statuses(emulator, user.id)).toEqual([[first.slug, 'ACTIVE']]);
});

test('a Connect Link finished in another browser than the one that opened it is refused; it still works in the first', async ({
  page,
  browser,
  emulator,
  user,
}) => {
  await page.goto('/settings/integrations');
  await page.getByRole('button', { name: `Connect ${first.name}`, exact: true }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  const link = page.url();

  // The same person, signed in on another device.
  const elsewhere = await newSignedInPage(browser, user.email);
  await elsewhere.page.goto(link);
  await answerConnectLink(elsewhere.page, 'Allow');
  await expect(
    elsewhere.page.getByText('This connection was started from a different browser or device'),
  ).toBeVisible();
  expect(await statuses(emulator, user.id)).toEqual([[first.slug, 'INITIATED']]);
  // Back in the app there, it says why and offers Connect again.
  await elsewhere.page.getByRole('link', { name: 'Back to the app' }).click();
  await expect(elsewhere.page).toHaveURL(`${APP_URL}/settings/integrations`);
  await expect(elsewhere.page.getByText('expired or was started in another browser')).toBeVisible();
  await expect(
    toolkitCard(elsewhere.page, first.name).getByRole('button', { name: `Connect ${first.name}`, exact: true }),
  ).toBeVisible();
  await elsewhere.page.context().close();

  await answerConnectLink(page, 'Allow');
  await expect(page.getByText(`${first.name} connected`)).toBeVisible();
  expect(await statuses(emulator, user.id)).toEqual([[first.slug, 'ACTIVE']]);
});

test('a verifier session is used once: reopening it connects nothing more and says so', async ({
  page,
  emulator,
  user,
}) => {
  await page.goto('/settings/integrations');
  await page.getByRole('button', { name: `Connect ${first.name}`, exact: true }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  const verified = page.waitForRequest((request) => request.url().startsWith(`${APP_URL}/api/composio/verify?`));
  await answerConnectLink(page, 'Allow');
  const verifierUrl = (await verified).url();
  // The card rather than the toast, which may be gone by the time a loaded machine renders the list.
  await expect(toolkitCard(page, first.name).getByText('Connected', { exact: true })).toBeVisible();
  expect(await statuses(emulator, user.id)).toEqual([[first.slug, 'ACTIVE']]);

  const before = await emulator.accounts(user.id);
  await page.goto(verifierUrl);
  await expect(page).toHaveURL(`${APP_URL}/settings/integrations`);
  await expect(page.getByText('already used or has expired')).toBeVisible();
  for (const query of ['', 'session_uri=', 'session_uri=a&session_uri=b', `session_uri=${'x'.repeat(3000)}`]) {
    const response = await page.goto(`/api/composio/verify?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page).toHaveURL(/\/settings\/integrations$/);
    await expect(page.getByText(/not understood|couldn't be found/).first()).toBeVisible();
  }
  expect(await emulator.accounts(user.id)).toEqual(before);
});

test(
  'setup shows the verifier URL to register and whether the last connection came through it',
  { tag: EXCLUSIVE },
  async ({ page, browser, emulator, user }) => {
    const deployer = await browser.newPage();
    await signIn(deployer, SETUP_PAGE_EMAIL, '/settings/setup');
    const verifierCheck = deployer
      .getByRole('list', { name: 'Setup checks' })
      .getByRole('listitem')
      .filter({ has: deployer.getByRole('heading', { name: 'Identity verifier', exact: true }) });

    // A project that has not enabled the verifier: Allow comes back to today's callback, which still works.
    await emulator.verifier(false, null);
    await page.goto('/settings/integrations');
    await page.getByRole('button', { name: `Connect ${second.name}`, exact: true }).click();
    await page.waitForURL((url) => url.origin === EMULATOR_URL);
    const callback = page.waitForRequest((request) => request.url().startsWith(`${APP_URL}/api/composio/callback?`));
    await answerConnectLink(page, 'Allow');
    await callback;
    await expect(page.getByText(`${second.name} connected`)).toBeVisible();
    await deployer.reload();
    await expect(verifierCheck).toContainText(`Register ${APP_URL}/api/composio/verify`);
    await expect(verifierCheck).toContainText('came through the plain callback');
    await expect(verifierCheck).toContainText('Needs attention');

    await emulator.verifier(true, null);
    await page.getByRole('button', { name: `Connect ${first.name}`, exact: true }).click();
    await page.waitForURL((url) => url.origin === EMULATOR_URL);
    const verified = page.waitForRequest((request) => request.url().startsWith(`${APP_URL}/api/composio/verify?`));
    await answerConnectLink(page, 'Allow');
    await verified;
    await expect(page.getByText(`${first.name} connected`)).toBeVisible();
    expect(await statuses(emulator, user.id)).toEqual([
      [second.slug, 'ACTIVE'],
      [first.slug, 'ACTIVE'],
    ]);
    await deployer.reload();
    await expect(verifierCheck).toContainText(`The last connection (${first.slug}`);
    await expect(verifierCheck).toContainText('came through it');
    await expect(verifierCheck).toContainText('OK');
    await deployer.close();
  },
);
