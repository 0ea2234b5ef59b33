import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildCatalog } from '../emulator/catalog';
import { offeredToolkits } from '../lib/toolkits';

/**
 * A fork replaces lib/toolkits.ts and `npm test` must stay green: journeys (and the unit tests below, whose subject
 * reads the configured list) take their toolkits from e2e/toolkits.ts or from their own test data, never by name.
 * This fails on a file that names a configured toolkit, by slug or display name, in any case or quote style.
 */
const checkedFiles = [
  ...readdirSync('e2e')
    .filter((name) => name.endsWith('.spec.ts') || name === 'fixtures.ts')
    .map((name) => `e2e/${name}`),
  'e2e/servers.test.ts',
];

/** Words that look like a toolkit but are not one: the sign-in provider a journey configures (AUTH_GITHUB_ID). */
const notToolkits = [
  /Sign in with GitHub/g,
  /\bAUTH_GITHUB_\w+/g,
  /\bgithub\.com\b/g,
  /\/(signin|callback)\/github\b/g,
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The configured toolkits `source` names, each with the line it is on. */
export function namedToolkits(
  source: string,
  toolkits: readonly { slug: string; name: string }[],
): { toolkit: string; line: number; text: string }[] {
  const cleaned = notToolkits.reduce(
    (text, pattern) => text.replace(pattern, (match) => ' '.repeat(match.length)),
    source,
  );
  const lines = cleaned.split('\n');
  return toolkits.flatMap((toolkit) => {
    // "Google Calendar", "google-calendar", "GOOGLE_CALENDAR" and "googlecalendar" alike.
    const words = [toolkit.slug, toolkit.name].map((word) =>
      word
        .split(/[\s_-]+/)
        .map(escape)
        .join('[\\s_-]*'),
    );
    const pattern = new RegExp(`(?<![a-z0-9])(${words.join('|')})(?![a-z0-9])`, 'i');
    return lines.flatMap((text, index) =>
      pattern.test(text) ? [{ toolkit: toolkit.slug, line: index + 1, text: source.split('\n')[index]!.trim() }] : [],
    );
  });
}

const catalog = buildCatalog();
const configured = offeredToolkits.map(({ slug }) => ({
  slug,
  name: catalog.find((entry) => entry.slug === slug)?.name ?? slug,
}));

test('no journey or configuration-driven unit test names a toolkit of lib/toolkits.ts', () => {
  const found = checkedFiles.flatMap((file) =>
    namedToolkits(readFileSync(file, 'utf8'), configured).map(
      (hit) => `${file}:${hit.line} (${hit.toolkit}): ${hit.text}`,
    ),
  );
  assert.deepEqual(found, [], "take toolkits from e2e/toolkits.ts (or the test's own data) instead");
});

test('the check finds a toolkit in any case or quote style, and only whole words', () => {
  const toolkits = [
    { slug: 'googlecalendar', name: 'Google Calendar' },
    { slug: 'jira', name: 'Jira' },
  ];
  const lines = (source: string) => namedToolkits(source, toolkits).map((hit) => hit.line);
  assert.deepEqual(lines('\'Connect Google Calendar\'\n`google_calendar`\n"GOOGLECALENDAR"\nx\njira'), [1, 2, 3, 5]);
  assert.deepEqual(lines("toolkitCard(page, 'Jira')"), [1]);
  assert.deepEqual(lines('jiraffe, notjira, connectableToolkit(0).name'), []);
  assert.deepEqual(lines("getByRole('button', { name: 'Sign in with GitHub' })"), []);
});
