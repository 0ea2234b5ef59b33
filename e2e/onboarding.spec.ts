import { EMULATOR_URL } from './servers';
import { expect, signIn, test, uniqueEmail } from './fixtures';
import type { Page } from '@playwright/test';

const step = (page: Page, name: string) => page.getByRole('listitem', { name });

async function approve(page: Page, connectButton: string, decision: 'Allow' | 'Deny' = 'Allow') {
  await page.getByRole('button', { name: connectButton }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.getByRole('button', { name: decision }).click();
  await page.waitForURL(/\/onboarding$|\/$/);
}

test('a new user goes from sign-in through onboarding to the home page', async ({ page }) => {
  await signIn(page, uniqueEmail('onboarding'), '/onboarding');
  await page.goto('/');
  await expect(page).toHaveURL(/\/onboarding$/);

  const continueButton = page.getByRole('button', { name: 'Continue' });
  await expect(page.getByText('0 of 3 connected')).toBeVisible();
  await expect(continueButton).toBeDisabled();
  await expect(step(page, 'Gmail')).toHaveAttribute('aria-current', 'step');

  await approve(page, 'Connect Gmail');
  await expect(page.getByText('Gmail connected')).toBeVisible();
  await expect(page.getByText('1 of 3 connected')).toBeVisible();
  await expect(continueButton).toBeDisabled();
  await expect(step(page, 'Slack')).toHaveAttribute('aria-current', 'step');

  await approve(page, 'Connect Slack');
  await expect(page.getByText('2 of 3 connected')).toBeVisible();
  await expect(continueButton).toBeEnabled();

  await step(page, 'GitHub').getByRole('button', { name: 'Skip GitHub' }).click();
  await expect(step(page, 'GitHub').getByText('Skipped')).toBeVisible();

  await continueButton.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
});

test('a required step cannot be skipped, and a denied step stays current with the failure', async ({ page }) => {
  await signIn(page, uniqueEmail('onboarding-deny'), '/onboarding');
  await expect(step(page, 'Gmail').getByRole('button', { name: /Skip/ })).toHaveCount(0);
  await approve(page, 'Connect Gmail', 'Deny');
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByText('Gmail was not connected')).toBeVisible();
  await expect(step(page, 'Gmail')).toHaveAttribute('aria-current', 'step');
  await expect(step(page, 'Gmail').getByText('Not connected')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
});

test('an expired required connection brings a Reconnect banner, not a dead end', async ({ page, emulator }) => {
  const user = await signIn(page, uniqueEmail('onboarding-expired'), '/onboarding');
  await approve(page, 'Connect Gmail');
  await approve(page, 'Connect Slack');
  await page.goto('/');
  await expect(page).toHaveURL(/\/$/);

  const gmail = (await emulator.accounts(user.id)).find((account) => account.toolkit.slug === 'gmail')!;
  await emulator.expire(gmail.id);
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'Access to Gmail expired' });
  await expect(banner).toBeVisible();

  await banner.getByRole('button', { name: 'Reconnect Gmail' }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Gmail connected')).toBeVisible();
  await expect(banner).toHaveCount(0);
  const gmailAccounts = (await emulator.accounts(user.id)).filter((account) => account.toolkit.slug === 'gmail');
  expect(gmailAccounts.map((account) => account.status)).toEqual(['ACTIVE']);
});
