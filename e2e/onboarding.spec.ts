import { EMULATOR_URL } from './servers';
import { answerConnectLink, expect, signIn, test, uniqueEmail } from './fixtures';
import { onboardingToolkits, optionalToolkits, requiredToolkit, requiredToolkits, type Toolkit } from './toolkits';
import type { Page } from '@playwright/test';

const step = (page: Page, toolkit: Toolkit) => page.getByRole('listitem', { name: toolkit.name });
const optionalSteps = optionalToolkits.filter((toolkit) => toolkit.onboarding);

async function approve(page: Page, toolkit: Toolkit, decision: 'Allow' | 'Deny' = 'Allow') {
  await page.getByRole('button', { name: `Connect ${toolkit.name}` }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(page, decision);
  await page.waitForURL(/\/onboarding$|\/$/);
}

test('a new user goes from sign-in through onboarding to the home page', async ({ page }) => {
  await signIn(page, uniqueEmail('onboarding'), '/onboarding');
  await page.goto('/');
  await expect(page).toHaveURL(/\/onboarding$/);

  const continueButton = page.getByRole('button', { name: 'Continue' });
  const steps = onboardingToolkits.length;
  await expect(page.getByText(`0 of ${steps} connected`)).toBeVisible();
  await expect(continueButton).toBeDisabled();

  // Each required step in turn is the current one; Continue waits for the last of them.
  for (const [index, toolkit] of requiredToolkits.entries()) {
    await expect(step(page, toolkit)).toHaveAttribute('aria-current', 'step');
    await expect(continueButton).toBeDisabled();
    await approve(page, toolkit);
    await expect(page.getByText(`${toolkit.name} connected`)).toBeVisible();
    await expect(page.getByText(`${index + 1} of ${steps} connected`)).toBeVisible();
  }
  await expect(continueButton).toBeEnabled();

  for (const toolkit of optionalSteps) {
    await step(page, toolkit)
      .getByRole('button', { name: `Skip ${toolkit.name}` })
      .click();
    await expect(step(page, toolkit).getByText('Skipped')).toBeVisible();
  }

  await continueButton.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
});

test('a required step cannot be skipped, and a denied step stays current with the failure', async ({ page }) => {
  const required = requiredToolkit();
  await signIn(page, uniqueEmail('onboarding-deny'), '/onboarding');
  await expect(step(page, required).getByRole('button', { name: /Skip/ })).toHaveCount(0);
  await approve(page, required, 'Deny');
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByText(`${required.name} was not connected`)).toBeVisible();
  await expect(step(page, required)).toHaveAttribute('aria-current', 'step');
  await expect(step(page, required).getByText('Not connected')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
});

test('an expired required connection brings a Reconnect banner, not a dead end', async ({ page, emulator }) => {
  const required = requiredToolkit();
  const user = await signIn(page, uniqueEmail('onboarding-expired'), '/onboarding');
  for (const toolkit of requiredToolkits) await approve(page, toolkit);
  await page.goto('/');
  await expect(page).toHaveURL(/\/$/);

  const account = (await emulator.accounts(user.id)).find((candidate) => candidate.toolkit.slug === required.slug)!;
  await emulator.expire(account.id);
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: `Access to ${required.name} expired` });
  await expect(banner).toBeVisible();

  await banner.getByRole('button', { name: `Reconnect ${required.name}` }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(page, 'Allow');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText(`${required.name} connected`)).toBeVisible();
  await expect(banner).toHaveCount(0);
  const accounts = (await emulator.accounts(user.id)).filter((candidate) => candidate.toolkit.slug === required.slug);
  expect(accounts.map((candidate) => candidate.status)).toEqual(['ACTIVE']);
});
