import { APP_URL, EMULATOR_URL, SHOW_ALL_APP_URL } from './servers';
import { activitySection, expect, test, toolkitCard } from './fixtures';

// This instance lists the emulator's whole catalog (TOOLKITS_SHOW_ALL=true): 30 toolkits in the e2e run.
const PAGE = `${SHOW_ALL_APP_URL}/settings/integrations`;

/** Composio requests for the catalog in the emulator's log, with their query (`?limit=24&search=figma`). */
async function catalogRequests(emulator: { requests(): Promise<{ method: string; path: string }[]> }) {
  const requests = (await emulator.requests()) as { method: string; path: string; query: string }[];
  return requests.filter((request) => request.path === '/api/v3.1/toolkits').map((request) => request.query);
}

test(
  'the page lists the first page of the catalog; search filters it at once and asks the server for the rest; Show more continues from the cursor',
  { tag: '@exclusive' },
  async ({ page, user, emulator }) => {
    await page.goto(PAGE);
    const cards = page.getByRole('list', { name: 'Integrations' }).locator(':scope > li');
    // Configured toolkits come first, in lib/toolkits.ts order; then the rest of the catalog's first page (24).
    await expect(cards).toHaveCount(24);
    await expect(cards.first().getByRole('heading')).toHaveText('Gmail');
    await expect(page.getByText('Showing 24. Search to find one quickly.')).toBeVisible();
    await expect(toolkitCard(page, 'Figma')).toHaveCount(0);

    const search = page.getByRole('searchbox', { name: 'Search integrations' });
    // The emulator serves Composio's real catalog, cut to its 30 most used toolkits in this run: four Google toolkits
    // are on the first page, Google Tasks only on the second, so the server's answer adds it.
    await emulator.clearRequests();
    await search.fill('google');
    await expect(cards).toHaveCount(5);
    for (const name of ['Google Calendar', 'Google Drive', 'Google Sheets', 'Google Docs', 'Google Tasks']) {
      await expect(toolkitCard(page, name)).toBeVisible();
    }
    await expect(page.getByRole('status').filter({ hasText: '5 integrations match' })).toBeAttached();
    await expect(page.getByRole('button', { name: /^Show( \d+)? more$/ })).toHaveCount(0);
    // One search, one request (how keystrokes are debounced into one is measured by npm run bench).
    expect(await catalogRequests(emulator)).toEqual(['?limit=24&search=google']);

    // A toolkit that is not loaded at all is found by the server.
    await search.fill('figma');
    await expect(cards).toHaveCount(1);
    await expect(toolkitCard(page, 'Figma').getByRole('button', { name: 'Connect Figma' })).toBeVisible();

    await search.fill('no such app');
    await expect(page.getByText('No integration matches “no such app”.')).toBeVisible();
    await expect(cards).toHaveCount(0);

    await search.fill('');
    await expect(cards).toHaveCount(24);
    await page.getByRole('button', { name: 'Show more', exact: true }).click();
    await expect(cards).toHaveCount(30);
    await expect(toolkitCard(page, 'Figma')).toBeVisible();
    await expect(page.getByText(/^Showing /)).toHaveCount(0);
    expect(await emulator.accounts(user.id)).toEqual([]);
  },
);

test(
  'a toolkit found by the server search connects, and then shows under Connected',
  { tag: '@exclusive' },
  async ({ page, user, emulator }) => {
    await page.goto(PAGE);
    await page.getByRole('searchbox', { name: 'Search integrations' }).fill('discord');
    await page.getByRole('button', { name: 'Connect Discord', exact: true }).click();
    await page.waitForURL((url) => url.origin === EMULATOR_URL);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(PAGE);
    await expect(page.getByText('Discord connected')).toBeVisible();
    const connected = page.getByRole('region', { name: 'Connected' });
    await expect(
      connected.getByRole('article', { name: 'Discord' }).getByText('Connected', { exact: true }),
    ).toBeVisible();
    const accounts = await emulator.accounts(user.id);
    expect(accounts.map((account) => [account.toolkit.slug, account.status])).toEqual([['discord', 'ACTIVE']]);

    // Activity names it too, though it is beyond the catalog page the app keeps; a warm view still asks Composio
    // once (the user's accounts): Discord's name comes from the cache the list above filled.
    await emulator.clearRequests();
    await page.reload();
    await expect(activitySection(page).getByRole('listitem')).toHaveText([/^Discord\W+Connected\b/]);
    expect((await emulator.requests()).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v3.1/connected_accounts',
    ]);
  },
);

test('with the whole catalog shown, a toolkit outside lib/toolkits.ts connects through the same flow', async ({
  page,
  user,
  emulator,
}) => {
  await page.goto(PAGE);
  await page.getByRole('searchbox', { name: 'Search integrations' }).fill('hub');
  await page.getByRole('button', { name: 'Connect HubSpot', exact: true }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(PAGE);
  await expect(page.getByText('HubSpot connected')).toBeVisible();
  await expect(toolkitCard(page, 'HubSpot').getByText('Connected', { exact: true })).toBeVisible();
  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => [account.toolkit.slug, account.status])).toEqual([['hubspot', 'ACTIVE']]);
});

test(
  'the catalog endpoint serves signed-in users only, refuses bad input without asking Composio, and exists only with the whole catalog on offer',
  { tag: '@exclusive' },
  async ({ page, playwright, user, emulator }) => {
    expect(user.id).toMatch(/^demo:/);
    const endpoint = `${SHOW_ALL_APP_URL}/api/toolkits`;

    const anonymous = await playwright.request.newContext();
    const signedOut = await anonymous.get(`${endpoint}?search=figma`);
    expect(signedOut.status()).toBe(401);
    expect(await signedOut.json()).toEqual({ error: 'Your session has ended. Sign in again to continue.' });
    await anonymous.dispose();

    await emulator.clearRequests();
    for (const [query, error] of [
      [`search=${'x'.repeat(65)}`, 'Search for at most 64 characters'],
      ['cursor=%3Cscript%3E', 'Invalid cursor'],
    ] as const) {
      const refused = await page.request.get(`${endpoint}?${query}`);
      expect(refused.status()).toBe(400);
      expect(await refused.json()).toEqual({ error });
    }
    const configuredOnly = await page.request.get(`${APP_URL}/api/toolkits?search=figma`);
    expect(configuredOnly.status()).toBe(404);
    expect(await emulator.requests()).toEqual([]);

    const found = await page.request.get(`${endpoint}?search=figma`);
    expect(found.status()).toBe(200);
    expect(found.headers()['cache-control']).toBe('private, no-store');
    const body = (await found.json()) as { toolkits: { slug: string; name: string }[]; nextCursor: string | null };
    expect(body.toolkits.map((toolkit) => [toolkit.slug, toolkit.name])).toEqual([['figma', 'Figma']]);
    expect(body.nextCursor).toBeNull();
    expect((await emulator.requests()).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v3.1/toolkits',
    ]);
  },
);
