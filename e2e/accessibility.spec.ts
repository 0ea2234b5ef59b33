import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { connectThroughEmulator, expect, test } from './fixtures';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation on the integrations page (${colorScheme})`, async ({
    page,
    user,
  }) => {
    expect(user.id).toBeTruthy();
    await page.emulateMedia({ colorScheme });
    await page.goto('/settings/integrations');
    await connectThroughEmulator(page, 'Gmail');
    await expect(page.getByRole('article', { name: 'Gmail' }).getByText('Connected', { exact: true })).toBeVisible();
    // Let the success toast finish animating in before measuring contrast.
    await page.waitForTimeout(500);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('axe finds no serious or critical violation on the sign-in page', async ({ page }) => {
  await page.goto('/sign-in');
  expect(await seriousViolations(page)).toEqual([]);
});

// The README's screenshots are made by `npm run screenshots` (e2e/readme-screenshots.ts), not by test runs.
test('the settings page has no horizontal scroll at 390 px', async ({ page, user }) => {
  expect(user.id).toBeTruthy();
  await page.goto('/settings/integrations');
  await connectThroughEmulator(page, 'Gmail');
  await connectThroughEmulator(page, 'Slack');
  await expect(page.getByText('2 of 8 connected')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
});
