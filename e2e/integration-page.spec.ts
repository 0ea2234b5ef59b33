import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { categoryName } from '../emulator/catalog';
import defaultScopes from '../emulator/data/default-scopes.json' with { type: 'json' };
import { activitySection, expect, test, toolkitCard } from './fixtures';
import { accountLabel, configuredToolkits, connectableToolkits, emulatorCatalog, type Toolkit } from './toolkits';

/** A connectable configured toolkit the emulator knows Composio's default scopes for, else any connectable one. */
const toolkit: Toolkit =
  connectableToolkits.find((candidate) => candidate.slug in defaultScopes.scopes) ?? connectableToolkits[0]!;
const scopes: string[] = (defaultScopes.scopes[toolkit.slug as keyof typeof defaultScopes.scopes] ?? '')
  .split(',')
  .filter(Boolean);
const path = `/settings/integrations/${toolkit.slug}`;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('the card links to the integration’s page: catalog facts, why we ask, accounts with actions, access, Activity', async ({
  page,
  emulator,
  user,
}) => {
  await emulator.connect(user.id, toolkit.slug, 'work');
  await page.goto('/settings/integrations');
  await toolkitCard(page, toolkit.name).getByRole('link', { name: toolkit.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByRole('heading', { level: 1, name: toolkit.name })).toBeVisible();

  const entry = emulatorCatalog.find((candidate) => candidate.slug === toolkit.slug)!;
  await expect(page.getByText(categoryName(entry.category), { exact: true })).toBeVisible();
  const config = configuredToolkits.find((candidate) => candidate.slug === toolkit.slug)!;
  await expect(page.getByRole('region', { name: `Why we ask for ${toolkit.name}` })).toContainText(config.reason);

  // The account, named and identified, with the actions the list offers.
  const accounts = page.getByRole('region', { name: 'Accounts' });
  await expect(accounts).toContainText(`work · ${accountLabel(toolkit)}`);
  await expect(accounts.getByRole('button', { name: `Disconnect ${toolkit.name}` })).toBeVisible();

  // The access it grants: how it signs in, in plain words, and Composio's scopes as they are.
  const access = page.getByRole('region', { name: 'Access it grants' });
  await expect(access).toContainText(`You sign in to ${toolkit.name}`);
  if (scopes.length > 0) {
    await expect(access.getByRole('list', { name: `${toolkit.name} scopes` }).getByRole('listitem')).toHaveText(scopes);
  } else {
    await expect(access).toContainText('Composio does not list the scopes');
  }

  // Disconnect works from here too, and this page's Activity shows it (only this toolkit's events).
  await accounts.getByRole('button', { name: `Disconnect ${toolkit.name}` }).click();
  await page
    .getByRole('alertdialog', { name: `Disconnect ${toolkit.name}?` })
    .getByRole('button', { name: 'Disconnect', exact: true })
    .click();
  await expect(accounts.getByRole('button', { name: `Connect ${toolkit.name}`, exact: true })).toBeVisible();
  await expect(activitySection(page).getByRole('listitem')).toHaveCount(1);
  await expect(activitySection(page).getByRole('listitem').first()).toContainText(`${toolkit.name}`);
  await expect(activitySection(page).getByRole('listitem').first()).toContainText('Disconnected');
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('an integration the app does not offer is a plain 404', async ({ page, user }) => {
  expect(user.id).toBeTruthy();
  const response = await page.goto('/settings/integrations/not-a-toolkit-of-ours');
  expect(response?.status()).toBe(404);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation on an integration’s page (${colorScheme}, and at 390 px)`, async ({
    page,
    emulator,
    user,
  }) => {
    await emulator.connect(user.id, toolkit.slug);
    await page.emulateMedia({ colorScheme });
    await page.goto(path);
    await expect(page.getByRole('region', { name: 'Access it grants' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Activity' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
  });
}
