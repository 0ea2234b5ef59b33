import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { webhookSignatureHeaders } from '../emulator/webhooks';
import { composioUserId } from '../lib/auth/user-id';
import { blockPopups } from './chromium';
import { ExclusiveLock } from './exclusive';
import { EMULATOR_API_KEY, EMULATOR_PORT, EMULATOR_URL, WEBHOOK_SECRET } from './servers';
import { E2E_TOOLKIT_API_KEY } from './toolkits';

type EmulatorAccount = { id: string; user_id: string; status: string; toolkit: { slug: string }; alias: string | null };
type Fault = { match: string; status?: number; delayMs?: number; times?: number; method?: string; drop?: boolean };

/**
 * The tag of journeys that change or read what every journey shares: faults injected into the emulator, its request
 * log, the database server. Journeys run two at a time (playwright.config.ts); one tagged so runs alone.
 */
export const EXCLUSIVE = '@exclusive';

// One folder per run: the workers' parent is the run's Playwright process.
const lock = new ExclusiveLock(join(tmpdir(), `composio-e2e-${EMULATOR_PORT}-lock-${process.ppid}`));

/** Runs set-up outside a test (a `beforeAll`) as a journey does: never beside an exclusive one. */
export async function withSharedLock<T>(work: () => Promise<T>): Promise<T> {
  const release = await lock.shared();
  try {
    return await work();
  } finally {
    release();
  }
}

/** Refuses a shared control in a journey that may run beside others, where it would break or miscount theirs. */
function exclusiveOnly(control: string): void {
  if (!base.info().tags.includes(EXCLUSIVE)) {
    throw new Error(`${control} acts on every journey running at the time: tag this one { tag: '${EXCLUSIVE}' }`);
  }
}

/** The emulator's test controls (emulator/README.md, "Test controls"). */
export class Emulator {
  async accounts(userId: string): Promise<EmulatorAccount[]> {
    const response = await fetch(`${EMULATOR_URL}/_emulator/state?user_id=${encodeURIComponent(userId)}`);
    expect(response.ok).toBe(true);
    return ((await response.json()) as { accounts: EmulatorAccount[] }).accounts;
  }

  /** Expires the account at the emulator, which sends its signed webhook (`deliveries` times, identical). */
  async expire(accountId: string, deliveries = 1): Promise<{ delivered: boolean; status?: number }[]> {
    const response = await fetch(
      `${EMULATOR_URL}/_emulator/connected_accounts/${accountId}/expire?deliveries=${deliveries}`,
      { method: 'POST' },
    );
    expect(response.ok).toBe(true);
    return ((await response.json()) as { deliveries: { delivered: boolean; status?: number }[] }).deliveries;
  }

  /**
   * Breaks the account's credentials at the provider (Composio still reports it ACTIVE): its tools then fail
   * with `error`, or a revoked-token message. `mend` undoes it.
   */
  async break(accountId: string, error?: string): Promise<void> {
    const response = await fetch(`${EMULATOR_URL}/_emulator/connected_accounts/${accountId}/break`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(error === undefined ? {} : { error }),
    });
    expect(response.ok).toBe(true);
  }

  async mend(accountId: string): Promise<void> {
    const response = await fetch(`${EMULATOR_URL}/_emulator/connected_accounts/${accountId}/break`, {
      method: 'DELETE',
    });
    expect(response.ok).toBe(true);
  }

  /**
   * An ACTIVE account of `toolkit` for `userId`, made through Composio's own API (a session, its Connect Link, Allow)
   * without the app: set-up for journeys about what the page does with accounts, not about connecting. Nothing in the
   * app's Activity records it. Journeys of the Connect flow itself use `connectThroughEmulator`.
   */
  async connect(userId: string, toolkit: string, alias?: string): Promise<string> {
    const api = async (path: string, body: unknown) => {
      const response = await fetch(`${EMULATOR_URL}/api/v3.1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': EMULATOR_API_KEY },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as Record<string, string>;
    };
    const session = await api('/tool_router/session', { user_id: userId });
    const link = await api(`/tool_router/session/${session['session_id']}/link`, { toolkit, alias });
    // The key is what an API-key toolkit's Connect Link asks for; OAuth toolkits ignore it.
    const allowed = await fetch(link['redirect_url']!, {
      method: 'POST',
      body: new URLSearchParams({ decision: 'allow', api_key: E2E_TOOLKIT_API_KEY }),
    });
    expect(allowed.status).toBe(200);
    return link['connected_account_id']!;
  }

  /**
   * Composio's OAuth callback identity verifier (on in these servers, as in production) for `userId`'s Connect
   * Links only, or for everyone's (`userId` null: an exclusive journey's). Off, Allow comes back to the plain callback,
   * as in a project that has not enabled it. The fixture turns it back on after the journey.
   */
  async verifier(enabled: boolean, userId: string | null): Promise<void> {
    if (userId === null) exclusiveOnly('emulator.verifier(enabled, null)');
    const response = await fetch(`${EMULATOR_URL}/_emulator/verifier`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(userId === null ? { enabled } : { enabled, user_id: userId }),
    });
    expect(response.ok).toBe(true);
    if (!enabled) this.verifierTurnedOff.add(userId);
  }

  private readonly verifierTurnedOff = new Set<string | null>();

  async restoreVerifier(): Promise<void> {
    for (const userId of this.verifierTurnedOff) {
      await fetch(`${EMULATOR_URL}/_emulator/verifier`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(userId === null ? { enabled: true } : { enabled: true, user_id: userId }),
      });
    }
    this.verifierTurnedOff.clear();
  }

  async fault(fault: Fault): Promise<void> {
    exclusiveOnly('emulator.fault()');
    const response = await fetch(`${EMULATOR_URL}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    expect(response.ok).toBe(true);
  }

  async clearFaults(): Promise<void> {
    await fetch(`${EMULATOR_URL}/_emulator/faults`, { method: 'DELETE' });
  }

  async requests(): Promise<{ method: string; path: string }[]> {
    exclusiveOnly('emulator.requests()');
    const response = await fetch(`${EMULATOR_URL}/_emulator/requests`);
    return ((await response.json()) as { requests: { method: string; path: string }[] }).requests;
  }

  async clearRequests(): Promise<void> {
    exclusiveOnly('emulator.clearRequests()');
    await fetch(`${EMULATOR_URL}/_emulator/requests`, { method: 'DELETE' });
  }
}

export type SignedInUser = { email: string; id: string };

/** Signs in through the demo form, as a person would, and returns the user's Composio id. */
export async function signIn(page: Page, email: string, path = '/settings/profile'): Promise<SignedInUser> {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path.split('?')[0]);
  return { email, id: await composioUserIdOf(page) };
}

/** The Composio user id Profile shows; from any other page, a visit to Profile and back. */
async function composioUserIdOf(page: Page): Promise<string> {
  const current = page.url();
  const onProfile = new URL(current).pathname === '/settings/profile';
  if (!onProfile) await page.goto('/settings/profile');
  const id = (await page.getByText(/^demo:[0-9a-f]{24}$/).textContent()) ?? '';
  if (!onProfile) await page.goto(current);
  return id;
}

/**
 * Signs in with the demo provider through Auth.js's own endpoints, as the sign-in form's server action does, but
 * without rendering a page: the `user` fixture of journeys about something else. The session cookie lands in the
 * page's browser context; the page itself stays where it was. The sign-in form has journeys of its own (signIn).
 */
export async function signInDirectly(page: Page, email: string): Promise<SignedInUser> {
  const csrf = await page.request.get('/api/auth/csrf');
  expect(csrf.ok()).toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post('/api/auth/callback/demo', {
    form: { email, csrfToken, callbackUrl: '/settings/profile' },
    maxRedirects: 0,
  });
  // Auth.js answers a refused sign-in with a redirect too: only a session cookie means it worked.
  expect(response.status()).toBe(302);
  expect(response.headers()['location']).not.toContain('error=');
  expect((await page.context().cookies()).some((cookie) => cookie.name.endsWith('authjs.session-token'))).toBe(true);
  return { email, id: composioUserId({ demoEmail: email }) };
}

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

// Every journey blocks popups (Connect takes the full-page redirect) unless it asks for them
// (`test.use({ popups: true })`, e2e/popup.spec.ts); pages from `browser.newPage()` call this themselves.
export { blockPopups };

export const test = base.extend<{ emulator: Emulator; user: SignedInUser; popups: boolean; turn: void }>({
  // Before every other fixture and after them all: an exclusive journey waits for the other worker's to end, and the
  // other worker waits for it (not counted in either journey's own time).
  turn: [
    async ({}, provide, testInfo) => {
      const release = testInfo.tags.includes(EXCLUSIVE) ? await lock.exclusive() : await lock.shared();
      try {
        await provide();
      } finally {
        release();
      }
    },
    { auto: true, timeout: 240_000 },
  ],
  popups: [false, { option: true }],
  context: async ({ context, popups }, provide) => {
    if (!popups) await blockPopups(context);
    await provide(context);
  },
  emulator: async ({}, provide) => {
    const emulator = new Emulator();
    await provide(emulator);
    await emulator.clearFaults();
    await emulator.restoreVerifier();
  },
  user: async ({ page }, provide, testInfo) => {
    await provide(
      await signInDirectly(page, uniqueEmail(testInfo.title.replace(/\W+/g, '-').slice(0, 24).toLowerCase())),
    );
  },
});

export { expect };

/** The list item of one toolkit on the integrations page. */
export function toolkitCard(page: Page, name: string) {
  return page.getByRole('article', { name });
}

/**
 * Waits until React has hydrated `element`. Server-rendered DOM edited before
 * that (as the bad-input suite does, like an attacker in devtools) is thrown
 * away when hydration finds it does not match and renders the component again.
 */
export async function hydrated(element: Locator): Promise<void> {
  await expect
    .poll(() => element.evaluate((node) => Object.keys(node).some((key) => key.startsWith('__reactFiber$'))))
    .toBe(true);
}

/**
 * Answers the stand-in Connect Link open in `page` with Allow or Deny, typing an API key first where the toolkit
 * asks for one (e2e/toolkits.ts `accountLabel` says how the account is then named).
 */
export async function answerConnectLink(page: Page, decision: 'Allow' | 'Deny' = 'Allow') {
  const button = page.getByRole('button', { name: decision });
  // Once the Connect Link page is there (the caller may not have waited for it), its API key field is too.
  await button.waitFor();
  const apiKey = page.getByLabel('API key');
  if (decision === 'Allow' && (await apiKey.count()) > 0) await apiKey.fill(E2E_TOOLKIT_API_KEY);
  await button.click();
}

/**
 * Waits until `element` and everything in it have finished their animations and transitions (a toast sliding in):
 * what a person then sees stays put.
 */
export async function stillAfterAnimating(element: Locator): Promise<void> {
  await expect.poll(() => element.evaluate((node) => node.getAnimations({ subtree: true }).length)).toBe(0);
}

/** Connect a toolkit from the current page and finish the stand-in Connect Link with Allow or Deny. */
export async function connectThroughEmulator(page: Page, name: string, decision: 'Allow' | 'Deny' = 'Allow') {
  await page.getByRole('button', { name: `Connect ${name}`, exact: true }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(page, decision);
  await page.waitForURL((url) => url.origin !== EMULATOR_URL);
}

/** "Add another account" on a connected toolkit's card, named `alias`, approved on the stand-in Connect Link. */
export async function addAnotherAccount(page: Page, name: string, alias: string) {
  const card = toolkitCard(page, name);
  await card.getByText('Add another account').click();
  await card.getByLabel('Account name').fill(alias);
  await card.getByRole('button', { name: `Connect another ${name} account` }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  await answerConnectLink(page, 'Allow');
  await page.waitForURL((url) => url.origin !== EMULATOR_URL);
}

/** The Activity section of the integrations page. */
export function activitySection(page: Page) {
  return page.getByRole('region', { name: 'Activity' });
}

/** Headers that sign `body` as Composio signs a webhook (HMAC-SHA256 over `id.timestamp.body`). */
export function signedWebhook(body: string, options: { secret?: string; timestamp?: number; id?: string } = {}) {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    ...webhookSignatureHeaders(options.secret ?? WEBHOOK_SECRET, id, timestamp, body),
  };
}
