import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { APP_URL, EMULATOR_API_KEY, EMULATOR_URL, SECOND_APP_URL, WEBHOOK_SECRET, sharedAppEnv } from './servers';
import {
  connectThroughEmulator,
  expect,
  hydrated,
  signIn,
  test,
  toolkitCard,
  uniqueEmail,
  type Emulator,
} from './fixtures';

/** Seals a pending attempt the way lib/composio/pending-attempt.ts does, written independently, to forge cookies. */
function seal(attempt: Record<string, unknown>, secret = sharedAppEnv.AUTH_SECRET): string {
  const key = createHmac('sha256', secret).update('composio-pending-attempt/v1').digest();
  const payload = Buffer.from(JSON.stringify(attempt)).toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

function signedWebhook(body: string, options: { secret?: string; timestamp?: number; id?: string } = {}) {
  const id = options.id ?? `msg_${Date.now()}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', options.secret ?? WEBHOOK_SECRET)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
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
  await expect(toolkitCard(page, 'Gmail')).toBeVisible();
  expect(violations).toEqual([]);
});

test('two instances sharing only their environment: Connect on one, callback on the other', async ({
  page,
  emulator,
}) => {
  const user = await signIn(page, uniqueEmail('two-instances'), '/settings/integrations');
  await page.goto(`${SECOND_APP_URL}/settings/integrations`);
  await page.getByRole('button', { name: 'Connect Gmail' }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await page.getByRole('button', { name: 'Allow' }).click();
  // APP_URL is the first instance: the callback lands there.
  await expect(page).toHaveURL(`${APP_URL}/settings/integrations`);
  await expect(page.getByText('Gmail connected')).toBeVisible();
  expect((await emulator.accounts(user.id)).map((account) => account.status)).toEqual(['ACTIVE']);
});

test('the expire webhook is accepted when signed, and the page shows Expired', async ({ page, emulator, user }) => {
  await page.goto('/settings/integrations');
  await connectThroughEmulator(page, 'Gmail');
  const [account] = await emulator.accounts(user.id);
  const response = await fetch(`${EMULATOR_URL}/_emulator/connected_accounts/${account!.id}/expire`, {
    method: 'POST',
  });
  expect(((await response.json()) as { webhook: unknown }).webhook).toMatchObject({ delivered: true, status: 200 });
  await page.reload();
  await expect(toolkitCard(page, 'Gmail').getByText('Expired', { exact: true })).toBeVisible();
});

test.describe('bad input changes nothing and never answers 5xx', () => {
  let victim: { id: string; accountId: string; cookie: string };
  let attacker: { id: string; page: Page };

  test.beforeAll(async ({ browser }) => {
    // A victim with one active account and one pending attempt, whose cookie an attacker might steal.
    const victimPage = await browser.newPage();
    const { id } = await signIn(victimPage, uniqueEmail('victim'), '/settings/integrations');
    await connectThroughEmulator(victimPage, 'Gmail');
    await victimPage.getByRole('button', { name: 'Connect Slack' }).click();
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
    attacker = {
      id: (await signIn(attackerPage, uniqueEmail('attacker'), '/settings/integrations')).id,
      page: attackerPage,
    };
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

  const cookieCases: [string, () => string, () => string][] = [
    ['garbage cookie', () => 'not-a-cookie', () => `status=success&connected_account_id=${victim.accountId}`],
    ['cookie with no signature', () => seal({}).split('.')[0]!, () => `status=success&connected_account_id=${ca}`],
    [
      'cookie signed with another secret',
      () => seal(attempt(attacker.id, ca), 'x'.repeat(48)),
      () => `status=success&connected_account_id=${ca}`,
    ],
    [
      'tampered payload',
      () => tamper(seal(attempt(attacker.id, ca))),
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
      await setPendingCookie(attacker.page.context(), cookie());
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
    ['unknown toolkit slug', 'Connect Gmail', [['toolkit', 'evil-toolkit']], /Unknown toolkit/],
    ['injection-shaped slug', 'Connect Gmail', [['toolkit', "gmail' OR 1=1"]], /Unknown toolkit/],
    ['oversized alias (100 kB)', 'Connect Gmail', [['alias', 'a'.repeat(100_000)]], /under 40 characters/],
    ['script in alias', 'Connect Gmail', [['alias', '<script>']], /Use letters, numbers/],
    ['replace someone else’s account', 'Connect Linear', [['replaces', '__VICTIM__']], /__NAVIGATES__/],
    ['absolute return path', 'Connect Notion', [['returnTo', 'https://evil.example']], /__NAVIGATES__/],
  ];

  for (const [name, button, fields, expected] of actionCases) {
    test(`server action: ${name}`, async ({ emulator }) => {
      const page = attacker.page;
      await page.goto('/settings/integrations');
      const before = await everyone(emulator, victim.id);
      await tamperWith(page.getByRole('button', { name: button, exact: true }).locator('xpath=ancestor::form'), fields);
      await page.getByRole('button', { name: button, exact: true }).click();
      if (expected.source === '__NAVIGATES__') {
        // Accepted as a new connection for the attacker; the victim's account and the return path stay safe.
        await page.waitForURL((url) => url.origin === EMULATOR_URL);
        await page.getByRole('button', { name: 'Allow' }).click();
        await expect(page).toHaveURL(`${APP_URL}/settings/integrations`);
      } else {
        await expect(page.getByText(expected)).toBeVisible();
      }
      expect(await everyone(emulator, victim.id)).toEqual(before);
    });
  }

  const accountActions: [string, [string, string][]][] = [
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
  ];

  for (const [name, fields] of accountActions) {
    test(`server action: ${name}`, async ({ emulator }) => {
      const page = attacker.page;
      await page.goto('/settings/integrations');
      // The list streams in behind Suspense: wait until Gmail shows one button or the other before choosing.
      const connectGmail = page.getByRole('button', { name: 'Connect Gmail', exact: true });
      const disconnectGmail = page.getByRole('button', { name: /^Disconnect Gmail/ }).first();
      await expect(connectGmail.or(disconnectGmail)).toBeVisible();
      if (await connectGmail.isVisible()) await connectThroughEmulator(page, 'Gmail');
      const before = await everyone(emulator, victim.id, attacker.id);
      await hydrated(disconnectGmail);
      await disconnectGmail.click();
      await tamperWith(page.getByRole('alertdialog').locator('form'), fields);
      await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect', exact: true }).click();
      await expect(page.getByText(/Nothing was changed/).first()).toBeVisible();
      expect(await everyone(emulator, victim.id, attacker.id)).toEqual(before);
    });
  }
});

function attempt(userId: string, accountId: string) {
  return {
    accountId,
    toolkit: 'gmail',
    userId,
    expiresAt: Date.now() + 600_000,
    returnTo: '/settings/integrations',
    connectUrl: `${EMULATOR_URL}/link/ln_forged`,
  };
}

function tamper(sealed: string): string {
  const [payload, signature] = sealed.split('.') as [string, string];
  const data = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  data.toolkit = 'slack';
  return `${Buffer.from(JSON.stringify(data)).toString('base64url')}.${signature}`;
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
