import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, hydrated, signIn, test, toolkitCard, uniqueEmail } from './fixtures';
import { bringBack, e2eDatabase, queryRows, takeDown } from './database';
import { readFileSync } from 'node:fs';
import { APP_URL, DB_DOWN_APP_URL, DB_DOWN_LOG, SECOND_APP_URL, SETUP_PAGE_EMAIL } from './servers';
import { accessibleNames, connectableToolkit, testableToolkit } from './toolkits';

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

/** The ids of the user's active sessions, read from the shared database. */
async function sessionsOf(userId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    e2eDatabase(),
    `select id from sessions where user_id = '${userId}' and revoked_at is null`,
  );
  return rows.map((row) => row.id);
}

/** The calm state a page shows while the database cannot confirm the session, instead of anything of the user's. */
function unconfirmed(page: Page) {
  return page.getByRole('alert').filter({ hasText: "We can't confirm your session right now" });
}

test(
  'with the database stopped: sign-in fails closed, no cookie (valid, revoked or copied) reads or changes anything, and a sign-out then takes effect once it is back',
  { tag: '@exclusive' },
  async ({ page, browser, emulator }) => {
    test.setTimeout(150_000);
    const toolkit = testableToolkit() ?? connectableToolkit();
    const names = accessibleNames(toolkit);
    const user = await signIn(page, uniqueEmail('outage'));
    await emulator.connect(user.id, toolkit.slug);
    // A cookie signed out before the outage (a copy of another device's)...
    const laptop = await device(browser, user.email);
    const revoked = await copyOfCookie(browser, laptop);
    await laptop.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await expect(laptop).toHaveURL(/\/sign-in$/);
    // ...and a copy of this device's, valid until this device signs out during the outage.
    const copied = await copyOfCookie(browser, page);
    await page.goto('/settings/integrations');
    const card = toolkitCard(page, names.card);
    await hydrated(card.getByRole('button', { name: names.disconnect }));

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

      // Neither the revoked copy nor a valid cookie reads anything, on either instance: the database cannot tell them apart.
      for (const context of [revoked, copied]) {
        for (const origin of [APP_URL, SECOND_APP_URL]) {
          const other = await context.newPage();
          for (const path of ['/settings/integrations', '/settings/profile']) {
            await other.goto(`${origin}${path}`);
            await expect(unconfirmed(other)).toBeVisible();
            await expect(unconfirmed(other).getByRole('button', { name: 'Retry' })).toBeVisible();
            await expect(toolkitCard(other, names.card)).toHaveCount(0);
            await expect(other.getByText(user.id)).toHaveCount(0);
          }
          await other.close();
        }
      }

      // Nor changes anything: the page loaded before the outage tries Disconnect (and Test).
      await card.getByRole('button', { name: names.disconnect }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect', exact: true }).click();
      await expect(page.getByText("We can't confirm your session right now. Nothing was changed")).toBeVisible({
        timeout: 20_000,
      });
      // The dialog stays open on a refusal, as on any failed Disconnect.
      await page.keyboard.press('Escape');
      await expect(page.getByRole('alertdialog')).toHaveCount(0);
      if (toolkit.whoAmI) {
        await card.getByRole('button', { name: names.test }).click();
        await expect(card.getByText("We can't confirm your session right now. Nothing was changed")).toBeVisible();
      }
      expect((await emulator.accounts(user.id)).map((account) => account.status)).toEqual(['ACTIVE']);

      // A sign-out during the outage signs this browser out at once...
      await page.goto('/settings/profile');
      await expect(unconfirmed(page)).toBeVisible();
      await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/sign-in$/);
    } finally {
      await bringBack(database);
    }
    // ...and, once the database is back, its copy on every instance: the server remembered it.
    const activeSessions = () => sessionsOf(user.id);
    await expect.poll(activeSessions, { timeout: 20_000 }).toEqual([]);
    expect(await profileWith(copied)).toBe('sign-in');
    expect(await profileWith(copied, SECOND_APP_URL)).toBe('sign-in');
    expect(await profileWith(revoked, SECOND_APP_URL)).toBe('sign-in');
    for (const context of [laptop.context(), revoked, copied]) await context.close();

    const after = await browser.newPage();
    await signIn(after, uniqueEmail('recovered'));
    await expect(devices(after)).toHaveCount(1);
    await after.close();
  },
);

test('database down: a signed-in cookie sees nothing of the account on any page, with Retry', async ({ page }) => {
  // The session cookie is for the host: this browser is signed in on the instance whose database is down too.
  const user = await signIn(page, SETUP_PAGE_EMAIL);
  for (const path of ['/settings/integrations', '/settings/profile', '/settings/setup', '/onboarding']) {
    await page.goto(`${DB_DOWN_APP_URL}${path}`);
    await expect(unconfirmed(page)).toBeVisible();
    await expect(unconfirmed(page).getByRole('button', { name: 'Retry' })).toBeVisible();
    await expect(page.getByText(user.id)).toHaveCount(0);
    await expect(page.getByText(user.email)).toHaveCount(0);
    await expect(page.getByRole('article')).toHaveCount(0);
  }
  // The sign-in page too (where a callback sends a browser it cannot confirm); Retry there goes on once it can.
  await page.goto(`${DB_DOWN_APP_URL}/sign-in?callbackUrl=%2Fsettings%2Fintegrations`);
  await expect(unconfirmed(page)).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveCount(0);
  // Back on the instance with a database: the same cookie is signed in.
  await page.goto('/settings/profile');
  await expect(page.getByText(user.id)).toBeVisible();
});

test('sign-out while the database is unreachable signs this browser out at once, and is remembered for when it is back', async ({
  page,
}) => {
  const user = await signIn(page, uniqueEmail('signout-outage'));
  const activeSessions = () => sessionsOf(user.id);
  const [sessionId] = await activeSessions();
  expect(sessionId).toBeDefined();
  // The session cookie is for the host: this browser is signed in on the instance whose database is down too.
  await page.goto(`${DB_DOWN_APP_URL}/settings/profile`);
  await expect(unconfirmed(page)).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${DB_DOWN_APP_URL}/sign-in`);
  expect((await page.context().cookies()).some((cookie) => cookie.name.includes('session-token'))).toBe(false);

  await expect
    .poll(() =>
      readFileSync(DB_DOWN_LOG, 'utf8')
        .split('\n')
        .filter((line) =>
          line.startsWith('[sessions] sign-out could not reach the database, the session is revoked once it is back'),
        )
        .map((line) => JSON.parse(line.slice(line.indexOf('{'))) as { sessionId: string })
        .some((record) => record.sessionId === sessionId),
    )
    .toBe(true);
  // That instance's database never comes back here: the row stays active (the journey above sees it revoked).
  expect(await activeSessions()).toEqual([sessionId]);
});
