// The toolkit catalog: Composio's real list, its filters, auth schemes and offline logos.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ComposioToolkitFetchError, ComposioToolkitNotFoundError } from '@composio/core';
import { API_KEY, suiteEmulator } from '../test-support';

describe('the toolkit catalog', () => {
  const suite = suiteEmulator();
  let all: { slug: string; name: string; no_auth: boolean }[];

  before(async () => {
    all = await listAll('');
  });

  async function listAll(query: string): Promise<{ slug: string; name: string; no_auth: boolean }[]> {
    const items: { slug: string; name: string; no_auth: boolean }[] = [];
    let cursor: string | null = null;
    do {
      const response = await fetch(
        `${suite.emulator.url}/api/v3.1/toolkits?limit=1000&${query}${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: { 'x-api-key': API_KEY } },
      );
      const body = (await response.json()) as { items: typeof items; next_cursor: string | null };
      items.push(...body.items);
      cursor = body.next_cursor;
    } while (cursor);
    return items;
  }

  test('all 1,595 real toolkits are served, most used first, and the README’s examples exist', async () => {
    assert.equal(all.length, 1595);
    assert.equal(new Set(all.map((toolkit) => toolkit.slug)).size, 1595);
    assert.deepEqual(
      all.slice(0, 3).map((toolkit) => toolkit.slug),
      ['gmail', 'composio', 'github'],
    );
    for (const slug of ['hubspot', 'googlesheets', 'salesforce', 'stripe', 'zendesk', 'asana', 'trello']) {
      assert.ok(
        all.some((toolkit) => toolkit.slug === slug),
        slug,
      );
    }
    const first = await suite.composio.toolkits.get({ limit: 5 });
    assert.deepEqual(
      first.map((toolkit) => toolkit.slug),
      ['gmail', 'composio', 'github', 'googlecalendar', 'notion'],
    );
    assert.deepEqual(suite.warnings.validationWarnings(), []);
  });

  test('a toolkit has its real name, counts, version and auth details', async () => {
    const hubspot = await suite.composio.toolkits.get('hubspot');
    assert.equal(hubspot.name, 'HubSpot');
    const raw = (await (
      await fetch(`${suite.emulator.url}/api/v3.1/toolkits/hubspot`, { headers: { 'x-api-key': API_KEY } })
    ).json()) as { meta: { version: string }; deprecated: { toolkitId: string } };
    assert.equal(raw.meta.version, '20260101_00');
    assert.equal(raw.deprecated.toolkitId, 'hubspot');
    assert.deepEqual(hubspot.meta.availableVersions, ['20260101_00']);
    assert.ok((hubspot.meta.toolsCount ?? 0) > 100);
    assert.deepEqual(hubspot.composioManagedAuthSchemes, ['OAUTH2']);
    assert.equal(hubspot.authConfigDetails?.[0]?.mode, 'OAUTH2');
    assert.deepEqual(
      hubspot.authConfigDetails?.[0]?.fields.authConfigCreation.required.map((field) => field.name),
      ['client_id', 'client_secret'],
    );
    assert.deepEqual(await suite.composio.toolkits.getAuthConfigCreationFields('serpapi', 'API_KEY'), []);
    const fields = await suite.composio.toolkits.getConnectedAccountInitiationFields('serpapi', 'API_KEY');
    assert.deepEqual(
      fields.map((field) => [field.name, field.displayName, field.required]),
      [['generic_api_key', 'API Key', true]],
    );
    assert.deepEqual(suite.warnings.validationWarnings(), []);
  });

  test('slugs are case-insensitive; an unknown one is ComposioToolkitNotFoundError', async () => {
    assert.equal((await suite.composio.toolkits.get('GitHub')).slug, 'github');
    await assert.rejects(suite.composio.toolkits.get('no-such-toolkit'), ComposioToolkitNotFoundError);
  });

  test('API-key and no-auth toolkits say so, as Composio’s list does', async () => {
    const bySlug = new Map(all.map((toolkit) => [toolkit.slug, toolkit as unknown as Record<string, unknown>]));
    for (const slug of ['serpapi', 'tavily', 'firecrawl', 'exa', 'perplexityai', 'elevenlabs', 'sendgrid']) {
      assert.deepEqual(bySlug.get(slug)?.auth_schemes, ['API_KEY'], slug);
      assert.deepEqual(bySlug.get(slug)?.composio_managed_auth_schemes, [], slug);
    }
    for (const slug of ['hackernews', 'codeinterpreter', 'composio_search']) {
      assert.equal(bySlug.get(slug)?.no_auth, true, slug);
      assert.deepEqual(bySlug.get(slug)?.auth_schemes, [], slug);
    }
    assert.equal(bySlug.get('gmail')?.no_auth, false);
    const list = await suite.composio.toolkits.get({ limit: 40 });
    assert.equal(list.find((toolkit) => toolkit.slug === 'codeinterpreter')?.noAuth, true);
  });

  test('category, sort_by, managed_by, search and cursor filter and order the list', async () => {
    const email = await suite.composio.toolkits.get({ category: 'email', limit: 1000 });
    assert.ok(email.length > 10);
    assert.ok(email.every((toolkit) => toolkit.meta.categories?.[0]?.slug === 'email'));
    const devTools = await suite.composio.toolkits.get({ category: 'developer-tools', limit: 3 });
    assert.equal(devTools[0]?.slug, 'github');
    assert.ok(devTools.every((toolkit) => toolkit.meta.categories?.[0]?.slug === 'developer-tools'));

    const alphabetical = await suite.composio.toolkits.get({ sortBy: 'alphabetically', limit: 50 });
    const names = alphabetical.map((toolkit) => toolkit.name);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, 'en')),
    );

    const managed = await listAll('managed_by=composio');
    assert.ok(managed.every((toolkit) => !['serpapi', 'hackernews'].includes(toolkit.slug)));
    assert.ok(managed.some((toolkit) => toolkit.slug === 'gmail'));
    assert.deepEqual(await listAll('managed_by=project'), []);

    assert.deepEqual(
      (await listAll('search=google%20cal')).map((toolkit) => toolkit.slug),
      ['googlecalendar'],
    );
    const page1 = await fetch(`${suite.emulator.url}/api/v3.1/toolkits?limit=2`, { headers: { 'x-api-key': API_KEY } });
    const body1 = (await page1.json()) as { items: { slug: string }[]; next_cursor: string; total_items: number };
    assert.equal(body1.total_items, 1595);
    const page2 = await fetch(`${suite.emulator.url}/api/v3.1/toolkits?limit=2&cursor=${body1.next_cursor}`, {
      headers: { 'x-api-key': API_KEY },
    });
    const body2 = (await page2.json()) as { items: { slug: string }[] };
    assert.deepEqual(
      body2.items.map((toolkit) => toolkit.slug),
      ['github', 'googlecalendar'],
    );
    await assert.rejects(
      suite.composio.toolkits.get({ sortBy: 'newest' as 'usage' }),
      (error: Error) => error.name === 'ValidationError' || error instanceof ComposioToolkitFetchError,
    );
  });

  test('listCategories() returns Composio’s categories with ids', async () => {
    const categories = await suite.composio.toolkits.listCategories();
    assert.ok(categories.items.length > 50);
    assert.ok(
      categories.items.some((category) => category.id === 'developer-tools' && category.name === 'Developer Tools'),
    );
    assert.deepEqual(suite.warnings.validationWarnings(), []);
  });

  test('every logo is served by the emulator itself: brand marks where simple-icons has one, distinct monograms otherwise', async () => {
    const list = await suite.composio.toolkits.get({ limit: 50 });
    assert.ok(list.every((toolkit) => toolkit.meta.logo === `${suite.emulator.url}/logos/${toolkit.slug}.svg`));
    assert.ok(
      all.every((toolkit) =>
        (toolkit as unknown as { meta: { logo: string } }).meta.logo.startsWith(suite.emulator.url),
      ),
    );
    const logo = async (slug: string) => {
      const response = await fetch(`${suite.emulator.url}/logos/${slug}.svg`);
      assert.equal(response.status, 200, slug);
      assert.equal(response.headers.get('content-type'), 'image/svg+xml');
      return response.text();
    };
    const github = await logo('github');
    const calendar = await logo('googlecalendar');
    assert.match(github, /aria-label="GitHub"/);
    assert.match(github, /fill="#181717"/);
    assert.match(calendar, /aria-label="Google Calendar"/);
    assert.notEqual(github, calendar);
    const monogram = await logo('composio_search');
    assert.match(monogram, />Cs</);
    assert.ok(all.every((toolkit) => /^[a-z0-9_-]+$/.test(toolkit.slug)));
    const colours = new Set(
      await Promise.all(
        ['composio', 'slackbot', 'peopledatalabs', 'composio_search', 'codeinterpreter'].map(
          async (slug) => /fill="(hsl[^"]+|#[0-9A-Fa-f]+)"/.exec(await logo(slug))?.[1],
        ),
      ),
    );
    assert.equal(colours.size, 5, 'each monogram has its own colour');
    assert.equal((await fetch(`${suite.emulator.url}/logos/no-such.svg`)).status, 404);
  });
});
