import { composioUserId } from '../lib/auth/user-id';
import { expect, signIn, test, uniqueEmail } from './fixtures';
import { APP_URL, SECOND_APP_URL, SETUP_PAGE_EMAIL } from './servers';
import { configuredToolkits } from './toolkits';

const check = (page: import('@playwright/test').Page, label: string) =>
  page
    .getByRole('list', { name: 'Setup checks' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: label, exact: true }) });

test('the deployer sees what is configured and what is missing, each gap naming its variable', async ({ page }) => {
  const user = await signIn(page, SETUP_PAGE_EMAIL, '/settings/setup');
  expect(user.id).toBe(composioUserId({ demoEmail: SETUP_PAGE_EMAIL }));
  await expect(page).toHaveTitle(/^Setup/);
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Setup' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  await expect(check(page, 'Composio API key')).toContainText('Set and accepted');
  await expect(check(page, 'Toolkits')).toContainText(
    `All ${configuredToolkits.length} toolkits in lib/toolkits.ts are in the catalog`,
  );
  await expect(check(page, 'Callback URL')).toContainText(`${APP_URL}/api/composio/callback`);
  await expect(check(page, 'Webhook')).toContainText('OK');
  // The e2e servers run the production build with only the demo sign-in: both are flagged, with the fix.
  await expect(check(page, 'Sign-in providers')).toContainText('Missing');
  await expect(check(page, 'Sign-in providers')).toContainText('Set AUTH_GITHUB_ID');
  await expect(check(page, 'Demo sign-in')).toContainText('Set AUTH_DEMO_LOGIN');
  // The run's own Postgres (e2e/postgres.ts), migrated by npm run db:migrate before the servers started.
  await expect(check(page, 'Database')).toContainText(/Postgres at 127\.0\.0\.1:\d+: reachable, migrations current/);
  await expect(check(page, 'Database')).toContainText('OK');
});

test('a server listening on another port than APP_URL says so instead of reporting the callback URL as OK', async ({
  page,
}) => {
  await signIn(page, SETUP_PAGE_EMAIL, '/settings/profile');
  // The second instance shares the primary's environment, APP_URL included, but listens on its own port.
  await page.goto(`${SECOND_APP_URL}/settings/setup`);
  const secondPort = new URL(SECOND_APP_URL).port;
  await expect(check(page, 'Callback URL')).toContainText(`this server listens on port ${secondPort}`);
  await expect(check(page, 'Callback URL')).toContainText('Set APP_URL');
  await expect(check(page, 'Callback URL')).not.toContainText('OK');
});

test(
  'a rejected Composio key is named on the setup page instead of a stack trace',
  { tag: '@exclusive' },
  async ({ page, emulator }) => {
    await signIn(page, SETUP_PAGE_EMAIL, '/settings/profile');
    await emulator.fault({ match: '/toolkits?', status: 401, times: 1 });
    await page.goto('/settings/setup');
    await expect(check(page, 'Composio API key')).toContainText('Composio rejected the key');
    await expect(check(page, 'Composio API key')).toContainText('Set COMPOSIO_API_KEY');
  },
);

test('in production the setup page is hidden from everyone else', async ({ page }) => {
  await signIn(page, uniqueEmail('not-the-deployer'), '/settings/profile');
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Setup' })).toHaveCount(0);
  const response = await page.goto('/settings/setup');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
