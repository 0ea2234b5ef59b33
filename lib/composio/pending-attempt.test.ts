import assert from 'node:assert/strict';
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { encode } from 'next-auth/jwt';
import { MAX_PENDING_ATTEMPTS, openAttempts, sealAttempts, withAttempt, type PendingAttempt } from './pending-attempt';
import { sealFlash } from '../http/flash';

/** One attempt in, one out: most cases below are about a single attempt. */
const sealAttempt = (attempt: PendingAttempt, secret: string) => sealAttempts([attempt], secret, now);
const openAttempt = async (value: string | undefined, secret: string, at: number) =>
  (await openAttempts(value, secret, at))[0] ?? null;

const secret = 's'.repeat(40);
const now = Date.now();
const attempt: PendingAttempt = {
  accountId: 'ca_123',
  toolkit: 'mail_app',
  userId: 'demo:abc',
  expiresAt: now + 600_000,
  returnTo: '/settings/integrations',
  connectUrl: 'https://connect.composio.dev/link/ln_1',
};

/** The value with one byte of one of its parts (header, IV, ciphertext, tag) flipped. */
function flipped(sealed: string, part: number, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[index]! ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

test('a sealed attempt opens with the same secret', async () => {
  assert.deepEqual(await openAttempt(await sealAttempt(attempt, secret), secret, now), attempt);
});

test('another secret, or any changed byte, does not open', async () => {
  const sealed = await sealAttempt(attempt, secret);
  assert.equal(await openAttempt(sealed, 't'.repeat(40), now), null);
  // A compact JWE: protected header, (empty) encrypted key, IV, ciphertext, authentication tag.
  for (const part of [0, 2, 3, 4]) {
    const length = Buffer.from(sealed.split('.')[part]!, 'base64url').length;
    for (let index = 0; index < length; index++) {
      assert.equal(await openAttempt(flipped(sealed, part, index), secret, now), null, `part ${part}, byte ${index}`);
    }
  }
  assert.equal(await openAttempt(`${sealed}.extra`, secret, now), null);
});

test('a value sealed for another purpose (a flash message) does not open as attempts', async () => {
  const flash = await sealFlash({ type: 'success', message: 'Connected', path: '/settings/integrations' }, secret);
  assert.deepEqual(await openAttempts(flash, secret, now), []);
  // Nor does an Auth.js session token, whose salt is its cookie name, although it is sealed the same way.
  const session = await encode({ token: { userId: 'demo:abc', attempts: [] }, secret, salt: 'authjs.session-token' });
  assert.deepEqual(await openAttempts(session, secret, now), []);
});

test('the cookie value reveals nothing: no Connect Link, user id or toolkit in any decoding', async () => {
  const sealed = await sealAttempt(attempt, secret);
  const decoded = sealed
    .split('.')
    .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
    .join('\n');
  for (const text of [sealed, decoded]) {
    for (const secretPart of ['connect.composio.dev', 'ln_1', 'demo:abc', 'mail_app', 'ca_123']) {
      assert.ok(!text.includes(secretPart), secretPart);
    }
  }
  // The header is the only readable part, and it names the algorithm only.
  assert.deepEqual(Object.keys(JSON.parse(Buffer.from(sealed.split('.')[0]!, 'base64url').toString())).sort(), [
    'alg',
    'enc',
    'kid',
  ]);
  assert.throws(() => JSON.parse(Buffer.from(sealed.split('.')[3]!, 'base64url').toString('latin1')));
  // Two seals of the same attempt differ (fresh IV), so equal attempts cannot be recognised either.
  assert.notEqual(await sealAttempt(attempt, secret), sealed);
});

test('the formats the app used before are not accepted', async () => {
  const payload = Buffer.from(JSON.stringify(attempt)).toString('base64url');
  assert.equal(await openAttempt(payload, secret, now), null);
  assert.equal(await openAttempt(`${payload}.c2lnbmF0dXJl`, secret, now), null);
  // The hand-written AES-256-GCM seal (IV, ciphertext, tag) under a key derived from the same secret.
  const key = Buffer.from(
    hkdfSync('sha256', secret, 'composio-connections-starter', 'pending-attempt-encryption/v1', 32),
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const { userId, ...stored } = attempt;
  const body = Buffer.concat([cipher.update(JSON.stringify({ userId, attempts: [stored] })), cipher.final()]);
  const old = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  assert.equal(await openAttempt(old, secret, now), null);
});

test('an expired attempt does not open', async () => {
  assert.equal(await openAttempt(await sealAttempt(attempt, secret), secret, attempt.expiresAt), null);
});

test('garbage does not open and does not throw', async () => {
  for (const value of [undefined, '', '.', 'abc', 'a.b', 'a.b.c.d.e', '....', '%%%.%%%', 'x'.repeat(5000)]) {
    assert.equal(await openAttempt(value, secret, now), null);
  }
});

test('sealing refuses an attempt whose return path is not a same-origin path', async () => {
  for (const returnTo of ['https://evil.example', '//evil.example', '/.//evil.example/x', '/\\evil.example']) {
    await assert.rejects(() => sealAttempt({ ...attempt, returnTo }, secret), returnTo);
  }
});

/** A realistic attempt: Composio's ids and Connect Link shapes, the longest alias-free fields a flow stores. */
function attemptNumber(index: number, overrides: Partial<PendingAttempt> = {}): PendingAttempt {
  return {
    ...attempt,
    accountId: `ca_${index.toString().padStart(12, '0')}`,
    toolkit: ['mail_app', 'chat_app', 'code_host', 'calendar_app', 'notes_app', 'issue_tracker'][index % 6]!,
    userId: 'demo:0123456789abcdef01234567',
    connectUrl: `https://connect.composio.dev/link/lk_${index.toString().padStart(24, 'x')}`,
    replaces: `ca_${'r'.repeat(12)}`,
    popup: true,
    ...overrides,
  };
}

test('several attempts seal together and open in order, each whole', async () => {
  const plain = attemptNumber(2);
  delete plain.popup;
  delete plain.replaces;
  const attempts = [attemptNumber(1), plain, attemptNumber(3)];
  assert.deepEqual(await openAttempts(await sealAttempts(attempts, secret), secret, now), attempts);
});

test('an expired attempt is dropped without voiding the others', async () => {
  const attempts = [attemptNumber(1, { expiresAt: now - 1 }), attemptNumber(2)];
  assert.deepEqual(await openAttempts(await sealAttempts(attempts, secret), secret, now), [attemptNumber(2)]);
});

test('attempts of two users are never sealed together', async () => {
  await assert.rejects(() => sealAttempts([attemptNumber(1), attemptNumber(2, { userId: 'demo:other' })], secret));
  await assert.rejects(() => sealAttempts([], secret));
});

test('a new attempt joins the others; past the limit the oldest go first', async () => {
  let attempts: PendingAttempt[] = [];
  for (let index = 1; index <= MAX_PENDING_ATTEMPTS + 2; index++) {
    attempts = await withAttempt(attempts, attemptNumber(index), secret);
  }
  assert.deepEqual(
    attempts.map((kept) => kept.accountId),
    [3, 4, 5, 6, 7].map((index) => attemptNumber(index).accountId),
  );
});

test('another user’s attempts are dropped when this user starts one, and a repeated id replaces its old entry', async () => {
  const other = attemptNumber(1, { userId: 'demo:someone-else' });
  assert.deepEqual(await withAttempt([other], attemptNumber(2), secret), [attemptNumber(2)]);
  const again = attemptNumber(2, { toolkit: 'chat_app' });
  assert.deepEqual(await withAttempt([attemptNumber(2), attemptNumber(3)], again, secret), [attemptNumber(3), again]);
});

test('the cookie stays under 4 kB with every field at its longest, and holds five usual attempts in 2.2 kB', async () => {
  const longest = (index: number) =>
    attemptNumber(index, {
      accountId: `ca_${String(index).repeat(128)}`.slice(0, 128),
      replaces: `ca_${'r'.repeat(125)}`,
      toolkit: 't'.repeat(64),
      connectUrl: `https://connect.composio.dev/${'l'.repeat(990)}`,
      returnTo: `/settings/integrations?${'q'.repeat(900)}`,
    });
  let attempts: PendingAttempt[] = [];
  for (let index = 1; index <= MAX_PENDING_ATTEMPTS; index++) {
    attempts = await withAttempt(attempts, longest(index), secret);
  }
  const sealed = await sealAttempts(attempts, secret);
  // Oversized attempts crowd each other out: only the newest is kept, and the cookie still fits a browser's 4 kB.
  assert.equal(attempts.length, 1);
  assert.ok(sealed.length < 3600, `${sealed.length} characters`);
  assert.equal(attempts.at(-1)?.accountId, longest(MAX_PENDING_ATTEMPTS).accountId);
  let usual: PendingAttempt[] = [];
  for (let index = 1; index <= MAX_PENDING_ATTEMPTS; index++)
    usual = await withAttempt(usual, attemptNumber(index), secret);
  assert.equal(usual.length, MAX_PENDING_ATTEMPTS);
  const five = await sealAttempts(usual, secret);
  assert.ok(five.length < 2200, `${five.length} characters`);
});

test('more attempts than the limit, sealed by anyone holding the key, do not open', async () => {
  const many = Array.from({ length: MAX_PENDING_ATTEMPTS + 1 }, (_, index) => attemptNumber(index));
  await assert.rejects(() => sealAttempts(many, secret));
  // Each attempt's own userId is ignored when opened: the cookie's user is the one at the top.
  const stored = many;
  const forged = await encode({
    token: { userId: attempt.userId, attempts: stored },
    secret,
    salt: 'composio-connections-starter/pending-attempts',
  });
  assert.deepEqual(await openAttempts(forged, secret, now), []);
  // The control: the same forging with the limit's number of attempts opens.
  const within = await encode({
    token: { userId: attempt.userId, attempts: stored.slice(1) },
    secret,
    salt: 'composio-connections-starter/pending-attempts',
  });
  assert.equal((await openAttempts(within, secret, now)).length, MAX_PENDING_ATTEMPTS);
});
