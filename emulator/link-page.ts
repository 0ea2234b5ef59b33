import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './api';
import { emulatedEmail } from './connections';
import { escapeHtml, readBody, redirect, sendHtml } from './http';
import { bindBrowser, deferToVerifier, fromOtherBrowser, verifierUrlFor } from './verifier';

/**
 * The stand-in for Composio's hosted Connect Link page:
 * Allow makes the account ACTIVE, Deny makes it FAILED, and either way the
 * browser returns to the callback URL with `status` and `connected_account_id`
 * appended (`connectedAccountId` and `appName` for a link of `initiate()`) and
 * the callback's own parameters kept. With the project's identity verifier
 * on, Allow on an OAuth link defers the account and sends the browser to the
 * verifier instead (emulator/verifier.ts).
 */
export async function handleLink(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const match = /^\/link\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
  if (!match) return false;
  const link = ctx.store.state.links[match[1]!];
  const account = link ? ctx.store.state.accounts[link.accountId] : undefined;
  const toolkit = account ? ctx.catalog.find((candidate) => candidate.slug === account.toolkit) : undefined;
  if (!link || !account || !toolkit) {
    sendHtml(res, 404, page('Link not found', '<p>This Connect Link does not exist or was cancelled.</p>'));
    return true;
  }
  if (link.used) {
    sendHtml(res, 410, page('Link already used', '<p>This link has already been used. Start again from the app.</p>'));
    return true;
  }
  // An unused link dies after its lifetime; the account stays INITIATED, as Composio leaves it.
  if (Date.now() - Date.parse(link.createdAt) > ctx.config.linkTtlMs) {
    sendHtml(res, 410, page('Link expired', '<p>This link has expired. Start again from the app.</p>'));
    return true;
  }

  if (req.method === 'GET') {
    if (bindBrowser(link, res)) await ctx.store.mutate(() => undefined);
    const isApiKey = toolkit.authScheme === 'API_KEY';
    const name = escapeHtml(toolkit.name);
    sendHtml(
      res,
      200,
      page(
        `Connect ${toolkit.name}`,
        `<img src="/logos/${escapeHtml(toolkit.slug)}.svg" alt="" width="48" height="48">
        <p><strong>${name}</strong> wants access for user <code>${escapeHtml(account.userId)}</code>${
          account.alias ? ` (account name: ${escapeHtml(account.alias)})` : ''
        }.</p>
        <p class="note">This is the local Composio emulator: no real ${name} account is involved.</p>
        <form method="post">
          ${
            isApiKey
              ? '<label for="api_key">API key</label><input id="api_key" name="api_key" required autocomplete="off">'
              : ''
          }
          <div class="actions">
            <button type="submit" name="decision" value="allow">Allow</button>
            <button type="submit" name="decision" value="deny" formnovalidate class="secondary">Deny</button>
          </div>
        </form>`,
      ),
    );
    return true;
  }

  if (req.method !== 'POST') {
    sendHtml(res, 405, page('Method not allowed', '<p>Use the buttons on the Connect Link page.</p>'));
    return true;
  }
  const form = new URLSearchParams(await readBody(req));
  if (fromOtherBrowser(ctx, link, account, req)) {
    // Nothing changes: the link still works in the browser that opened it.
    const back = link.callbackUrl ? new URL(link.callbackUrl) : null;
    back?.searchParams.append('status', 'failed');
    back?.searchParams.append('connected_account_id', account.id);
    sendHtml(
      res,
      403,
      page(
        'Connection not completed',
        `<p>This connection was started from a different browser or device. Nothing was connected.</p>
        <p>Finish it in the browser where you started, or choose Connect again in the app from this one.</p>${
          back ? `<p><a href="${escapeHtml(back.toString())}">Back to the app</a></p>` : ''
        }`,
      ),
    );
    return true;
  }
  const allow = form.get('decision') === 'allow';
  const apiKey = form.get('api_key')?.trim() ?? '';
  if (allow && toolkit.authScheme === 'API_KEY' && !apiKey) {
    sendHtml(res, 400, page('API key required', '<p>Enter an API key, or choose Deny.</p>'));
    return true;
  }
  const verifierUrl = allow && toolkit.authScheme !== 'API_KEY' ? verifierUrlFor(ctx, link, account) : null;
  if (verifierUrl) {
    let target = '';
    await ctx.store.mutate(() => {
      link.used = true;
      target = deferToVerifier(link, verifierUrl);
    });
    redirect(res, target);
    return true;
  }
  await ctx.store.mutate(() => {
    link.used = true;
    account.status = allow ? 'ACTIVE' : 'FAILED';
    account.statusReason = allow ? null : 'User denied access';
    account.displayName = allow
      ? toolkit.authScheme === 'API_KEY'
        ? `API key •••• ${apiKey.slice(-4)}`
        : emulatedEmail(toolkit.slug)
      : null;
    account.updatedAt = new Date().toISOString();
  });

  if (!link.callbackUrl) {
    sendHtml(res, 200, page(allow ? 'Connected' : 'Not connected', '<p>You can close this window.</p>'));
    return true;
  }
  const back = new URL(link.callbackUrl);
  back.searchParams.append('status', allow ? 'success' : 'failed');
  if (link.callbackCase === 'camel') {
    back.searchParams.append('connectedAccountId', account.id);
    back.searchParams.append('appName', toolkit.slug);
  } else {
    back.searchParams.append('connected_account_id', account.id);
  }
  redirect(res, back.toString());
  return true;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Composio emulator</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#111;background:#fff}
h1{font-size:1.5rem}.note{color:#444;font-size:.9rem}code{background:#f3f3f3;padding:0 .25rem;border-radius:4px}
form{display:grid;gap:.75rem}label{font-weight:600}input{padding:.5rem;border:1px solid #888;border-radius:6px;font:inherit}
.actions{display:flex;gap:.5rem}button{font:inherit;padding:.5rem 1.25rem;border-radius:6px;border:1px solid #111;background:#111;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#111}a{color:#1d4ed8}button:focus-visible,input:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}
