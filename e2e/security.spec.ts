import { createCipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Locator, Page } from '@playwright/test';
import { decode, encode } from 'next-auth/jwt';
import { composioUserId } from '../lib/auth/user-id';
import {
  APP_URL,
  EMULATOR_API_KEY,
  EMULATOR_URL,
  NO_DEMO_APP_URL,
  SECOND_APP_URL,
  WEBHOOK_SECRET,
  sharedAppEnv,
} from './servers';
import {
  answerConnectLink,
  blockPopups,
  connectThroughEmulator,
  expect,
  hydrated,
  signIn,
  signInDirectly,
  signedWebhook,
  test,
  toolkitCard,
  uniqueEmail,
  withSharedLock,
  type Emulator,
} from './fixtures';
import { connectableToolkit, escapeRegExp } from './toolkits';

const [toolkitA, toolkitB] = [connectableToolkit(0), connectableToolkit(1)];

/** The salts lib/auth/secret-keys.ts seals each cookie with, written out here to forge cookies independently. */
const PENDING_SALT = 'composio-connections-starter/pending-attempts';
const FLASH_SALT = 'composio-connections-starter/flash';

/**
 * Seals a cookie holding one pending attempt the way lib/composio/pending-attempt.ts does (the user once, then the
 * attempts, in a next-auth/jwt JWE), to forge cookies with the app's secret or another.
 */
function seal(attempt: Record<string, unknown>, secret = sharedAppEnv.AUTH_SECRET): Promise<string> {
  const { userId, ...rest } = attempt;
  return encode({ token: { userId, attempts: [rest] }, secret, salt: PENDING_SALT, maxAge: 600 });
}

/** The hand-written AES-256-GCM cookie the app sealed attempts with before it used next-auth/jwt. */
function homeMadeSeal(attempt: Record<string, unknown>, secret = sharedAppEnv.AUTH_SECRET): string {
  const { userId, ...rest } = attempt;
  const key = Buffer.from(
    hkdfSync('sha256', secret, 'composio-connections-starter', 'pending-attempt-encryption/v1', 32),
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ userId, attempts: [rest] }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The readable, HMAC-signed cookie format the app used before it encrypted the attempt. */
function legacySeal(attempt: Record<string, unknown>, secret = sharedAppEnv.AUTH_SECRET): string {
  const key = createHmac('sha256', secret).update('composio-pending-attempt/v1').digest();
  const payload = Buffer.from(JSON.stringify(attempt)).toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

/** Seals a flash message the way lib/http/flash.ts does (or with another secret, or for another purpose). */
function sealFlash(
  flash: Record<string, unknown>,
  secret = sharedAppEnv.AUTH_SECRET,
  salt = FLASH_SALT,
): Promise<string> {
  return encode({ token: flash, secret, salt, maxAge: 60 });
}

/** The HMAC-signed flash the app used before it sealed them, signed with the key it derived from its secret. */
function hmacFlash(flash: Record<string, unknown>, secret = sharedAppEnv.AUTH_SECRET): string {
  const key = Buffer.from(hkdfSync('sha256', secret, 'composio-connections-starter', 'flash-signature/v1', 32));
  const payload = Buffer.from(JSON.stringify(flash)).toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

const PHISH = 'Security alert: re-enter your password at https://evil.example';

/** A sample of every redirect trick the red-team used; the unit property test generates thousands more. */
const hostileReturnPaths = [
  '/.//evil.example/phish',
  '/..//evil.example',
  '/%2e//evil.example',
  '/%2E%2E/%2Fevil.example',
  '//evil.example',
  '/\\evil.example',
  '/%5C%5Cevil.example',
  'https://evil.example',
  'HtTpS:evil.example',
  '/\t/evil.example',
  '/%252F%252Fevil.example',
  'javascript:alert(1)',
];

/** A Location the browser resolves to `origin`, with a path that starts with exactly one `/` and has no backslash. */
function expectOnOrigin(location: string | undefined, origin: string) {
  expect(location, 'a Location header').toBeTruthy();
  const resolved = new URL(location!, `${origin}/`);
  expect(resolved.origin).toBe(origin);
  expect(resolved.pathname).not.toMatch(/^\/\//);
  const path = location!.startsWith(origin) ? location!.slice(origin.length) : location!;
  expect(path).toMatch(/^\/(?![/\\])/);
  expect(path).not.toContain('\\');
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .filter((directive) => directive.trim())
      .map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name!, values];
      }),
  );
}

/** POSTs a body in chunks (Transfer-Encoding: chunked unless a Content-Length is given); resolves with the status. */
function streamedPost(
  url: string,
  options: { chunks: number; chunkBytes: number; end: boolean; body?: string; headers?: Record<string, string> },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error('no answer within 10 s: the body is being read to the end'));
    }, 10_000);
    request.on('response', (response) => {
      clearTimeout(timer);
      response.resume();
      request.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (options.body !== undefined) request.write(options.body);
    for (let index = 0; index < options.chunks && options.chunkBytes > 0; index++) {
      request.write(Buffer.alloc(options.chunkBytes, 0x61));
    }
    if (options.end) request.end();
  });
}

/** The session cookie's name where APP_URL is https: `__Host-`, which no sibling host or narrower path can plant. */
const HTTPS_SESSION_COOKIE = '__Host-authjs.session-token';

/**
 * A session cookie for the https-configured instance, where demo sign-in is off: a real demo sign-in on the http
 * instance (so its session is recorded in the shared database), resealed under the https cookie name (or `name`,
 * for cookies planted under other names), as Auth.js seals it there. Its email is `email`, or a new one.
 */
async function httpsSession(name = HTTPS_SESSION_COOKIE, email = uniqueEmail('https')): Promise<string> {
  const csrf = await fetch(`${APP_URL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const signedIn = await fetch(`${APP_URL}/api/auth/callback/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ email, csrfToken }),
    redirect: 'manual',
  });
  const httpName = 'authjs.session-token';
  const sealed = signedIn.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${httpName}=`))!
    .split(';')[0]!
    .slice(httpName.length + 1);
  const token = await decode({ token: sealed, secret: sharedAppEnv.AUTH_SECRET, salt: httpName });
  return `${name}=${await encode({ token: token!, secret: sharedAppEnv.AUTH_SECRET, salt: name })}`;
}

/** Whom the https instance's Profile shows for `cookie`: a Composio user id, or 'signed out' (sent to sign-in). */
async function httpsProfileFor(cookie: string): Promise<string> {
  const response = await fetch(`${NO_DEMO_APP_URL}/settings/profile`, { headers: { cookie }, redirect: 'manual' });
  if (response.status === 307 && response.headers.get('location')?.startsWith('/sign-in')) return 'signed out';
  expect(response.status).toBe(200);
  return (await response.text()).match(/demo:[0-9a-f]{24}/)?.[0] ?? 'no user id';
}

async function setPendingCookie(context: BrowserContext, value: string) {
  await context.addCookies([{ name: 'composio_pending', value, url: APP_URL, httpOnly: true, sameSite: 'Lax' }]);
}

async function everyone(emulator: Emulator, ...userIds: string[]) {
  return Promise.all(userIds.map((id) => emulator.accounts(id)));
}

test('no secret reaches the browser: the built client assets contain neither key', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk('.next/static');
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const secret of [sharedAppEnv.AUTH_SECRET, EMULATOR_API_KEY, WEBHOOK_SECRET]) {
      expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
    }
  }
});

test('every page carries the security headers, with a fresh CSP nonce, and runs without CSP violations', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const first = await page.goto('/sign-in');
  const second = await page.request.get('/sign-in');
  const csp = first!.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(second.headers()['content-security-policy']).not.toBe(csp);
  expect(first!.headers()).toMatchObject({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
  });
  expect(first!.headers()['permissions-policy']).toContain('camera=()');
  await page.getByLabel('Email').fill(uniqueEmail('csp'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await page.goto('/settings/integrations');
  await expect(toolkitCard(page, toolkitA.name)).toBeVisible();
  expect(violations).toEqual([]);
});

test('two instances sharing only their environment: Connect on one, callback on the other', async ({
  page,
  emulator,
}) => {
  const user = await signIn(page, uniqueEmail('two-instances'), '/settings/integrations');
  await page.goto(`${SECOND_APP_URL}/settings/integrations`);
  await page.getByRole('button', { name: `Connect ${toolkitA.name}` }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(page, 'Allow');
  // APP_URL is the first instance: the callback lands there.
  await expect(page).toHaveURL(`${APP_URL}/settings/integrations`);
  await expect(page.getByText(`${toolkitA.name} connected`)).toBeVisible();
  expect((await emulator.accounts(user.id)).map((account) => account.status)).toEqual(['ACTIVE']);
});

test('the expire webhook is accepted when signed, and the page shows Expired', async ({ page, emulator, user }) => {
  await page.goto('/settings/integrations');
  await connectThroughEmulator(page, toolkitA.name);
  const [account] = await emulator.accounts(user.id);
  const response = await fetch(`${EMULATOR_URL}/_emulator/connected_accounts/${account!.id}/expire`, {
    method: 'POST',
  });
  expect(((await response.json()) as { webhook: unknown }).webhook).toMatchObject({ delivered: true, status: 200 });
  await page.reload();
  await expect(toolkitCard(page, toolkitA.name).getByText('Expired', { exact: true })).toBeVisible();
});

test.describe('bad input changes nothing and never answers 5xx', () => {
  let victim: { id: string; accountId: string; cookie: string };
  let attacker: { id: string; page: Page };

  test.beforeAll(async ({ browser }) => {
    // Outside any journey, so it takes its turn itself (e2e/fixtures.ts): it may wait for an exclusive one.
    test.setTimeout(120_000);
    await withSharedLock(async () => {
      // A victim with one active account and one pending attempt, whose cookie an attacker might steal.
      const victimPage = await browser.newPage();
      await blockPopups(victimPage.context());
      const { id } = await signIn(victimPage, uniqueEmail('victim'), '/settings/integrations');
      await connectThroughEmulator(victimPage, toolkitA.name);
      await victimPage.getByRole('button', { name: `Connect ${toolkitB.name}` }).click();
      await victimPage.waitForURL((url) => url.origin === EMULATOR_URL);
      const cookie = (await victimPage.context().cookies()).find((candidate) => candidate.name === 'composio_pending')!;
      const accounts = (await (
        await fetch(`${EMULATOR_URL}/_emulator/state?user_id=${encodeURIComponent(id)}`)
      ).json()) as {
        accounts: { id: string; status: string }[];
      };
      victim = {
        id,
        accountId: accounts.accounts.find((account) => account.status === 'ACTIVE')!.id,
        cookie: cookie.value,
      };
      await victimPage.close();

      const attackerPage = await browser.newPage();
      await blockPopups(attackerPage.context());
      attacker = {
        id: (await signIn(attackerPage, uniqueEmail('attacker'), '/settings/integrations')).id,
        page: attackerPage,
      };
    });
  });

  test.afterAll(async () => {
    await attacker.page.close();
  });

  const ca = 'ca_doesnotexist1';
  const callbackQueries: [string, string][] = [
    ['no parameters', ''],
    ['status only', 'status=success'],
    ['id only', `connected_account_id=${ca}`],
    ['unknown status', `status=ok&connected_account_id=${ca}`],
    ['empty values', 'status=&connected_account_id='],
    ['duplicated status', `status=success&status=failed&connected_account_id=${ca}`],
    ['duplicated id', `status=success&connected_account_id=${ca}&connected_account_id=ca_2`],
    ['oversized id (100 kB)', `status=success&connected_account_id=${'a'.repeat(100_000)}`],
    ['oversized extra parameter (100 kB)', `status=success&connected_account_id=${ca}&x=${'b'.repeat(100_000)}`],
    ['non-UTF-8 id', 'status=success&connected_account_id=%FF%FE%FD'],
    ['non-UTF-8 status', `status=%C3%28&connected_account_id=${ca}`],
    ['script in id', 'status=success&connected_account_id=%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
    ['SQL in id', "status=success&connected_account_id=ca_1'%20OR%20'1'%3D'1"],
    ['path traversal in id', 'status=success&connected_account_id=..%2F..%2Fetc%2Fpasswd'],
    ['null byte in id', 'status=success&connected_account_id=ca_1%00'],
    ['CRLF in id', 'status=success&connected_account_id=ca_1%0d%0aSet-Cookie:%20x=1'],
    ['unknown but well-formed id', `status=success&connected_account_id=${ca}`],
    ['failed for an unknown id', `status=failed&connected_account_id=${ca}`],
    ['non-ASCII id', 'status=success&connected_account_id=ca_%C3%A9%E2%9C%93'],
    ['id with spaces', 'status=success&connected_account_id=ca%201'],
    ['array-style parameters', `status[]=success&connected_account_id[]=${ca}`],
    ['oversized status', `status=${'s'.repeat(5_000)}&connected_account_id=${ca}`],
  ];

  for (const [name, query] of callbackQueries) {
    test(`callback, no attempt cookie: ${name}`, async ({ emulator }) => {
      const before = await everyone(emulator, victim.id, attacker.id);
      const response = await attacker.page.request.get(`/api/composio/callback?${query}`, { maxRedirects: 0 });
      if (response.status() === 431) {
        // Node refuses URLs over its 16 kB header limit before the app runs: still a 4xx, still no change.
        expect(query.length).toBeGreaterThan(16_000);
      } else {
        expect(response.status()).toBe(303);
        expect(response.headers()['location']).toBe('/settings/integrations');
        expect(response.headers()['set-cookie']).toMatch(/flash=/);
      }
      expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
    });
  }

  const cookieCases: [string, () => string | Promise<string>, () => string][] = [
    ['garbage cookie', () => 'not-a-cookie', () => `status=success&connected_account_id=${victim.accountId}`],
    ['cookie sealed around an empty attempt', () => seal({}), () => `status=success&connected_account_id=${ca}`],
    [
      'the old readable, signed cookie format',
      () => legacySeal(attempt(attacker.id, ca)),
      () => `status=success&connected_account_id=${ca}`,
    ],
    [
      'the old hand-written encrypted cookie format, with the app’s secret',
      () => homeMadeSeal(attempt(attacker.id, ca)),
      () => `status=success&connected_account_id=${ca}`,
    ],
    [
      'a flash message sealed with the app’s secret, planted as the attempt cookie',
      () => sealFlash({ userId: attacker.id, attempts: [attempt(attacker.id, ca)] }),
      () => `status=success&connected_account_id=${ca}`,
    ],
    [
      'cookie signed with another secret',
      () => seal(attempt(attacker.id, ca), 'x'.repeat(48)),
      () => `status=success&connected_account_id=${ca}`,
    ],
    [
      'tampered payload',
      async () => tamper(await seal(attempt(attacker.id, ca))),
      () => `status=success&connected_account_id=${ca}`,
    ],
    [
      'expired cookie',
      () => seal({ ...attempt(attacker.id, ca), expiresAt: Date.now() - 1 }),
      () => `status=success&connected_account_id=${ca}`,
    ],
    [
      'the victim’s own stolen cookie',
      () => victim.cookie,
      () => `status=success&connected_account_id=${victim.accountId}`,
    ],
    [
      'a cookie claiming the victim’s account for the attacker',
      () => seal(attempt(attacker.id, victim.accountId)),
      () => `status=success&connected_account_id=${victim.accountId}`,
    ],
    [
      'a cookie claiming the attacker is the victim',
      () => seal(attempt(victim.id, victim.accountId)),
      () => `status=success&connected_account_id=${victim.accountId}`,
    ],
    [
      'failed for the victim’s account',
      () => seal(attempt(attacker.id, victim.accountId)),
      () => `status=failed&connected_account_id=${victim.accountId}`,
    ],
    [
      'cookie that replaces the victim’s account',
      () => seal({ ...attempt(attacker.id, victim.accountId), replaces: victim.accountId }),
      () => `status=success&connected_account_id=${victim.accountId}`,
    ],
    [
      'cookie whose return path is absolute',
      () => seal({ ...attempt(attacker.id, ca), returnTo: 'https://evil.example' }),
      () => `status=success&connected_account_id=${ca}`,
    ],
    [
      'mismatched id',
      () => seal(attempt(attacker.id, 'ca_mine')),
      () => `status=success&connected_account_id=${victim.accountId}`,
    ],
  ];

  for (const [name, cookie, query] of cookieCases) {
    test(`callback with a forged cookie: ${name}`, async ({ emulator }) => {
      await setPendingCookie(attacker.page.context(), await cookie());
      const before = await everyone(emulator, victim.id, attacker.id);
      const response = await attacker.page.request.get(`/api/composio/callback?${query()}`, { maxRedirects: 0 });
      expect(response.status()).toBe(303);
      expect(response.headers()['location']).toMatch(/^\/(settings\/integrations|onboarding)$/);
      expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
    });
  }

  const webhookCases: [string, () => { method?: string; headers?: Record<string, string>; data?: string }, number][] = [
    ['no signature headers', () => ({ data: event(), headers: { 'content-type': 'application/json' } }), 401],
    ['wrong secret', () => ({ data: event(), headers: signedWebhook(event(), { secret: 'wrong' }) }), 401],
    [
      'stale timestamp (10 minutes old)',
      () => ({ data: event(), headers: signedWebhook(event(), { timestamp: Math.floor(Date.now() / 1000) - 600 }) }),
      401,
    ],
    [
      'timestamp in the future',
      () => ({ data: event(), headers: signedWebhook(event(), { timestamp: Math.floor(Date.now() / 1000) + 600 }) }),
      401,
    ],
    [
      'timestamp in milliseconds',
      () => ({ data: event(), headers: signedWebhook(event(), { timestamp: Date.now() }) }),
      401,
    ],
    ['body changed after signing', () => ({ data: event('EXPIRED', 'x'), headers: signedWebhook(event()) }), 401],
    [
      'signature without v1 prefix',
      () => ({ data: event(), headers: { ...signedWebhook(event()), 'webhook-signature': 'abc' } }),
      401,
    ],
    ['empty body', () => ({ data: '', headers: signedWebhook('') }), 401],
    ['non-JSON body', () => ({ data: 'hello', headers: signedWebhook('hello') }), 401],
    [
      'oversized body (100 kB)',
      () => ({ data: 'x'.repeat(100_000), headers: signedWebhook('x'.repeat(100_000)) }),
      413,
    ],
    ['GET', () => ({ method: 'GET' }), 405],
    ['PUT', () => ({ method: 'PUT', data: event(), headers: signedWebhook(event()) }), 405],
    ['DELETE', () => ({ method: 'DELETE' }), 405],
  ];

  for (const [name, request, status] of webhookCases) {
    test(`webhook: ${name}`, async ({ emulator }) => {
      const before = await everyone(emulator, victim.id, attacker.id);
      const { method = 'POST', headers, data } = request();
      const response = await attacker.page.request.fetch('/api/composio/webhook', { method, headers, data });
      expect(response.status()).toBe(status);
      expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
    });
  }

  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
    test(`callback: wrong method ${method}`, async () => {
      const response = await attacker.page.request.fetch('/api/composio/callback', { method, maxRedirects: 0 });
      expect(response.status()).toBe(405);
    });
  }

  /**
   * Replaces a real form's fields with `fields`, as an attacker in devtools would (a name given twice is sent twice),
   * once React has hydrated it. `__VICTIM__` stands for the victim's connected account id.
   */
  async function tamperWith(form: Locator, fields: [string, string][]) {
    const values = fields.map(([key, value]) => [key, value.replace('__VICTIM__', victim.accountId)] as const);
    await hydrated(form);
    await form.evaluate((element, entries) => {
      for (const [key] of entries) element.querySelectorAll(`input[name="${key}"]`).forEach((input) => input.remove());
      for (const [key, value] of entries) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = key;
        input.value = value;
        element.append(input);
      }
    }, values);
  }

  /** Tampers with the fields of a Connect form on the page, then submits it. */
  const actionCases: [string, string, [string, string][], RegExp][] = [
    ['unknown toolkit slug', `Connect ${toolkitA.name}`, [['toolkit', 'evil-toolkit']], /Unknown toolkit/],
    ['injection-shaped slug', `Connect ${toolkitA.name}`, [['toolkit', `${toolkitA.slug}' OR 1=1`]], /Unknown toolkit/],
    ['oversized alias (100 kB)', `Connect ${toolkitA.name}`, [['alias', 'a'.repeat(100_000)]], /under 40 characters/],
    ['script in alias', `Connect ${toolkitA.name}`, [['alias', '<script>']], /Use letters, numbers/],
    ['replace someone else’s account', `Connect ${toolkitB.name}`, [['replaces', '__VICTIM__']], /__NAVIGATES__/],
    ['absolute return path', `Connect ${toolkitB.name}`, [['returnTo', 'https://evil.example']], /__NAVIGATES__/],
    [
      'return path with a dot segment',
      `Connect ${toolkitB.name}`,
      [['returnTo', '/.//evil.example/x']],
      /__NAVIGATES__/,
    ],
    [
      'return path with encoded dots',
      `Connect ${toolkitB.name}`,
      [['returnTo', '/%2e%2e//evil.example']],
      /__NAVIGATES__/,
    ],
    ['return path with a backslash', `Connect ${toolkitB.name}`, [['returnTo', '/\\evil.example']], /__NAVIGATES__/],
    ['protocol-relative return path', `Connect ${toolkitB.name}`, [['returnTo', '//evil.example/x']], /__NAVIGATES__/],
    [
      'a field named __proto__',
      `Connect ${toolkitA.name}`,
      [['__proto__', 'x']],
      /The field "__proto__" is not part of this form/,
    ],
    [
      'a field named constructor',
      `Connect ${toolkitA.name}`,
      [['constructor', 'x']],
      /The field "constructor" is not part of this form/,
    ],
  ];

  for (const [name, button, fields, expected] of actionCases) {
    test(`server action: ${name}`, async ({ emulator, browser }) => {
      // A case the app accepts connects an account, after which its toolkit offers Connect no more: each such case
      // is a new attacker's, so that one toolkit serves them all whatever lib/toolkits.ts holds.
      const accepted = expected.source === '__NAVIGATES__';
      const page = accepted ? await browser.newPage({ baseURL: APP_URL }) : attacker.page;
      if (accepted) {
        await blockPopups(page.context());
        await signInDirectly(page, uniqueEmail('attacker'));
      }
      await page.goto('/settings/integrations');
      const before = await everyone(emulator, victim.id);
      await tamperWith(page.getByRole('button', { name: button, exact: true }).locator('xpath=ancestor::form'), fields);
      await page.getByRole('button', { name: button, exact: true }).click();
      if (expected.source === '__NAVIGATES__') {
        // Accepted as a new connection for the attacker; the victim's account and the return path stay safe.
        await page.waitForURL((url) => url.origin === EMULATOR_URL);
        await answerConnectLink(page, 'Allow');
        await expect(page).toHaveURL(`${APP_URL}/settings/integrations`);
      } else {
        await expect(page.getByText(expected)).toBeVisible();
      }
      expect(await everyone(emulator, victim.id)).toEqual(before);
      if (accepted) await page.close();
    });
  }

  /** A tampered Disconnect form, and the message it gets (any "Nothing was changed" when not given). */
  type AccountActionCase = [string, [string, string][], (string | RegExp)?];
  const accountActions: AccountActionCase[] = [
    ['disconnect someone else’s account', [['accountId', '__VICTIM__']]],
    [
      'duplicated accountId field',
      [
        ['accountId', '__VICTIM__'],
        ['accountId', '__VICTIM__'],
      ],
    ],
    ['malformed account id', [['accountId', '../../connected_accounts']]],
    ['missing account id', [['accountId', '']]],
    ...['__proto__', 'constructor', 'prototype'].map((name): AccountActionCase => [
      `disconnect with a field named ${name}`,
      [[name, 'x']],
      `The field "${name}" is not part of this form. Nothing was changed.`,
    ]),
  ];

  for (const [name, fields, expected = /Nothing was changed/] of accountActions) {
    test(`server action: ${name}`, async ({ emulator }) => {
      const page = attacker.page;
      await page.goto('/settings/integrations');
      // The list streams in behind Suspense: wait until the toolkit shows one button or the other before choosing.
      const connect = page.getByRole('button', { name: `Connect ${toolkitA.name}`, exact: true });
      const disconnect = page
        .getByRole('button', { name: new RegExp(`^Disconnect ${escapeRegExp(toolkitA.name)}`) })
        .first();
      await expect(connect.or(disconnect)).toBeVisible();
      if (await connect.isVisible()) await connectThroughEmulator(page, toolkitA.name);
      const before = await everyone(emulator, victim.id, attacker.id);
      await hydrated(disconnect);
      await disconnect.click();
      await tamperWith(page.getByRole('alertdialog').locator('form'), fields);
      await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect', exact: true }).click();
      await expect(page.getByText(expected).first()).toBeVisible();
      expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
    });
  }

  // Open redirects, as a class: every place that redirects on input, each with the same hostile sample.
  for (const target of hostileReturnPaths) {
    test(`redirect: sign-in page while signed in, callbackUrl ${JSON.stringify(target)}`, async ({ emulator }) => {
      const before = await everyone(emulator, victim.id, attacker.id);
      const response = await attacker.page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(target)}`, {
        maxRedirects: 0,
      });
      expect(response.status()).toBe(307);
      expectOnOrigin(response.headers()['location'], APP_URL);
      expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
    });

    test(`redirect: Auth.js demo sign-in, callbackUrl ${JSON.stringify(target)}`, async ({ playwright, emulator }) => {
      const before = await everyone(emulator, victim.id, attacker.id);
      const request = await playwright.request.newContext({ baseURL: APP_URL });
      const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
      const response = await request.post('/api/auth/callback/demo', {
        form: { email: uniqueEmail('redirect'), csrfToken, callbackUrl: target },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(302);
      expectOnOrigin(response.headers()['location'], APP_URL);
      // The sign-in itself still worked: only the destination was replaced.
      const session = (await (await request.get('/api/auth/session')).json()) as { user?: { id?: string } } | null;
      expect(session?.user?.id).toMatch(/^demo:/);
      await request.dispose();
      expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
    });

    test(`redirect: callback whose attempt returns to ${JSON.stringify(target)}`, async ({ emulator }) => {
      await setPendingCookie(attacker.page.context(), await seal({ ...attempt(attacker.id, ca), returnTo: target }));
      const before = await everyone(emulator, victim.id, attacker.id);
      const response = await attacker.page.request.get(
        `/api/composio/callback?status=success&connected_account_id=${ca}`,
        {
          maxRedirects: 0,
        },
      );
      expect(response.status()).toBe(303);
      expect(response.headers()['location']).toBe('/settings/integrations');
      expectOnOrigin(response.headers()['location'], APP_URL);
      expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
    });
  }

  for (const target of ['/.//evil.example/phish', '/%2e%2e//evil.example', '/\\evil.example']) {
    test(`redirect: demo sign-in form with callbackUrl ${JSON.stringify(target)}`, async ({ browser, emulator }) => {
      const before = await everyone(emulator, victim.id);
      const context = await browser.newContext({ baseURL: APP_URL });
      const page = await context.newPage();
      await page.goto('/sign-in');
      const button = page.getByRole('button', { name: 'Sign in', exact: true });
      await tamperWith(button.locator('xpath=ancestor::form'), [['callbackUrl', target]]);
      await page.getByLabel('Email').fill(uniqueEmail('redirect-form'));
      await button.click();
      await page.waitForURL((url) => url.pathname !== '/sign-in');
      // Signed in and on the app's own home (which may send a new user on to onboarding).
      expect(new URL(page.url()).origin).toBe(APP_URL);
      expect(['/', '/onboarding']).toContain(new URL(page.url()).pathname);
      await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
      await context.close();
      expect(await everyone(emulator, victim.id)).toEqual(before);
    });
  }

  // Every response carries the security headers, including static files and 404s the proxy used to skip.
  const everyPath: [string, () => string][] = [
    ['/favicon.ico (404)', () => '/favicon.ico'],
    ['/icon.svg', () => '/icon.svg'],
    ['/icon.svg with a cache-busting query', () => '/icon.svg?v=1'],
    [
      'a real /_next/static chunk',
      () => `/_next/static/chunks/${readdirSync('.next/static/chunks').find((name) => name.endsWith('.js'))}`,
    ],
    ['a missing /_next/static file', () => '/_next/static/chunks/not-there.js'],
    ['/_next/image', () => '/_next/image?url=%2Ficon.svg&w=64&q=75'],
    ['an unknown page (404)', () => '/no-such-page'],
    ['a public file', () => '/screenshots/settings-mobile.png'],
    ['the webhook route (GET, 405)', () => '/api/composio/webhook'],
    ['a path under the webhook route (404)', () => '/api/composio/webhook/x'],
  ];

  for (const [name, path] of everyPath) {
    test(`headers: ${name}`, async ({ request }) => {
      const response = await request.get(path(), { maxRedirects: 0 });
      expect(response.status()).toBeLessThan(500);
      const headers = response.headers();
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'x-frame-options': 'DENY',
      });
      // Plain http here: HSTS only where APP_URL is https (below).
      expect(headers['strict-transport-security']).toBeUndefined();
      if ((headers['content-type'] ?? '').includes('text/html')) {
        expect(headers['content-security-policy']).toMatch(
          /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
        );
        expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      }
    });
  }

  for (const [name, path, method] of [
    ['sign-in page', '/sign-in', 'GET'],
    ['404 page', '/no-such-page', 'GET'],
    ['missing favicon', '/favicon.ico', 'GET'],
    ['static file', '/icon.svg', 'GET'],
    ['webhook', '/api/composio/webhook', 'POST'],
    ['path under the webhook', '/api/composio/webhook/x', 'GET'],
  ] as const) {
    test(`https deployment: HSTS on the ${name}`, async ({ request }) => {
      const response = await request.fetch(`${NO_DEMO_APP_URL}${path}`, { method, maxRedirects: 0 });
      expect(response.status()).toBeLessThan(500);
      expect(response.headers()['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    });
  }

  // The webhook sets its own headers; the proxy skips exactly its path, and everything under it gets the page headers.
  for (const path of ['/api/composio/webhook/x', '/api/composio/webhook/x/y']) {
    test(`headers: ${path} carries the CSP and frame protection too`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status()).toBeLessThan(500);
      const headers = response.headers();
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      expect(headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff' });
    });
  }

  test('COOP: every page is same-origin; a site that opened the app keeps no handle on its window', async ({
    browser,
  }) => {
    for (const path of ['/sign-in', '/no-such-page', '/connected']) {
      const response = await fetch(`${APP_URL}${path}`);
      expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
    }
    // Another origin (the emulator's) opens the app in a new window, as a link with target=_blank would.
    const context = await browser.newContext();
    const opener = await context.newPage();
    await opener.goto(`${EMULATOR_URL}/healthz`);
    const [app] = await Promise.all([
      context.waitForEvent('page'),
      opener.evaluate((url) => {
        (window as unknown as { app: Window | null }).app = window.open(url, '_blank');
      }, `${APP_URL}/sign-in`),
    ]);
    await expect(app.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    // The opener's handle is dead: it cannot navigate the app's tab later (a phishing page in its place).
    await expect.poll(() => opener.evaluate(() => (window as unknown as { app: Window }).app.closed)).toBe(true);
    expect(await app.evaluate(() => window.opener)).toBeNull();
    await context.close();
  });

  test('CSP: images and form targets are exactly the configured Composio origin, and every logo is allowed', async () => {
    const page = attacker.page;
    const response = await page.goto('/settings/integrations');
    const csp = directives(response!.headers()['content-security-policy'] ?? '');
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', EMULATOR_URL]);
    expect(csp.get('form-action')).toEqual(["'self'", EMULATOR_URL]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    await expect(toolkitCard(page, toolkitA.name)).toBeVisible();
    const sources = await page
      .locator('main img')
      .evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(new URL(source).origin).toBe(EMULATOR_URL);
  });

  test('CSP: no directive allows a whole scheme or a wildcard', async ({ request }) => {
    for (const url of [`${APP_URL}/sign-in`, `${NO_DEMO_APP_URL}/sign-in`]) {
      const csp = directives((await request.get(url)).headers()['content-security-policy'] ?? '');
      for (const [name, values] of csp) {
        for (const value of values) expect(value, `${name} in ${url}`).not.toMatch(/^(https?:|wss?:|\*)$/);
      }
    }
  });

  // The webhook stops reading at 64 kB, whatever the headers say.
  const streamedWebhooks: [
    string,
    { chunks: number; chunkBytes: number; end: boolean; headers?: Record<string, string> },
  ][] = [
    ['100 kB chunked, no Content-Length', { chunks: 10, chunkBytes: 10_000, end: true }],
    ['70 kB chunked, then the stream stays open', { chunks: 7, chunkBytes: 10_000, end: false }],
    ['1 MB chunked in 64 kB pieces', { chunks: 16, chunkBytes: 65_536, end: true }],
    [
      'Content-Length of 100 kB, body never sent',
      { chunks: 1, chunkBytes: 10, end: false, headers: { 'content-length': '100000' } },
    ],
  ];

  for (const [name, body] of streamedWebhooks) {
    test(`webhook: ${name} answers 413 at once`, async ({ emulator }) => {
      const before = await everyone(emulator, victim.id, attacker.id);
      const status = await streamedPost(`${APP_URL}/api/composio/webhook`, body);
      expect(status).toBe(413);
      expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
    });
  }

  test('webhook: a small chunked delivery is still read and verified', async ({ emulator }) => {
    const before = await everyone(emulator, victim.id, attacker.id);
    const payload = event();
    const status = await streamedPost(`${APP_URL}/api/composio/webhook`, {
      chunks: 1,
      chunkBytes: 0,
      end: true,
      body: payload,
      headers: signedWebhook(payload),
    });
    expect(status).toBe(200);
    expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
  });

  // Flash messages: only what the app signed is ever shown.
  const plantedFlashes: [string, () => string | Promise<string>][] = [
    [
      'an unsigned flash in the old format',
      () => Buffer.from(JSON.stringify({ type: 'error', message: PHISH })).toString('base64url'),
    ],
    [
      'an unsigned flash in the new format',
      () =>
        Buffer.from(JSON.stringify({ type: 'error', message: PHISH, path: '/settings/integrations' })).toString(
          'base64url',
        ),
    ],
    [
      'the HMAC-signed flash format used before, signed with the app’s key',
      () => hmacFlash({ type: 'error', message: PHISH, path: '/settings/integrations' }),
    ],
    [
      'a sealed flash whose ciphertext was swapped for another’s',
      async () => {
        const genuine = (
          await sealFlash({ type: 'success', message: `${toolkitA.name} connected`, path: '/settings/integrations' })
        ).split('.');
        const forged = (
          await sealFlash({ type: 'error', message: PHISH, path: '/settings/integrations' }, 'x'.repeat(48))
        ).split('.');
        return [...genuine.slice(0, 3), forged[3], genuine[4]].join('.');
      },
    ],
    [
      'a flash sealed with another secret',
      () => sealFlash({ type: 'error', message: PHISH, path: '/settings/integrations' }, 'x'.repeat(48)),
    ],
    [
      'a flash sealed with the app’s secret for another purpose (the pending-attempt cookie)',
      () => sealFlash({ type: 'error', message: PHISH, path: '/settings/integrations' }, undefined, PENDING_SALT),
    ],
  ];

  for (const [name, value] of plantedFlashes) {
    test(`flash: ${name} is not shown`, async ({ emulator }) => {
      const page = attacker.page;
      const before = await everyone(emulator, victim.id, attacker.id);
      await page.context().addCookies([{ name: 'flash', value: await value(), url: APP_URL, sameSite: 'Lax' }]);
      await page.goto('/settings/integrations');
      await hydrated(page.getByRole('button', { name: 'Sign out', exact: true }));
      await expect(toolkitCard(page, toolkitA.name)).toBeVisible();
      await expect(page.getByText(PHISH)).toHaveCount(0);
      await page.context().clearCookies({ name: 'flash' });
      expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
    });
  }

  // The control for the planted cases above: the same planting, sealed with the app's own secret, is shown.
  test('flash: a planted flash sealed with the app’s secret is shown (the planting itself works)', async () => {
    const page = attacker.page;
    const message = 'Planted with the real key';
    const value = await sealFlash({ type: 'success', message, path: '/settings/integrations' });
    await page.context().addCookies([{ name: 'flash', value, url: APP_URL, sameSite: 'Lax' }]);
    await page.goto('/settings/integrations');
    await expect(page.getByText(message)).toBeVisible();
    await page.context().clearCookies({ name: 'flash' });
  });

  test('flash: the app’s own signed message is still shown once', async ({ emulator }) => {
    const page = attacker.page;
    const before = await everyone(emulator, victim.id, attacker.id);
    await page.goto('/api/composio/callback');
    await expect(page).toHaveURL(`${APP_URL}/settings/integrations`);
    await expect(page.getByText('The response from the connection page was not understood')).toBeVisible();
    expect((await page.context().cookies(APP_URL)).find((cookie) => cookie.name === 'flash')).toBeUndefined();
    expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
  });

  // An https deployment (APP_URL https): every cookie is Secure, the app's own are __Host- prefixed.
  test('https deployment: the flash cookie is __Host- prefixed, Secure and signed', async ({ emulator }) => {
    const before = await everyone(emulator, victim.id, attacker.id);
    const response = await fetch(`${NO_DEMO_APP_URL}/api/composio/callback`, {
      headers: { cookie: await httpsSession() },
      redirect: 'manual',
    });
    // Signed in (not sent to sign-in), and told the response was not understood.
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/settings/integrations');
    const flash = response.headers.getSetCookie().find((cookie) => cookie.startsWith('__Host-flash='));
    expect(flash).toMatch(/; Secure/i);
    expect(flash).toMatch(/; Path=\/(;|$)/);
    expect(flash).not.toMatch(/; Domain=/i);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('flash='))).toBe(false);
    expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
  });

  test('https deployment: the pending-attempt cookie is __Host- prefixed and Secure, and cleared that way', async ({
    emulator,
  }) => {
    const before = await everyone(emulator, victim.id, attacker.id);
    // An attempt of another user in this browser: the callback refuses it and clears it.
    const cookie = `${await httpsSession()}; __Host-composio_pending=${await seal(attempt(victim.id, ca))}`;
    const response = await fetch(`${NO_DEMO_APP_URL}/api/composio/callback?status=success&connected_account_id=${ca}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/settings/integrations');
    const cleared = response.headers.getSetCookie().find((value) => value.startsWith('__Host-composio_pending='));
    expect(cleared).toMatch(/; Secure/i);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
  });

  test('https deployment: every Auth.js cookie (session, CSRF, callback URL, PKCE) is __Host-, Path=/, no Domain', async () => {
    const setCookies: string[] = [];
    const csrf = await fetch(`${NO_DEMO_APP_URL}/api/auth/csrf`);
    setCookies.push(...csrf.headers.getSetCookie());
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = csrf.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
    // Starting the OAuth sign-in this instance offers sets the callback URL and PKCE cookies (nothing is contacted).
    const started = await fetch(`${NO_DEMO_APP_URL}/api/auth/signin/github`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
      body: new URLSearchParams({ csrfToken, callbackUrl: '/settings/integrations' }),
      redirect: 'manual',
    });
    expect(new URL(started.headers.get('location') ?? '/', NO_DEMO_APP_URL).host).toBe('github.com');
    setCookies.push(...started.headers.getSetCookie());
    // Reading the session re-issues its cookie (a rolling expiry).
    const session = await fetch(`${NO_DEMO_APP_URL}/api/auth/session`, { headers: { cookie: await httpsSession() } });
    expect(((await session.json()) as { user?: { id?: string } }).user?.id).toMatch(/^demo:/);
    setCookies.push(...session.headers.getSetCookie());

    const names = setCookies.map((cookie) => cookie.slice(0, cookie.indexOf('=')));
    for (const name of ['session-token', 'csrf-token', 'callback-url', 'pkce.code_verifier']) {
      expect(names).toContain(`__Host-authjs.${name}`);
    }
    for (const cookie of setCookies) {
      expect(cookie).toMatch(/^__Host-/);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; Path=\/(;|$)/);
      expect(cookie).not.toMatch(/; Domain=/i);
    }
  });

  test('https deployment: a session cookie planted under any other name is ignored, and cannot shadow the real one', async () => {
    const planter = uniqueEmail('planter');
    const planterId = composioUserId({ demoEmail: planter });
    // What a sibling subdomain can set: Auth.js's default https name (with Domain=), or the http name (with a
    // narrower Path=/settings, which browsers send before the site-wide cookie of the same page).
    for (const name of ['__Secure-authjs.session-token', 'authjs.session-token']) {
      const planted = await httpsSession(name, planter);
      expect(await httpsProfileFor(planted)).toBe('signed out');
      const victim = uniqueEmail('shadowed');
      const real = await httpsSession(HTTPS_SESSION_COOKIE, victim);
      expect(await httpsProfileFor(`${planted}; ${real}`)).toBe(composioUserId({ demoEmail: victim }));
    }
    // The planter's own cookie, under the real name, is of course the planter.
    expect(await httpsProfileFor(await httpsSession(HTTPS_SESSION_COOKIE, planter))).toBe(planterId);
  });

  // The pending attempt: unreadable, and gone with the session.
  test('pending attempt: the cookie reveals neither the Connect Link nor the user', async ({ browser, emulator }) => {
    const page = await browser.newPage({ baseURL: APP_URL });
    await blockPopups(page.context());
    const user = await signIn(page, uniqueEmail('pending-opaque'), '/settings/integrations');
    await page.getByRole('button', { name: `Connect ${toolkitA.name}`, exact: true }).click();
    await page.waitForURL((url) => url.origin === EMULATOR_URL);
    const link = new URL(page.url());
    const cookie = (await page.context().cookies(APP_URL)).find((candidate) => candidate.name === 'composio_pending')!;
    const [header, , iv, ciphertext, tag] = cookie.value.split('.').map((part) => Buffer.from(part, 'base64url'));
    for (const text of [cookie.value, ...[header, iv, ciphertext, tag].map((part) => part!.toString('latin1'))]) {
      for (const secret of [link.pathname, link.host, user.id, toolkitA.slug]) expect(text).not.toContain(secret);
    }
    // A JWE: its header is the one readable part, and it names the algorithm only; the rest is not JSON.
    expect(Object.keys(JSON.parse(header!.toString('utf8'))).sort()).toEqual(['alg', 'enc', 'kid']);
    expect(() => JSON.parse(ciphertext!.toString('latin1'))).toThrow();
    expect((await emulator.accounts(user.id)).map((account) => account.status)).toEqual(['INITIATED']);
    await page.close();
  });

  test('pending attempt: signing out clears it', async ({ browser, emulator }) => {
    const page = await browser.newPage({ baseURL: APP_URL });
    await blockPopups(page.context());
    const user = await signIn(page, uniqueEmail('pending-signout'), '/settings/integrations');
    await page.getByRole('button', { name: `Connect ${toolkitB.name}`, exact: true }).click();
    await page.waitForURL((url) => url.origin === EMULATOR_URL);
    await page.goto('/settings/profile');
    expect((await page.context().cookies(APP_URL)).some((cookie) => cookie.name === 'composio_pending')).toBe(true);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await page.context().cookies(APP_URL)).some((cookie) => cookie.name === 'composio_pending')).toBe(false);
    // Nothing was connected along the way; the unfinished attempt is only at Composio.
    expect((await emulator.accounts(user.id)).map((account) => account.status)).toEqual(['INITIATED']);
    await page.close();
  });

  test('pending attempt: signing out through Auth.js’s own endpoint clears it too', async ({ playwright }) => {
    const csrf = async (context: APIRequestContext) =>
      ((await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
    const signedIn = await playwright.request.newContext({ baseURL: APP_URL });
    await signedIn.post('/api/auth/callback/demo', {
      form: { email: uniqueEmail('pending-api'), csrfToken: await csrf(signedIn) },
    });
    const state = await signedIn.storageState();
    await signedIn.dispose();
    const pending = {
      name: 'composio_pending',
      value: await seal(attempt('demo:000000000000000000000000', ca)),
      domain: 'localhost',
      path: '/',
      expires: -1,
      httpOnly: true,
      secure: false,
      sameSite: 'Lax' as const,
    };
    const browserLike = await playwright.request.newContext({
      baseURL: APP_URL,
      storageState: { ...state, cookies: [...state.cookies, pending] },
    });
    const response = await browserLike.post('/api/auth/signout', {
      form: { csrfToken: await csrf(browserLike) },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect((await browserLike.storageState()).cookies.map((cookie) => cookie.name)).not.toContain('composio_pending');
    expect(await (await browserLike.get('/api/auth/session')).json()).toBeNull();
    await browserLike.dispose();
  });
});

function attempt(userId: string, accountId: string) {
  return {
    accountId,
    toolkit: toolkitA.slug,
    userId,
    expiresAt: Date.now() + 600_000,
    returnTo: '/settings/integrations',
    connectUrl: `${EMULATOR_URL}/link/ln_forged`,
  };
}

/** Flips one bit of the ciphertext (the JWE's fourth part): authenticated encryption must notice. */
function tamper(sealed: string): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[3]!, 'base64url');
  bytes[4]! ^= 0x01;
  parts[3] = bytes.toString('base64url');
  return parts.join('.');
}

function event(status = 'EXPIRED', id = 'ca_webhook') {
  return JSON.stringify({
    id: 'msg_1',
    timestamp: new Date().toISOString(),
    type: 'composio.connected_account.expired',
    metadata: { project_id: 'pr_1', org_id: 'ok_1' },
    data: { id, status },
  });
}
