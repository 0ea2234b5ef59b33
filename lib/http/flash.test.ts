import assert from 'node:assert/strict';
import { createHmac, hkdfSync } from 'node:crypto';
import { test } from 'node:test';
import { encode } from 'next-auth/jwt';
import { openFlash, sealFlash, type PageFlash } from './flash';
import { appCookie } from '../auth/secret-keys';

const secret = 's'.repeat(40);
const flash: PageFlash = { type: 'success', message: 'Your account is connected', path: '/settings/integrations' };
const planted = {
  type: 'error',
  message: 'Security alert: re-enter your password at https://evil.example',
  path: '/settings/integrations',
};

test('a sealed flash opens with the same secret', async () => {
  assert.deepEqual(await openFlash(await sealFlash(flash, secret), secret), flash);
});

test('an unsealed flash, as a sibling host could plant it, is ignored', async () => {
  const unsealed = Buffer.from(JSON.stringify(planted)).toString('base64url');
  assert.equal(await openFlash(unsealed, secret), null);
  assert.equal(await openFlash(`${unsealed}.`, secret), null);
  assert.equal(await openFlash(`${unsealed}.${'A'.repeat(43)}`, secret), null);
  // Nor as a JWE with no encryption: the header cannot choose the algorithm.
  const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
  assert.equal(await openFlash(`${header}..${unsealed}.`, secret), null);
});

test('the HMAC-signed format the app used before is not accepted, even signed with the right key', async () => {
  const key = Buffer.from(hkdfSync('sha256', secret, 'composio-connections-starter', 'flash-signature/v1', 32));
  const payload = Buffer.from(JSON.stringify(flash)).toString('base64url');
  const signature = createHmac('sha256', key).update(payload).digest('base64url');
  assert.equal(await openFlash(`${payload}.${signature}`, secret), null);
});

test('a ciphertext swapped in from another seal, another secret, or garbage is ignored', async () => {
  const sealed = (await sealFlash(flash, secret)).split('.');
  const other = (await sealFlash({ ...flash, message: 'Re-enter your password' }, secret)).split('.');
  assert.equal(await openFlash([...sealed.slice(0, 3), other[3], sealed[4]].join('.'), secret), null);
  assert.equal(await openFlash(sealed.join('.'), 't'.repeat(40)), null);
  for (const value of [undefined, '', '.', 'a.b', 'a.b.c', 'a.b.c.d.e', '%%%.%%%', 'x'.repeat(5000)]) {
    assert.equal(await openFlash(value, secret), null);
  }
});

test('a value sealed with the app’s secret for another purpose is not shown as a flash', async () => {
  for (const salt of ['composio-connections-starter/pending-attempts', 'authjs.session-token']) {
    assert.equal(await openFlash(await encode({ token: planted, secret, salt }), secret), null, salt);
  }
  // The control: the same forging for the flash's own purpose opens, so the salt is what refused the others.
  const own = await encode({ token: planted, secret, salt: 'composio-connections-starter/flash' });
  assert.deepEqual(await openFlash(own, secret), planted);
});

test('an expired flash is ignored', async () => {
  const expired = await encode({ token: flash, secret, salt: 'composio-connections-starter/flash', maxAge: -60 });
  assert.equal(await openFlash(expired, secret), null);
});

test('on https the app’s cookies are Secure and __Host- prefixed; on http they keep their plain names', () => {
  assert.deepEqual(appCookie('flash', 'https://app.example.com'), { name: '__Host-flash', secure: true });
  assert.deepEqual(appCookie('composio_pending', 'https://app.example.com'), {
    name: '__Host-composio_pending',
    secure: true,
  });
  assert.deepEqual(appCookie('flash', 'http://localhost:3000'), { name: 'flash', secure: false });
});
