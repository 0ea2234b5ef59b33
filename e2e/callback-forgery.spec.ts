import { EMULATOR_URL } from './servers';
import {
  answerConnectLink,
  blockPopups,
  connectThroughEmulator,
  expect,
  signIn,
  test,
  toolkitCard,
  uniqueEmail,
  type SignedInUser,
} from './fixtures';
import { connectableToolkit } from './toolkits';

/** Starts a Connect flow for `name` and stops on the Connect Link page; returns the pending account's id. */
async function startFlow(page: import('@playwright/test').Page, name: string): Promise<string> {
  await page.goto('/settings/integrations');
  await page.getByRole('button', { name: `Connect ${name}` }).click();
  await page.waitForURL((url) => url.origin === EMULATOR_URL);
  const response = await fetch(`${EMULATOR_URL}/_emulator/state`);
  const { accounts } = (await response.json()) as { accounts: { id: string; status: string; updated_at: string }[] };
  return accounts
    .filter((account) => account.status === 'INITIATED')
    .sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0]!.id;
}

async function snapshot(emulator: { accounts(id: string): Promise<unknown[]> }, ...users: SignedInUser[]) {
  return Promise.all(users.map((user) => emulator.accounts(user.id)));
}

test('another user’s connected account id is refused and changes nothing', async ({
  page,
  browser,
  emulator,
  user,
}) => {
  const victimPage = await browser.newPage();
  await blockPopups(victimPage.context());
  const victim = await signIn(victimPage, uniqueEmail('victim'), '/settings/integrations');
  const toolkit = connectableToolkit(0);
  await connectThroughEmulator(victimPage, toolkit.name);
  const [victimAccount] = await emulator.accounts(victim.id);

  await startFlow(page, toolkit.name);
  const before = await snapshot(emulator, user, victim);
  await page.goto(`/api/composio/callback?status=success&connected_account_id=${victimAccount!.id}`);
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByText("doesn't match the connection you started")).toBeVisible();
  await expect(toolkitCard(page, toolkit.name).getByText('Connected', { exact: true })).toHaveCount(0);
  expect(await snapshot(emulator, user, victim)).toEqual(before);
  await victimPage.close();
});

test('a callback without the pending-attempt cookie is refused', async ({ page, context, emulator, user }) => {
  // The plain callback, of a project without the identity verifier (e2e/verifier.spec.ts has the verifier's journeys).
  await emulator.verifier(false, user.id);
  const accountId = await startFlow(page, connectableToolkit(1).name);
  // Cleared before Allow, so that Composio's own redirect cannot reach the callback with the proof still in place.
  await context.clearCookies({ name: 'composio_pending' });
  await answerConnectLink(page, 'Allow');
  // The account really is active now, but this browser holds no proof it started the flow.
  await expect(page.getByText('expired or was started in another browser')).toBeVisible();
  const before = await snapshot(emulator, user);
  await page.goto(`/api/composio/callback?status=success&connected_account_id=${accountId}`);
  await expect(page.getByText('expired or was started in another browser')).toBeVisible();
  expect(await snapshot(emulator, user)).toEqual(before);
});

test('a tampered pending-attempt cookie is refused', async ({ page, context, emulator, user }) => {
  const accountId = await startFlow(page, connectableToolkit(2).name);
  const cookie = (await context.cookies()).find((candidate) => candidate.name === 'composio_pending')!;
  // The cookie is encrypted (a JWE): an attacker can only flip bits of its ciphertext blindly, and authenticated
  // encryption notices.
  const parts = cookie.value.split('.');
  const ciphertext = Buffer.from(parts[3]!, 'base64url');
  ciphertext[ciphertext.length - 20]! ^= 0x01;
  parts[3] = ciphertext.toString('base64url');
  await context.addCookies([{ ...cookie, value: parts.join('.') }]);
  const before = await snapshot(emulator, user);
  await page.goto(`/api/composio/callback?status=success&connected_account_id=${accountId}`);
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByText('expired or was started in another browser')).toBeVisible();
  expect(await snapshot(emulator, user)).toEqual(before);
});

test('status=success for an account Composio reports FAILED is not believed', async ({ page, emulator, user }) => {
  const toolkit = connectableToolkit(1);
  const accountId = await startFlow(page, toolkit.name);
  const link = page.url();
  // Deny on the Connect Link page (from this browser, which the link is bound to) without following its redirect,
  // then forge a "success" return.
  const denied = await page.request.post(link, { form: { decision: 'deny' }, maxRedirects: 0 });
  expect(denied.status()).toBe(303);
  const before = await snapshot(emulator, user);
  await page.goto(`/api/composio/callback?status=success&connected_account_id=${accountId}`);
  await expect(page.getByText(`${toolkit.name} could not be verified as connected`)).toBeVisible();
  await expect(toolkitCard(page, toolkit.name).getByText('Connected', { exact: true })).toHaveCount(0);
  expect(await snapshot(emulator, user)).toEqual(before);
});

test('garbage or duplicated parameters get a clear message, never an error page', async ({ page, emulator, user }) => {
  const before = await snapshot(emulator, user);
  for (const query of [
    '',
    'status=success',
    'status=maybe&connected_account_id=ca_1',
    'status=success&connected_account_id=%3Cscript%3E',
    'status=success&status=failed&connected_account_id=ca_1',
    `status=success&connected_account_id=${'a'.repeat(5000)}`,
  ]) {
    const response = await page.goto(`/api/composio/callback?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page).toHaveURL(/\/settings\/integrations$/);
    await expect(page.getByText(/not understood|expired or was started/).first()).toBeVisible();
  }
  expect(await snapshot(emulator, user)).toEqual(before);
});

test('a signed-out callback goes to sign-in and finishes after signing back in', async ({ page, context }) => {
  const email = uniqueEmail('resume-after-signin');
  await signIn(page, email, '/settings/integrations');
  const toolkit = connectableToolkit(0);
  const accountId = await startFlow(page, toolkit.name);
  await answerConnectLink(page, 'Allow');
  await expect(page.getByText(`${toolkit.name} connected`)).toBeVisible();
  expect(accountId).toMatch(/^ca_/);

  await context.clearCookies({ name: /authjs/ });
  await page.goto('/api/composio/callback?status=success&connected_account_id=ca_whatever');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fapi%2Fcomposio%2Fcallback/);
});
