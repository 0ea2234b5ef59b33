import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, hydrated, signIn, test, uniqueEmail } from './fixtures';
import { bringBack, e2eDatabase, queryRows, takeDown } from './database';
import { readFileSync } from 'node:fs';
import { DB_DOWN_APP_URL, DB_DOWN_LOG, SECOND_APP_URL, SETUP_PAGE_EMAIL } from './servers';

const LINUX_CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** A second device: its own browser context, signed in as `email`. */
async function device(browser: Browser, email: string, userAgent = LINUX_CHROME): Promise<Page> {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Someone who copied the session cookie of `page` into a browser of their own. */
async function copyOfCookie(browser: Browser, page: Page): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies(await page.context().cookies());
  return context;
}

/** The page a cookie gets for /settings/profile, on `origin`: the profile, or the sign-in page. */
async function profileWith(context: BrowserContext, origin = ''): Promise<'profile' | 'sign-in'> {
  const page = await context.newPage();
  await page.goto(`${origin}/settings/profile`);
  const landed = new URL(page.url()).pathname === '/sign-in' ? 'sign-in' : 'profile';
  if (landed === 'profile') await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
  else await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.close();
  return landed;
}

// Each test signs in on several devices: more page loads than most journeys.
test.slow();

const devices = (page: Page) => page.getByRole('list', { name: 'Signed-in devices' }).getByRole('listitem');

test('sign-out ends the session on the server: a copied cookie gets the sign-in page on every instance', async ({
  page,
  browser,
}) => {
  await signIn(page, uniqueEmail('copied'));
  const thief = await copyOfCookie(browser, page);
  expect(await profileWith(thief)).toBe('profile');
  expect(await profileWith(thief, SECOND_APP_URL)).toBe('profile');

  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  expect(await profileWith(thief)).toBe('sign-in');
  expect(await profileWith(thief, SECOND_APP_URL)).toBe('sign-in');
  await thief.close();
});

test('Profile lists the signed-in devices, this one marked, and signs another one out', async ({ page, browser }) => {
  const email = uniqueEmail('devices');
  await signIn(page, email);
  const phone = await device(browser, email, IPHONE_SAFARI);

  await page.reload();
  await expect(devices(page)).toHaveCount(2);
  const thisDevice = devices(page).filter({ hasText: 'This device' });
  await expect(thisDevice).toHaveCount(1);
  await expect(thisDevice.locator('time').first()).toHaveAttribute('dateTime', /^\d{4}-\d\d-\d\dT/);
  const otherDevice = devices(page).filter({ hasText: 'Safari on iOS' });
  await expect(otherDevice).not.toContainText('This device');

  await otherDevice.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('That device is signed out.')).toBeVisible();
  await expect(devices(page)).toHaveCount(1);
  await expect(devices(page)).toContainText('This device');

  await phone.reload();
  await expect(phone).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Fprofile$/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
  await phone.context().close();
});

test('Sign out of all devices ends every session of the user, copied cookies included, and no one else’s', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('everywhere');
  await signIn(page, email);
  const laptop = await device(browser, email);
  const thief = await copyOfCookie(browser, laptop);
  const someoneElse = await device(browser, uniqueEmail('bystander'));

  await page.reload();
  await expect(devices(page)).toHaveCount(2);
  // It asks first: Cancel changes nothing.
  await page.getByRole('button', { name: 'Sign out of all devices' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Sign out of all devices?' });
  await expect(confirm).toContainText('All 2 devices, this one included, will be signed out.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await page.reload();
  await expect(devices(page)).toHaveCount(2);
  expect(await profileWith(laptop.context())).toBe('profile');

  await page.getByRole('button', { name: 'Sign out of all devices' }).click();
  await confirm.getByRole('button', { name: 'Sign out of all devices' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  expect(await profileWith(laptop.context())).toBe('sign-in');
  expect(await profileWith(thief)).toBe('sign-in');
  expect(await profileWith(thief, SECOND_APP_URL)).toBe('sign-in');
  expect(await profileWith(someoneElse.context())).toBe('profile');

  await signIn(page, email);
  await expect(devices(page)).toHaveCount(1);
  for (const context of [laptop.context(), thief, someoneElse.context()]) await context.close();
});

test('a forged device id cannot sign out someone else’s session', async ({ page, browser }) => {
  const victimEmail = uniqueEmail('victim');
  const victim = await device(browser, victimEmail);
  const victimOther = await device(browser, victimEmail, IPHONE_SAFARI);
  await victim.reload();
  const victimSessionId = await devices(victim)
    .filter({ hasText: 'Safari on iOS' })
    .locator('input[name="sessionId"]')
    .inputValue();

  const email = uniqueEmail('forger');
  await signIn(page, email);
  const ownOther = await device(browser, email, IPHONE_SAFARI);
  await page.reload();
  const form = devices(page).filter({ hasText: 'Safari on iOS' }).locator('form');
  await hydrated(form);
  await form
    .locator('input[name="sessionId"]')
    .evaluate((input: HTMLInputElement, id) => (input.value = id), victimSessionId);
  await form.getByRole('button', { name: 'Sign out' }).click();

  await expect(page.getByText('That device is already signed out.')).toBeVisible();
  expect(await profileWith(victimOther.context())).toBe('profile');
  await expect(devices(page)).toHaveCount(2);
  for (const context of [victim.context(), victimOther.context(), ownOther.context()]) await context.close();
});

test(
  'with the database unreachable, sign-in fails closed with a clear message; signed-in pages still work',
  { tag: '@exclusive' },
  async ({ page, browser }) => {
    // The deployer: the one who may open /settings/setup in these production builds.
    await signIn(page, SETUP_PAGE_EMAIL);
    const database = e2eDatabase();
    await takeDown(database);
    try {
      const stranger = await browser.newPage();
      await stranger.goto('/sign-in?callbackUrl=%2Fsettings%2Fprofile');
      await stranger.getByLabel('Email').fill(uniqueEmail('refused'));
      await stranger.getByRole('button', { name: 'Sign in' }).click();
      await expect(
        stranger.getByText('Sign-in is unavailable right now: the app cannot reach its database.'),
      ).toBeVisible();
      await expect(stranger).toHaveURL(/\/sign-in\?/);
      expect((await stranger.context().cookies()).some((cookie) => cookie.name.includes('session-token'))).toBe(false);
      await stranger.close();

      // Someone already signed in keeps the page; the part that needs the database says it is unavailable.
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
      await expect(page.getByText('Signed-in devices are unavailable right now')).toBeVisible();
      await page.goto('/settings/setup');
      await expect(page.getByRole('listitem').filter({ hasText: /^Database/ })).toContainText(
        /Postgres at 127\.0\.0\.1:\d+: unreachable/,
      );
    } finally {
      await bringBack(database);
    }
    const after = await browser.newPage();
    await signIn(after, uniqueEmail('recovered'));
    await expect(devices(after)).toHaveCount(1);
    await after.close();
  },
);

test('sign-out while the database is unreachable still signs this browser out, and logs the session left active', async ({
  page,
}) => {
  const user = await signIn(page, uniqueEmail('signout-outage'));
  const activeSessions = async () =>
    (
      await queryRows<{ id: string }>(
        e2eDatabase(),
        `select id from sessions where user_id = '${user.id}' and revoked_at is null`,
      )
    ).map((row) => row.id);
  const [sessionId] = await activeSessions();
  expect(sessionId).toBeDefined();
  // The session cookie is for the host: this browser is signed in on the instance whose database is down too.
  await page.goto(`${DB_DOWN_APP_URL}/settings/profile`);
  await expect(page.getByText('Signed-in devices are unavailable right now')).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${DB_DOWN_APP_URL}/sign-in`);
  expect((await page.context().cookies()).some((cookie) => cookie.name.includes('session-token'))).toBe(false);

  await expect
    .poll(() =>
      readFileSync(DB_DOWN_LOG, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('[sessions] sign-out could not revoke the session'))
        .map((line) => JSON.parse(line.slice(line.indexOf('{'))) as { sessionId: string })
        .some((record) => record.sessionId === sessionId),
    )
    .toBe(true);
  // Nothing pretends otherwise: the row is still active, for Profile (or whoever reads the log) to sign it out.
  expect(await activeSessions()).toEqual([sessionId]);
});
