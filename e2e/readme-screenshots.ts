// Run by `npm run screenshots` (playwright.screenshots.config.ts), never by `npm test`.
import type { Page } from '@playwright/test';
import {
  addAnotherAccount,
  connectThroughEmulator,
  expect,
  signIn,
  stillAfterAnimating,
  test,
  toolkitCard,
} from './fixtures';
import { connectableToolkit } from './toolkits';

const OUT = 'public/screenshots';

async function settle(page: Page) {
  // No toast, focus ring or animation in the picture: toasts leave by themselves after a few seconds.
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 });
  await stillAfterAnimating(page.getByRole('main'));
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

test('README screenshots: a realistic account, desktop light and dark, and 390 px', async ({ page, emulator }) => {
  test.setTimeout(180_000);
  // A name a reader would expect on a real account, not a test name.
  const user = await signIn(page, 'ada@lovelace.example', '/settings/integrations');
  await page.setViewportSize({ width: 1280, height: 900 });
  // The first four toolkits a person can connect, whatever lib/toolkits.ts lists.
  const toolkits = [0, 1, 2, 3].map((index) => connectableToolkit(index));
  for (const { name } of toolkits) await connectThroughEmulator(page, name);
  await addAnotherAccount(page, toolkits[0]!.name, 'work');
  // One connection that needs attention, as a real account soon has.
  const expiring = toolkits[3]!;
  const account = (await emulator.accounts(user.id)).find((candidate) => candidate.toolkit.slug === expiring.slug);
  await emulator.expire(account!.id);
  await page.reload();
  await expect(toolkitCard(page, expiring.name).getByText('Expired', { exact: true })).toBeVisible();
  await settle(page);

  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: `${OUT}/settings-desktop.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${OUT}/settings-desktop-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${OUT}/settings-mobile.png`, fullPage: true });
});
