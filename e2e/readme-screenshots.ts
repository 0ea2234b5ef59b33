// Run by `npm run screenshots` (playwright.screenshots.config.ts), never by `npm test`.
import type { Page } from '@playwright/test';
import { addAnotherAccount, connectThroughEmulator, expect, signIn, test, toolkitCard } from './fixtures';

const OUT = 'public/screenshots';

async function settle(page: Page) {
  // No toast, focus ring or animation in the picture.
  await page.waitForTimeout(4_500);
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

test('README screenshots: a realistic account, desktop light and dark, and 390 px', async ({ page, emulator }) => {
  test.setTimeout(180_000);
  // A name a reader would expect on a real account, not a test name.
  const user = await signIn(page, 'ada@lovelace.example', '/settings/integrations');
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const name of ['Gmail', 'Slack', 'GitHub', 'Notion']) await connectThroughEmulator(page, name);
  await addAnotherAccount(page, 'Gmail', 'work');
  // One connection that needs attention, as a real account soon has.
  const notion = (await emulator.accounts(user.id)).find((account) => account.toolkit.slug === 'notion');
  await emulator.expire(notion!.id);
  await page.reload();
  await expect(toolkitCard(page, 'Notion').getByText('Expired', { exact: true })).toBeVisible();
  await settle(page);

  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: `${OUT}/settings-desktop.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${OUT}/settings-desktop-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${OUT}/settings-mobile.png`, fullPage: true });
});
