import { connectThroughEmulator, expect, signIn, stillAfterAnimating, test, uniqueEmail } from './fixtures';
import { connectableToolkit } from './toolkits';

test('the header links to Settings, which opens on Integrations', async ({ page, user }) => {
  expect(user.id).toMatch(/^demo:/);
  await page.goto('/settings/profile');
  await page.getByRole('banner').getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
});

test('the sign-in page has one Sign in, in the form', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(1);
});

test('the header starts where the page content starts', async ({ page, user }) => {
  expect(user.id).toMatch(/^demo:/);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/settings/integrations');
    const brand = await page.getByRole('banner').getByRole('link').first().boundingBox();
    // The first thing in the content column is the settings navigation's label on wide screens, its first link on narrow ones.
    const content = await page.getByRole('navigation', { name: 'Settings' }).evaluate((nav) => {
      const aside = nav.parentElement!;
      const first = [...aside.querySelectorAll('p, a')].find((element) => element.getBoundingClientRect().width > 0)!;
      const range = document.createRange();
      range.selectNodeContents(first);
      return range.getBoundingClientRect().left;
    });
    expect(Math.round(content), `${width} px`).toBe(Math.round(brand!.x));
  }
});

test('toasts are not drawn over the emulator banner', async ({ page, user }) => {
  expect(user.id).toMatch(/^demo:/);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto('/settings/integrations');
    await page.evaluate(() => window.scrollTo(0, 0));
    const toolkit = connectableToolkit();
    await connectThroughEmulator(page, toolkit.name, 'Deny');
    const toast = page.locator('[data-sonner-toast]').filter({ hasText: `${toolkit.name} was not connected` });
    await expect(toast).toBeVisible();
    await stillAfterAnimating(toast); // where the toast ends up after its entry animation
    const banner = await page.getByRole('note').filter({ hasText: 'Composio emulator' }).boundingBox();
    const box = await toast.boundingBox();
    const overlaps =
      box!.x < banner!.x + banner!.width &&
      banner!.x < box!.x + box!.width &&
      box!.y < banner!.y + banner!.height &&
      banner!.y < box!.y + box!.height;
    expect(overlaps, `${width} px`).toBe(false);
  }
});

test('a first sign-in is not greeted with "Welcome back"', async ({ page }) => {
  await signIn(page, uniqueEmail('first-visit'), '/settings/integrations');
  await connectThroughEmulator(page, connectableToolkit(0).name);
  await connectThroughEmulator(page, connectableToolkit(1).name);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).not.toContainText('Welcome back');
});
