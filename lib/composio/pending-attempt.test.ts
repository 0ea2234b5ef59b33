import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_PENDING_ATTEMPTS, openAttempts, sealAttempts, withAttempt, type PendingAttempt } from './pending-attempt';

/** One attempt in, one out: most cases below are about a single attempt. */
const sealAttempt = (attempt: PendingAttempt, secret: string) => sealAttempts([attempt], secret);
const openAttempt = (value: string | undefined, secret: string, now: number) =>
  openAttempts(value, secret, now)[0] ?? null;

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
  const decoded = Buffer.from(sealed, 'base64url').toString('latin1');
  for (const text of [sealed, decoded]) {
    for (const secretPart of ['connect.composio.dev', 'ln_1', 'demo:abc', 'gmail', 'ca_123']) {
      assert.ok(!text.includes(secretPart), secretPart);
    }
  }
  // Not JSON in any decoding. (A two-byte probe such as `{"` is no test: random ciphertext holds it about once in
  // 300 seals, which made this test flaky.)
  assert.throws(() => JSON.parse(decoded));
  assert.throws(() => JSON.parse(sealed));
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

/** A realistic attempt: Composio's ids and Connect Link shapes, the longest alias-free fields a flow stores. */
function attemptNumber(index: number, overrides: Partial<PendingAttempt> = {}): PendingAttempt {
  return {
    ...attempt,
    accountId: `ca_${index.toString().padStart(12, '0')}`,
    toolkit: ['gmail', 'slack', 'github', 'googlecalendar', 'notion', 'linear', 'jira'][index % 7]!,
    userId: 'demo:0123456789abcdef01234567',
    connectUrl: `https://connect.composio.dev/link/lk_${index.toString().padStart(24, 'x')}`,
    replaces: `ca_${'r'.repeat(12)}`,
    popup: true,
    ...overrides,
  };
}

test('several attempts seal together and open in order, each whole', () => {
  const plain = attemptNumber(2);
  delete plain.popup;
  delete plain.replaces;
  const attempts = [attemptNumber(1), plain, attemptNumber(3)];
  assert.deepEqual(openAttempts(sealAttempts(attempts, secret), secret, now), attempts);
});

test('an expired attempt is dropped without voiding the others', () => {
  const attempts = [attemptNumber(1, { expiresAt: now - 1 }), attemptNumber(2)];
  assert.deepEqual(openAttempts(sealAttempts(attempts, secret), secret, now), [attemptNumber(2)]);
});

test('attempts of two users are never sealed together', () => {
  assert.throws(() => sealAttempts([attemptNumber(1), attemptNumber(2, { userId: 'demo:other' })], secret));
  assert.throws(() => sealAttempts([], secret));
});

test('a new attempt joins the others; past the limit the oldest go first', () => {
  let attempts: PendingAttempt[] = [];
  for (let index = 1; index <= MAX_PENDING_ATTEMPTS + 2; index++) {
    attempts = withAttempt(attempts, attemptNumber(index), secret);
  }
  assert.deepEqual(
    attempts.map((kept) => kept.accountId),
    [3, 4, 5, 6, 7].map((index) => attemptNumber(index).accountId),
  );
});

test('another user’s attempts are dropped when this user starts one, and a repeated id replaces its old entry', () => {
  const other = attemptNumber(1, { userId: 'demo:someone-else' });
  assert.deepEqual(withAttempt([other], attemptNumber(2), secret), [attemptNumber(2)]);
  const again = attemptNumber(2, { toolkit: 'slack' });
  assert.deepEqual(withAttempt([attemptNumber(2), attemptNumber(3)], again, secret), [attemptNumber(3), again]);
});

test('the cookie stays under 4 kB with every field at its longest, and holds five usual attempts in 2 kB', () => {
  const longest = (index: number) =>
    attemptNumber(index, {
      accountId: `ca_${String(index).repeat(128)}`.slice(0, 128),
      replaces: `ca_${'r'.repeat(125)}`,
      toolkit: 't'.repeat(64),
      connectUrl: `https://connect.composio.dev/${'l'.repeat(990)}`,
      returnTo: `/settings/integrations?${'q'.repeat(900)}`,
    });
  let attempts: PendingAttempt[] = [];
  for (let index = 1; index <= MAX_PENDING_ATTEMPTS; index++) attempts = withAttempt(attempts, longest(index), secret);
  const sealed = sealAttempts(attempts, secret);
  // Oversized attempts crowd each other out: only the newest is kept, and the cookie still fits a browser's 4 kB.
  assert.equal(attempts.length, 1);
  assert.ok(sealed.length < 3600, `${sealed.length} characters`);
  assert.equal(attempts.at(-1)?.accountId, longest(MAX_PENDING_ATTEMPTS).accountId);
  let usual: PendingAttempt[] = [];
  for (let index = 1; index <= MAX_PENDING_ATTEMPTS; index++) usual = withAttempt(usual, attemptNumber(index), secret);
  assert.equal(usual.length, MAX_PENDING_ATTEMPTS);
  assert.ok(sealAttempts(usual, secret).length < 2000, `${sealAttempts(usual, secret).length} characters`);
});

test('more attempts than the limit, sealed by anyone holding the key, do not open', () => {
  const many = Array.from({ length: MAX_PENDING_ATTEMPTS + 1 }, (_, index) => attemptNumber(index));
  assert.throws(() => sealAttempts(many, secret));
});
