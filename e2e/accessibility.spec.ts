import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { connectThroughEmulator, expect, stillAfterAnimating, test } from './fixtures';
import { configuredToolkits, connectableToolkit } from './toolkits';

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
    const toolkit = connectableToolkit();
    await connectThroughEmulator(page, toolkit.name);
    await expect(
      page.getByRole('article', { name: toolkit.name }).getByText('Connected', { exact: true }),
    ).toBeVisible();
    // Let the success toast finish animating in before measuring contrast.
    await stillAfterAnimating(page.locator('[data-sonner-toast]').filter({ hasText: `${toolkit.name} connected` }));
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
  await connectThroughEmulator(page, connectableToolkit(0).name);
  await connectThroughEmulator(page, connectableToolkit(1).name);
  await expect(page.getByText(`2 of ${configuredToolkits.length} connected`)).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
});
