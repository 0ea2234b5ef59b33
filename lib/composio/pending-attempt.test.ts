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

test('another secret, or any changed byte, does not open', () => {
  const sealed = sealAttempt(attempt, secret);
  assert.equal(openAttempt(sealed, 't'.repeat(40), now), null);
  const bytes = Buffer.from(sealed, 'base64url');
  for (let index = 0; index < bytes.length; index++) {
    const changed = Buffer.from(bytes);
    changed[index]! ^= 0x01;
    assert.equal(openAttempt(changed.toString('base64url'), secret, now), null, `byte ${index}`);
  }
  assert.equal(openAttempt(`${sealed}.extra`, secret, now), null);
});

test('the cookie value reveals nothing: no Connect Link, user id or toolkit in any decoding', () => {
  const sealed = sealAttempt(attempt, secret);
  for (const text of [sealed, Buffer.from(sealed, 'base64url').toString('latin1')]) {
    for (const secretPart of ['connect.composio.dev', 'ln_1', 'demo:abc', 'gmail', 'ca_123', '{"']) {
      assert.ok(!text.includes(secretPart), secretPart);
    }
  }
  // Two seals of the same attempt differ (fresh IV), so equal attempts cannot be recognised either.
  assert.notEqual(sealAttempt(attempt, secret), sealed);
});

test('the old signed-but-readable format is not accepted', () => {
  const payload = Buffer.from(JSON.stringify(attempt)).toString('base64url');
  assert.equal(openAttempt(payload, secret, now), null);
  assert.equal(openAttempt(`${payload}.c2lnbmF0dXJl`, secret, now), null);
});

test('an expired attempt does not open', () => {
  assert.equal(openAttempt(sealAttempt(attempt, secret), secret, attempt.expiresAt), null);
});

test('garbage does not open and does not throw', () => {
  for (const value of [undefined, '', '.', 'abc', 'a.b', '%%%.%%%', 'x'.repeat(5000)]) {
    assert.equal(openAttempt(value, secret, now), null);
  }
});

test('sealing refuses an attempt whose return path is not a same-origin path', () => {
  for (const returnTo of ['https://evil.example', '//evil.example', '/.//evil.example/x', '/\\evil.example']) {
    assert.throws(() => sealAttempt({ ...attempt, returnTo }, secret), returnTo);
  }
});
