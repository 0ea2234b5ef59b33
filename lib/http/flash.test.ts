import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openFlash, sealFlash, type PageFlash } from './flash';
import { appCookie, deriveKey } from '../auth/secret-keys';

const secret = 's'.repeat(40);
const flash: PageFlash = { type: 'success', message: 'Gmail connected', path: '/settings/integrations' };

test('a signed flash opens with the same secret', () => {
  assert.deepEqual(openFlash(sealFlash(flash, secret), secret), flash);
});

test('an unsigned flash, as a sibling host could plant it, is ignored', () => {
  const planted = {
    type: 'error',
    message: 'Security alert: re-enter your password at https://evil.example',
    path: '/',
  };
  const unsigned = Buffer.from(JSON.stringify(planted)).toString('base64url');
  assert.equal(openFlash(unsigned, secret), null);
  assert.equal(openFlash(`${unsigned}.`, secret), null);
  assert.equal(openFlash(`${unsigned}.${'A'.repeat(43)}`, secret), null);
});

test('a tampered message, a signature from another secret, or garbage is ignored', () => {
  const sealed = sealFlash(flash, secret);
  const [, signature] = sealed.split('.') as [string, string];
  const forged = Buffer.from(JSON.stringify({ ...flash, message: 'Re-enter your password' })).toString('base64url');
  assert.equal(openFlash(`${forged}.${signature}`, secret), null);
  assert.equal(openFlash(sealed, 't'.repeat(40)), null);
  for (const value of [undefined, '', '.', 'a.b', 'a.b.c', '%%%.%%%', 'x'.repeat(5000)]) {
    assert.equal(openFlash(value, secret), null);
  }
});

test('each purpose has its own key, none of them AUTH_SECRET itself', () => {
  const flashKey = deriveKey(secret, 'flash-signature/v1');
  const attemptKey = deriveKey(secret, 'pending-attempt-encryption/v1');
  assert.equal(flashKey.length, 32);
  assert.notDeepEqual(flashKey, attemptKey);
  assert.notDeepEqual(flashKey, Buffer.from(secret).subarray(0, 32));
});

test('on https the app’s cookies are Secure and __Host- prefixed; on http they keep their plain names', () => {
  assert.deepEqual(appCookie('flash', 'https://app.example.com'), { name: '__Host-flash', secure: true });
  assert.deepEqual(appCookie('composio_pending', 'https://app.example.com'), {
    name: '__Host-composio_pending',
    secure: true,
  });
  assert.deepEqual(appCookie('flash', 'http://localhost:3000'), { name: 'flash', secure: false });
});
