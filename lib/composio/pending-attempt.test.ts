import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openAttempt, sealAttempt, type PendingAttempt } from './pending-attempt';

const secret = 's'.repeat(40);
const now = Date.parse('2026-11-24T12:00:00Z');
const attempt: PendingAttempt = {
  accountId: 'ca_123',
  toolkit: 'gmail',
  userId: 'demo:abc',
  expiresAt: now + 600_000,
  returnTo: '/settings/integrations',
  connectUrl: 'https://connect.composio.dev/link/ln_1',
};

test('a sealed attempt opens with the same secret', () => {
  assert.deepEqual(openAttempt(sealAttempt(attempt, secret), secret, now), attempt);
});

test('another secret, a changed payload or a changed signature do not open', () => {
  const sealed = sealAttempt(attempt, secret);
  const [payload, signature] = sealed.split('.') as [string, string];
  assert.equal(openAttempt(sealed, 't'.repeat(40), now), null);

  const forged = Buffer.from(JSON.stringify({ ...attempt, userId: 'demo:someone-else' })).toString('base64url');
  assert.equal(openAttempt(`${forged}.${signature}`, secret, now), null);
  assert.equal(openAttempt(`${payload}.${signature.slice(0, -2)}xx`, secret, now), null);
  assert.equal(openAttempt(`${payload}.${signature}.extra`, secret, now), null);
});

test('an expired attempt does not open', () => {
  assert.equal(openAttempt(sealAttempt(attempt, secret), secret, attempt.expiresAt), null);
});

test('garbage does not open and does not throw', () => {
  for (const value of [undefined, '', '.', 'abc', 'a.b', '%%%.%%%', 'x'.repeat(5000)]) {
    assert.equal(openAttempt(value, secret, now), null);
  }
});

test('sealing refuses an attempt whose return path is not relative', () => {
  assert.throws(() => sealAttempt({ ...attempt, returnTo: 'https://evil.example' }, secret));
});
