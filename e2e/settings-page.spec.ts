import { categoryName } from '../emulator/catalog';
import { TOOLKITS_PAGE_SIZE } from '../lib/toolkits';
import type { Page } from '@playwright/test';
import { SHOW_ALL_APP_URL, EMULATOR_CATALOG_SIZE } from './servers';
import { addAnotherAccount, answerConnectLink, expect, hydrated, test, toolkitCard, activitySection } from './fixtures';
import {
  accessibleNames,
  accountLabel,
  connectableToolkit,
  noAuthToolkit,
  oauthToolkit,
  configuredToolkits,
  connectableToolkits,
  emulatorCatalog,
  requiredToolkits,
  type Toolkit,
} from './toolkits';

/** The category the page shows for a toolkit: Composio's label, as the emulator serves it. */
function categoryOf(toolkit: Toolkit): string {
  return categoryName(emulatorCatalog.find((entry) => entry.slug === toolkit.slug)!.category);
}

/** A connectable toolkit of the list that is not required. */
function optionalConnectable(): Toolkit {
  const found = connectableToolkits.find((toolkit) => !toolkit.required);
  if (!found) throw new Error('This journey needs a connectable toolkit in lib/toolkits.ts that is not required');
  return found;
}

// 40 characters each, the most the account-name field takes; one without a space to break at.
const LONG_ALIASES = ['marketing-team-shared-inbox-europe-2026x', 'Customer support escalations for Europe.'];

/** How far the page scrolls sideways, and the elements sticking out past the viewport from a parent that does not. */
async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - width;
    if (overflow === 0) return { overflow, culprits: [] };
    const culprits = [...document.body.querySelectorAll<HTMLElement>('*')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .filter((element) => (element.parentElement?.getBoundingClientRect().right ?? 0) <= width + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 40)}`);
    return { overflow, culprits };
  });
}

test.beforeEach(async ({ page, user }) => {
  expect(user.id).toMatch(/^demo:/);
  await page.goto('/settings/integrations');
});

test('three accounts per toolkit with 40-character names: no horizontal scroll at 320 and 390 px', async ({
  page,
  emulator,
  user,
}) => {
  // The form takes both names (Add another account, on the first); the other accounts are made through Composio's API.
  const [first, second] = [connectableToolkit(0), connectableToolkit(1)];
  await emulator.connect(user.id, first.slug);
  await emulator.connect(user.id, second.slug);
  const expiring = await emulator.connect(user.id, second.slug, LONG_ALIASES[0]);
  await emulator.connect(user.id, second.slug, LONG_ALIASES[1]);
  await page.reload();
  for (const alias of LONG_ALIASES) await addAnotherAccount(page, first.name, alias);
  // One of them needs attention too, so every kind of row is on the page.
  await emulator.expire(expiring);
  await page.reload();
  await expect(toolkitCard(page, first.name).getByRole('listitem')).toHaveCount(3);
  await expect(toolkitCard(page, second.name).getByRole('listitem')).toHaveCount(3);

  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 844 });
    expect(await horizontalOverflow(page), `${width} px`).toEqual({ overflow: 0, culprits: [] });
  }
});

test('a toolkit that needs no connection says so and offers no Connect', async ({ page }) => {
  // The emulator marks it no_auth, as Composio's catalog does; the show-all instance lists it whatever the list.
  const toolkit = noAuthToolkit();
  await page.goto(`${SHOW_ALL_APP_URL}/settings/integrations`);
  await page.getByRole('searchbox', { name: 'Search integrations' }).fill(toolkit.name);
  const card = toolkitCard(page, toolkit.name);
  await expect(card.getByText('No connection needed')).toBeVisible();
  await expect(card.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Connect ${toolkit.name}` })).toHaveCount(0);
});

test('a hand-made Connect for a toolkit that needs no connection is refused, and nothing reaches Composio', async ({
  page,
  emulator,
  user,
}) => {
  await page.goto(`${SHOW_ALL_APP_URL}/settings/integrations`);
  const connect = page.getByRole('button', { name: `Connect ${connectableToolkit().name}`, exact: true });
  const form = connect.locator('xpath=ancestor::form');
  await hydrated(form);
  await form.evaluate((element, slug) => {
    element.querySelector<HTMLInputElement>('input[name="toolkit"]')!.value = slug;
  }, noAuthToolkit().slug);
  await connect.click();
  await expect(page.getByText('This app works without a connection')).toBeVisible();
  expect(await emulator.accounts(user.id)).toEqual([]);
});

test('a toolkit with one expired account of two says it needs attention, not Connected', async ({
  page,
  emulator,
  user,
}) => {
  const toolkit = connectableToolkit();
  await emulator.connect(user.id, toolkit.slug);
  await emulator.expire(await emulator.connect(user.id, toolkit.slug, 'work'));
  await page.reload();

  const card = toolkitCard(page, toolkit.name);
  await expect(card.getByText('1 needs attention', { exact: true })).toBeVisible();
  await expect(card.getByRole('listitem').filter({ hasText: 'Expired' })).toHaveCount(1);
  await expect(card.getByRole('button', { name: `Reconnect ${toolkit.name} (work)` })).toBeVisible();
  // The toolkit is listed under Needs attention, once.
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention.getByRole('article', { name: toolkit.name })).toBeVisible();
  await expect(page.getByRole('article', { name: toolkit.name })).toHaveCount(1);
});

test('one word per state: Disable makes it Disabled everywhere, Enable restores it', async ({
  page,
  emulator,
  user,
}) => {
  const toolkit = connectableToolkit();
  await emulator.connect(user.id, toolkit.slug);
  await page.reload();
  const card = toolkitCard(page, toolkit.name);
  await card.getByRole('button', { name: `More actions for ${toolkit.name}` }).click();
  await page.getByRole('menuitem', { name: 'Disable' }).click();
  await expect(page.getByText(`${toolkit.name} disabled`)).toBeVisible();
  await expect(card.getByText('Disabled', { exact: true })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText(/paused|pause/i);

  await card.getByRole('button', { name: `Enable ${toolkit.name}` }).click();
  await expect(page.getByText(`${toolkit.name} enabled`)).toBeVisible();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
});

test('the disconnect dialog and its toast name the account', async ({ page, emulator, user }) => {
  const toolkit = connectableToolkit(2);
  await emulator.connect(user.id, toolkit.slug);
  await emulator.connect(user.id, toolkit.slug, 'work');
  await page.reload();
  const card = toolkitCard(page, toolkit.name);

  await card.getByRole('button', { name: `Disconnect ${toolkit.name} (work)` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Disconnect ${toolkit.name} (work)?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(page.getByText(`${toolkit.name} (work) disconnected`)).toBeVisible();
  await expect(card.getByRole('button', { name: `Disconnect ${toolkit.name}` })).toHaveCount(1);
  expect((await emulator.accounts(user.id)).map((account) => account.alias)).toEqual([null]);
});

test('reconnecting an account keeps its place in the list', async ({ page, emulator, user }) => {
  const toolkit = connectableToolkit(1);
  const label = accountLabel(toolkit);
  const first = await emulator.connect(user.id, toolkit.slug);
  await emulator.connect(user.id, toolkit.slug, 'work');
  await page.reload();
  const rows = toolkitCard(page, toolkit.name).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(label);
  await expect(rows.nth(1)).toContainText('work');

  await emulator.expire(first);
  await page.reload();
  await expect(rows.nth(0)).toContainText('Expired');
  // Composio keeps an expired account's data: the row still says who it was connected as.
  await expect(rows.nth(0)).toContainText(label);
  await rows
    .nth(0)
    .getByRole('button', { name: `Reconnect ${toolkit.name} (${label})` })
    .click();
  await answerConnectLink(page, 'Allow');
  await expect(page.getByText(`${toolkit.name} connected`)).toBeVisible();

  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(label);
  await expect(rows.nth(1)).toContainText('work');
});

test('reconnecting a named account keeps its name: the new account takes it once the old one is gone', async ({
  page,
  emulator,
  user,
}) => {
  const toolkit = connectableToolkit(1);
  const names = accessibleNames(toolkit, 'work');
  await emulator.connect(user.id, toolkit.slug);
  const work = await emulator.connect(user.id, toolkit.slug, 'work');
  await emulator.expire(work);
  await page.reload();

  // Composio allows one account per alias and user and toolkit: the expired one holds "work" until it is replaced.
  await toolkitCard(page, toolkit.name).getByRole('button', { name: names.reconnect }).click();
  await answerConnectLink(page, 'Allow');
  await expect(page.getByText(names.connected)).toBeVisible();
  await expect(toolkitCard(page, toolkit.name).getByRole('button', { name: names.disconnect })).toBeVisible();
  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => [account.alias, account.status]).sort()).toEqual([
    [null, 'ACTIVE'],
    ['work', 'ACTIVE'],
  ]);
  expect(accounts.map((account) => account.id)).not.toContain(work);
});

test('account rows: short visible labels inside unique accessible names, emails never broken mid-word', async ({
  page,
  emulator,
  user,
}) => {
  // An OAuth account is named by its email.
  const toolkit = oauthToolkit();
  const email = accountLabel(toolkit);
  await emulator.connect(user.id, toolkit.slug);
  await emulator.connect(user.id, toolkit.slug, 'work');
  await page.reload();
  const card = toolkitCard(page, toolkit.name);

  const disconnectWork = card.getByRole('button', { name: `Disconnect ${toolkit.name} (work)` });
  await expect(disconnectWork).toHaveText('Disconnect');
  await expect(card.getByRole('button', { name: `Disconnect ${toolkit.name} (${email})` })).toHaveText('Disconnect');

  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    // Every button's visible text is part of its accessible name (WCAG 2.5.3, label in name).
    const mismatches = await page
      .getByRole('main')
      .getByRole('button')
      .evaluateAll((buttons) =>
        buttons
          .map((button) => ({
            text: (button as HTMLElement).innerText.trim(),
            label: button.getAttribute('aria-label'),
          }))
          .filter(({ text, label }) => text && label && !label.toLowerCase().includes(text.toLowerCase())),
      );
    expect(mismatches, `${width} px`).toEqual([]);
    // The email sits on one line: its text never wraps inside a word.
    const lines = await card.getByText(email, { exact: true }).evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(lines, `${width} px`).toBe(1);
  }
});

test('required toolkits are marked, and disconnecting the last account of one says it leads back to onboarding', async ({
  page,
  emulator,
  user,
}) => {
  const required = requiredToolkits;
  const optional = optionalConnectable();
  for (const toolkit of required) {
    await expect(toolkitCard(page, toolkit.name).getByText('Required', { exact: true })).toBeVisible();
  }
  await expect(toolkitCard(page, optional.name).getByText('Required', { exact: true })).toHaveCount(0);
  // A fork may require nothing: then nothing is marked, and there is no onboarding to warn about.
  if (required.length === 0) return;

  const toolkit = required[0]!;
  await emulator.connect(user.id, toolkit.slug);
  await emulator.connect(user.id, optional.slug);
  await page.reload();
  const card = toolkitCard(page, toolkit.name);
  await expect(card.getByText('Required', { exact: true })).toBeVisible();

  // An optional toolkit's dialog has no such warning.
  await toolkitCard(page, optional.name)
    .getByRole('button', { name: `Disconnect ${optional.name}` })
    .click();
  const optionalDialog = page.getByRole('alertdialog', { name: `Disconnect ${optional.name}?` });
  await expect(optionalDialog).toBeVisible();
  await expect(optionalDialog).not.toContainText('onboarding');
  await optionalDialog.getByRole('button', { name: 'Cancel' }).click();

  await card.getByRole('button', { name: `Disconnect ${toolkit.name}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Disconnect ${toolkit.name}?` });
  await expect(dialog).toContainText(`${toolkit.name} is required: without it, the app takes you back to onboarding`);
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(page.getByText(`${toolkit.name} disconnected`)).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/onboarding$/);
});

test('a named account is listed with its name and who it is, on the card, in its menu, its dialog and Activity', async ({
  page,
  emulator,
  user,
}) => {
  const toolkit = connectableToolkits[connectableToolkits.length - 1]!;
  await emulator.connect(user.id, toolkit.slug);
  await emulator.connect(user.id, toolkit.slug, 'work');
  await page.reload();
  const card = toolkitCard(page, toolkit.name);
  const listed = `work · ${accountLabel(toolkit)}`;
  await expect(card.getByRole('listitem').filter({ hasText: listed })).toHaveCount(1);

  await card.getByRole('button', { name: `More actions for ${toolkit.name} (work)` }).click();
  await expect(page.getByRole('menu')).toContainText(listed);
  await page.keyboard.press('Escape');

  await card.getByRole('button', { name: `Disconnect ${toolkit.name} (work)` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Disconnect ${toolkit.name} (work)?` });
  await expect(dialog).toContainText(`${listed} will be disconnected.`);
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(page.getByText(`${toolkit.name} (work) disconnected`)).toBeVisible();
  await expect(activitySection(page).getByRole('listitem').first()).toContainText(listed);
});

test('after Disconnect, the keyboard focus is on the toolkit in its new place, and the change is announced', async ({
  page,
  emulator,
  user,
}) => {
  const toolkit = optionalConnectable();
  await emulator.connect(user.id, toolkit.slug);
  await page.reload();
  await toolkitCard(page, toolkit.name)
    .getByRole('button', { name: `Disconnect ${toolkit.name}` })
    .click();
  await page
    .getByRole('alertdialog', { name: `Disconnect ${toolkit.name}?` })
    .getByRole('button', { name: 'Disconnect', exact: true })
    .press('Enter');
  const available = page.getByRole('region', { name: 'Available' });
  await expect(available.getByRole('article', { name: toolkit.name })).toBeVisible();
  await expect(available.getByRole('link', { name: toolkit.name, exact: true })).toBeFocused();
  // The toast is in a live region: screen readers read what changed.
  await expect(page.getByRole('region', { name: /Notifications/ })).toContainText(`${toolkit.name} disconnected`);
});

test('Available toolkits carry their Composio category, and the category filter narrows them', async ({ page }) => {
  const categories = [...new Set(configuredToolkits.map(categoryOf))];
  const filter = page.getByRole('combobox', { name: 'Category' });
  if (categories.length < 2) {
    await expect(filter).toHaveCount(0);
    return;
  }
  const available = page.getByRole('region', { name: 'Available' });
  const chosen = configuredToolkits[0]!;
  await expect(available.getByRole('article', { name: chosen.name })).toContainText(categoryOf(chosen));
  await filter.selectOption({ label: categoryOf(chosen) });
  const inCategory = configuredToolkits.filter((toolkit) => categoryOf(toolkit) === categoryOf(chosen));
  await expect(available.getByRole('list', { name: 'Integrations' }).getByRole('article')).toHaveCount(
    inCategory.length,
  );
  for (const toolkit of inCategory) await expect(available.getByRole('article', { name: toolkit.name })).toBeVisible();
  const other = configuredToolkits.find((toolkit) => categoryOf(toolkit) !== categoryOf(chosen))!;
  await expect(available.getByRole('article', { name: other.name })).toHaveCount(0);
  await filter.selectOption({ label: 'All categories' });
  await expect(available.getByRole('article', { name: other.name })).toBeVisible();
});

test('with the whole catalog, a category asks Composio for that category beyond the toolkits loaded', async ({
  page,
}) => {
  await page.goto(`${SHOW_ALL_APP_URL}/settings/integrations`);
  // A toolkit past the catalog's first page whose category the first page has too: only Composio's filter finds it.
  const firstPage = emulatorCatalog.slice(0, TOOLKITS_PAGE_SIZE);
  const offered = new Set(configuredToolkits.map((toolkit) => toolkit.slug));
  const entry = emulatorCatalog
    .slice(TOOLKITS_PAGE_SIZE, EMULATOR_CATALOG_SIZE)
    .find((toolkit) => !offered.has(toolkit.slug) && firstPage.some((listed) => listed.category === toolkit.category));
  if (!entry) throw new Error('The emulator catalog cut has no toolkit for this journey');
  const beyond = { name: entry.name, category: categoryName(entry.category) };
  const available = page.getByRole('region', { name: 'Available' });
  await expect(available.getByRole('article', { name: beyond.name })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Category' }).selectOption({ label: beyond.category });
  await expect(available.getByRole('article', { name: beyond.name })).toBeVisible();
  await expect(available.getByRole('article', { name: beyond.name })).toContainText(beyond.category);
});
