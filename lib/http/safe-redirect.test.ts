import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isSafeReturnPath, returnPathSchema, safeReturnPath } from './safe-redirect';

const fallback = '/fallback';
const APP_ORIGIN = 'https://app.example.com';

/**
 * The rule every redirect built from input must keep, checked on what the
 * browser finally sees: one leading `/`, no backslash, no control character,
 * and resolving it against the app's origin stays on that origin, by the same
 * WHATWG URL parser browsers use.
 */
function assertStaysOnOrigin(output: string, input: unknown) {
  const why = `input ${JSON.stringify(input)} gave ${JSON.stringify(output)}`;
  assert.ok(output.startsWith('/'), why);
  assert.ok(!output.startsWith('//'), why);
  assert.ok(!output.includes('\\'), why);
  assert.ok(!/[\u0000-\u0020\u007f-\u009f]/.test(output), why);
  const resolved = new URL(output, APP_ORIGIN);
  assert.equal(resolved.origin, APP_ORIGIN, why);
  // The browser's own reading of the path starts with exactly one slash too.
  assert.ok(!resolved.pathname.startsWith('//'), why);
  // Resolving twice changes nothing: no later layer can turn it into something else.
  assert.equal(`${resolved.pathname}${resolved.search}${resolved.hash}`, output, why);
}

test('same-origin relative paths pass, query and hash kept', () => {
  assert.equal(safeReturnPath('/settings/integrations', fallback), '/settings/integrations');
  assert.equal(safeReturnPath('/@team/settings', fallback), '/@team/settings');
  assert.equal(safeReturnPath('/onboarding?step=2#gmail', fallback), '/onboarding?step=2#gmail');
  assert.equal(safeReturnPath('/', fallback), '/');
});

const refused = [
  'https://evil.example',
  'http://evil.example/settings',
  'HtTpS://evil.example',
  '//evil.example',
  '//evil.example/settings',
  '/\\evil.example',
  '\\\\evil.example',
  '/%2Fevil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  '/%252F%252Fevil.example',
  '/%255Cevil.example',
  'javascript:alert(1)',
  'settings',
  '',
  '/\tevil',
  '/\t/evil.example',
  '/\n/evil.example',
  '/%0d%0aSet-Cookie:x=1',
  '%E0%A4%A',
  `/${'a'.repeat(3000)}`,
  undefined,
  ['/settings'],
  // The red-team's finding: dot segments that normalise to `//host`.
  '/.//evil.example/phish',
  '/./evil.example/../..//evil.example',
  '/..//evil.example',
  '/%2e//evil.example',
  '/%2E%2E//evil.example',
  '/a/..//evil.example',
  '/.%2f/evil.example',
];

for (const value of refused) {
  test(`refuses ${JSON.stringify(value)?.slice(0, 40)}`, () => {
    assert.equal(safeReturnPath(value, fallback), fallback);
  });
}

const segment = fc.constantFrom(
  '',
  '.',
  '..',
  '%2e',
  '%2E',
  '%2e%2e',
  '.%2e',
  '%252e',
  'evil.example',
  'settings',
  'a',
  '@evil.example',
  'user:pass@evil.example',
  'evil.example:443',
  'ｅｖｉｌ.example',
  '／',
  '＼',
  '\u2215',
  '\u2044',
  '\u3002',
);
const separator = fc.constantFrom(
  '/',
  '//',
  '\\',
  '/\\',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '%252f',
  '%255c',
  '%25252f',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u0000',
  '/\t/',
  '/\n/',
  '%09',
  '%0a',
  '%00',
);
const prefix = fc.constantFrom(
  '',
  '/',
  '//',
  '///',
  '\\',
  '/\\',
  '\\/',
  ' /',
  '\t/',
  'http:',
  'https:',
  'HTTPS:',
  'hTtP:',
  'http://',
  'https://evil.example',
  'javascript:',
  'JaVaScRiPt:',
  'data:',
  '%2f',
  '/%2f',
  '/.',
  '/..',
  '/./',
  '/../',
  '/%2e/',
  '/%2e%2e/',
);
const suffix = fc.constantFrom('', '?next=//evil.example', '#//evil.example', '?a=\\b', '#x', '?', '#');

/** Pieces an attacker combines: every class the red-team listed, in any order and number. */
const hostileInput = fc
  .tuple(prefix, fc.array(fc.tuple(separator, segment), { maxLength: 6 }), suffix)
  .map(([head, parts, tail]) => head + parts.map(([sep, part]) => sep + part).join('') + tail);

test('property: every output of any generated input stays on the app origin', () => {
  fc.assert(
    fc.property(hostileInput, (input) => {
      assertStaysOnOrigin(safeReturnPath(input, fallback), input);
    }),
    { numRuns: 20_000 },
  );
});

test('property: arbitrary strings, including unicode, never leave the origin either', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })),
      (raw) => {
        assertStaysOnOrigin(safeReturnPath(raw, fallback), raw);
        assertStaysOnOrigin(safeReturnPath(`/${raw}`, fallback), raw);
      },
    ),
    { numRuns: 10_000 },
  );
});

test('property: plain same-origin paths are kept as they are', () => {
  const pathSegment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
  fc.assert(
    fc.property(fc.array(pathSegment, { minLength: 1, maxLength: 5 }), (parts) => {
      const path = `/${parts.join('/')}`;
      assert.equal(safeReturnPath(path, fallback), path);
      assert.equal(isSafeReturnPath(path), true);
    }),
    { numRuns: 2_000 },
  );
});

test('isSafeReturnPath agrees with safeReturnPath: what is safe passes through unchanged', () => {
  fc.assert(
    fc.property(hostileInput, (input) => {
      if (isSafeReturnPath(input)) assert.equal(safeReturnPath(input, fallback), input);
    }),
    { numRuns: 5_000 },
  );
});

test('the return-path schema applies the same rule and falls back instead of failing', () => {
  const schema = returnPathSchema('/settings/integrations');
  assert.equal(schema.parse('/onboarding'), '/onboarding');
  assert.equal(schema.parse('/.//evil.example/x'), '/settings/integrations');
  assert.equal(schema.parse(undefined), '/settings/integrations');
  assert.equal(schema.parse(42), '/settings/integrations');
});
