import { APP_URL, NO_DEMO_APP_URL } from './servers';
import { expect, test, uniqueEmail } from './fixtures';

test('a signed-out visit to the integrations page goes to sign-in and comes back after signing in', async ({
  page,
}) => {
  await page.goto('/settings/integrations');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Fintegrations$/);

  await page.getByLabel('Email').fill(uniqueEmail('returning'));
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
});

test('onboarding is guarded too', async ({ page }) => {
  await page.goto('/onboarding');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fonboarding$/);
});

test('the same email is the same Composio user on every sign-in, whatever its case', async ({ page, browser }) => {
  const email = uniqueEmail('stable');
  await page.goto('/sign-in?callbackUrl=%2Fsettings%2Fprofile');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const firstId = await page.getByText(/^demo:[0-9a-f]{24}$/).textContent();

  const other = await browser.newPage();
  await other.goto('/sign-in?callbackUrl=%2Fsettings%2Fprofile');
  await other.getByLabel('Email').fill(`  ${email.toUpperCase()} `);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByText(/^demo:[0-9a-f]{24}$/)).toHaveText(firstId ?? 'missing');
  await other.close();
});

test('an invalid email is refused with a message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'valid email' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an absolute callbackUrl cannot send the user off-site after sign-in', async ({ page }) => {
  await page.goto('/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2Fphish');
  await page.getByLabel('Email').fill(uniqueEmail('redirect'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('networkidle');
  expect(new URL(page.url()).host).toBe(new URL(APP_URL).host);
});

test('sign-out ends the session', async ({ page }) => {
  await page.goto('/sign-in?callbackUrl=%2Fsettings%2Fprofile');
  await page.getByLabel('Email').fill(uniqueEmail('signout'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible();

  // Exact: Profile also offers "Sign out of all devices".
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/settings/profile');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Fprofile$/);
});

test('the demo sign-in is absent when it is turned off', async ({ page }) => {
  await page.goto(`${NO_DEMO_APP_URL}/sign-in`);
  await expect(page.getByRole('button', { name: 'Sign in with GitHub' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0);

  // The server refuses it too, not only the page.
  const csrf = await (await page.request.get(`${NO_DEMO_APP_URL}/api/auth/csrf`)).json();
  const response = await page.request.post(`${NO_DEMO_APP_URL}/api/auth/callback/demo`, {
    form: { email: 'intruder@example.com', csrfToken: csrf.csrfToken },
    maxRedirects: 0,
  });
  expect(response.status()).toBeGreaterThanOrEqual(300);
  const session = await (await page.request.get(`${NO_DEMO_APP_URL}/api/auth/session`)).json();
  expect(session).toBeNull();
});
