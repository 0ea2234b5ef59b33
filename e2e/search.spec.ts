import { TOOLKITS_PAGE_SIZE } from '../lib/toolkits';
import { APP_URL, EMULATOR_URL, SHOW_ALL_APP_URL } from './servers';
import { activitySection, answerConnectLink, expect, test, toolkitCard } from './fixtures';
import { configuredToolkits, emulatorCatalog, escapeRegExp, unofferedToolkit } from './toolkits';

// This instance lists the emulator's whole catalog (TOOLKITS_SHOW_ALL=true): the 30 most used toolkits and the
// configured ones in the e2e run. What the page shows is worked out from lib/toolkits.ts and that catalog.
const PAGE = `${SHOW_ALL_APP_URL}/settings/integrations`;

type Listed = { slug: string; name: string; authScheme?: string };
const offered = new Set(configuredToolkits.map((toolkit) => toolkit.slug));
/** What the page has at first: the configured toolkits, then the rest of the catalog's first page. */
const loaded: Listed[] = [
  ...configuredToolkits,
  ...emulatorCatalog.slice(0, TOOLKITS_PAGE_SIZE).filter((toolkit) => !offered.has(toolkit.slug)),
];
const isLoaded = (toolkit: Listed) => loaded.some((candidate) => candidate.slug === toolkit.slug);
/** Toolkits only the server's search or Show more brings, most used first. */
const serverOnly = emulatorCatalog.filter((toolkit) => !isLoaded(toolkit));

/** Composio's (the emulator's) search: name or slug. */
const serverMatches = (term: string) =>
  emulatorCatalog.filter((toolkit) => toolkit.name.toLowerCase().includes(term) || toolkit.slug.includes(term));
/** What the page lists for `term`: its own toolkits whose name has it, then the server's first page of the others. */
function listedFor(term: string): Listed[] {
  const needle = term.toLowerCase();
  return [
    ...loaded.filter((toolkit) => toolkit.name.toLowerCase().includes(needle)),
    ...serverMatches(needle)
      .slice(0, TOOLKITS_PAGE_SIZE)
      .filter((toolkit) => !isLoaded(toolkit)),
  ];
}

/** A search that finds toolkits on the page and others only the server has (else only the server's). */
const mixedTerm =
  serverOnly
    .flatMap((toolkit) => toolkit.name.toLowerCase().split(/\s+/))
    .filter((word) => word.length >= 3)
    .find((word) => listedFor(word).some(isLoaded) && !listedFor(word).every(isLoaded)) ??
  serverOnly[0]!.name.toLowerCase();
/** A toolkit not on the page at first that a search finds alone, by name and by slug. */
const loneToolkit = serverOnly.find(
  (toolkit) => listedFor(toolkit.name).length === 1 && serverMatches(toolkit.slug).length === 1,
)!;
/** A toolkit not on the page at first that connects (OAuth), other than that one. */
const farToolkit = serverOnly.find((toolkit) => toolkit.authScheme === 'OAUTH2' && toolkit !== loneToolkit)!;

/** Composio requests for the catalog in the emulator's log, with their query (`?limit=24&search=${loneToolkit.slug}`). */
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
    // Configured toolkits come first, in lib/toolkits.ts order; then the rest of the catalog's first page.
    const shown = Math.min(loaded.length, TOOLKITS_PAGE_SIZE);
    await expect(cards).toHaveCount(shown);
    await expect(cards.first().getByRole('heading')).toHaveText(configuredToolkits[0]!.name);
    // A list longer than a page (configured toolkits beyond the catalog's first page) says how many it holds.
    const of = loaded.length > shown ? ` of ${loaded.length}` : '';
    await expect(page.getByText(`Showing ${shown}${of}. Search to find one quickly.`)).toBeVisible();
    await expect(toolkitCard(page, loneToolkit.name)).toHaveCount(0);

    const search = page.getByRole('searchbox', { name: 'Search integrations' });
    // The page filters what it has at once; the server's answer adds the toolkits it has not loaded.
    const expected = listedFor(mixedTerm);
    await emulator.clearRequests();
    await search.fill(mixedTerm);
    await expect(cards).toHaveCount(expected.length);
    for (const { name } of expected) await expect(toolkitCard(page, name)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `${expected.length} integrations match` })).toBeAttached();
    await expect(page.getByRole('button', { name: /^Show( \d+)? more$/ })).toHaveCount(0);
    // One search, one request (how keystrokes are debounced into one is measured by npm run bench).
    expect(await catalogRequests(emulator)).toEqual([
      `?limit=${TOOLKITS_PAGE_SIZE}&search=${encodeURIComponent(mixedTerm)}`,
    ]);

    // A toolkit that is not loaded at all is found by the server.
    await search.fill(loneToolkit.name);
    await expect(cards).toHaveCount(1);
    await expect(
      toolkitCard(page, loneToolkit.name).getByRole('button', { name: `Connect ${loneToolkit.name}` }),
    ).toBeVisible();

    await search.fill('no such app');
    await expect(page.getByText('No integration matches “no such app”.')).toBeVisible();
    await expect(cards).toHaveCount(0);

    await search.fill('');
    await expect(cards).toHaveCount(shown);
    // Show more until the whole catalog is there: the loaded rest first, then the catalog from the cursor.
    const showMore = page.getByRole('button', { name: /^Show( \d+)? more$/ });
    while (await showMore.isVisible()) {
      const before = await cards.count();
      await showMore.click();
      await expect(cards).not.toHaveCount(before);
    }
    await expect(cards).toHaveCount(emulatorCatalog.length);
    await expect(toolkitCard(page, loneToolkit.name)).toBeVisible();
    await expect(page.getByText(/^Showing /)).toHaveCount(0);
    expect(await emulator.accounts(user.id)).toEqual([]);
  },
);

test(
  'a toolkit found by the server search connects, and then shows under Connected',
  { tag: '@exclusive' },
  async ({ page, user, emulator }) => {
    const toolkit = farToolkit;
    await page.goto(PAGE);
    await page.getByRole('searchbox', { name: 'Search integrations' }).fill(toolkit.name);
    await page.getByRole('button', { name: `Connect ${toolkit.name}`, exact: true }).click();
    await page.waitForURL((url) => url.origin === EMULATOR_URL);
    await answerConnectLink(page, 'Allow');
    await page.waitForURL(PAGE);
    await expect(page.getByText(`${toolkit.name} connected`)).toBeVisible();
    const connected = page.getByRole('region', { name: 'Connected' });
    await expect(
      connected.getByRole('article', { name: toolkit.name }).getByText('Connected', { exact: true }),
    ).toBeVisible();
    const accounts = await emulator.accounts(user.id);
    expect(accounts.map((account) => [account.toolkit.slug, account.status])).toEqual([[toolkit.slug, 'ACTIVE']]);

    // Activity names it too, though it is beyond the catalog page the app keeps; a warm view still asks Composio
    // once (the user's accounts, in the check after the page painted from the connections table): its name comes
    // from the cache the list above filled.
    await emulator.clearRequests();
    await page.reload();
    await expect(activitySection(page).getByRole('listitem')).toHaveText([
      new RegExp(`^${escapeRegExp(toolkit.name)}\\W+Connected\\b`),
    ]);
    await expect
      .poll(async () => (await emulator.requests()).map((request) => `${request.method} ${request.path}`))
      .toEqual(['GET /api/v3.1/connected_accounts']);
  },
);

test('with the whole catalog shown, a toolkit outside lib/toolkits.ts connects through the same flow', async ({
  page,
  user,
  emulator,
}) => {
  const toolkit = unofferedToolkit();
  await page.goto(PAGE);
  await page.getByRole('searchbox', { name: 'Search integrations' }).fill(toolkit.name.slice(0, 3).toLowerCase());
  await page.getByRole('button', { name: `Connect ${toolkit.name}`, exact: true }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(page, 'Allow');
  await page.waitForURL(PAGE);
  await expect(page.getByText(`${toolkit.name} connected`)).toBeVisible();
  await expect(toolkitCard(page, toolkit.name).getByText('Connected', { exact: true })).toBeVisible();
  const accounts = await emulator.accounts(user.id);
  expect(accounts.map((account) => [account.toolkit.slug, account.status])).toEqual([[toolkit.slug, 'ACTIVE']]);
});

test(
  'the catalog endpoint serves signed-in users only, refuses bad input without asking Composio, and exists only with the whole catalog on offer',
  { tag: '@exclusive' },
  async ({ page, playwright, user, emulator }) => {
    expect(user.id).toMatch(/^demo:/);
    const endpoint = `${SHOW_ALL_APP_URL}/api/toolkits`;

    const anonymous = await playwright.request.newContext();
    const signedOut = await anonymous.get(`${endpoint}?search=${loneToolkit.slug}`);
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
    const configuredOnly = await page.request.get(`${APP_URL}/api/toolkits?search=${loneToolkit.slug}`);
    expect(configuredOnly.status()).toBe(404);
    expect(await emulator.requests()).toEqual([]);

    const found = await page.request.get(`${endpoint}?search=${loneToolkit.slug}`);
    expect(found.status()).toBe(200);
    expect(found.headers()['cache-control']).toBe('private, no-store');
    const body = (await found.json()) as { toolkits: { slug: string; name: string }[]; nextCursor: string | null };
    expect(body.toolkits.map((toolkit) => [toolkit.slug, toolkit.name])).toEqual([
      [loneToolkit.slug, loneToolkit.name],
    ]);
    expect(body.nextCursor).toBeNull();
    expect((await emulator.requests()).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v3.1/toolkits',
    ]);
  },
);
