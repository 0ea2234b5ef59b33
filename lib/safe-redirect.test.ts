import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeReturnPath } from './safe-redirect';

const fallback = '/fallback';

test('same-origin relative paths pass, query and hash kept', () => {
  assert.equal(safeReturnPath('/settings/integrations', fallback), '/settings/integrations');
  assert.equal(safeReturnPath('/onboarding?step=2#gmail', fallback), '/onboarding?step=2#gmail');
});

const refused = [
  'https://evil.example',
  'http://evil.example/settings',
  '//evil.example',
  '//evil.example/settings',
  '/\\evil.example',
  '\\\\evil.example',
  '/%2Fevil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  'javascript:alert(1)',
  'settings',
  '',
  '/\tevil',
  '/%0d%0aSet-Cookie:x=1',
  '%E0%A4%A',
  `/${'a'.repeat(3000)}`,
  undefined,
  ['/settings'],
];

for (const value of refused) {
  test(`refuses ${JSON.stringify(value)?.slice(0, 40)}`, () => {
    assert.equal(safeReturnPath(value, fallback), fallback);
  });
}
