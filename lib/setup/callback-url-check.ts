import type { SetupCheck } from '@/lib/setup/diagnostics';

/**
 * Composio sends the browser back to the callback URL, built from APP_URL. On this machine (a loopback APP_URL) that
 * only reaches this app if its port is the one this server listens on, which Next puts in PORT; behind a proxy or a
 * tunnel the two legitimately differ, so only loopback origins are compared.
 */
export function callbackUrlCheck(input: {
  callbackUrl: string;
  appUrlConfigured: boolean;
  production: boolean;
  servedPort: string | undefined;
}): SetupCheck {
  const { callbackUrl, appUrlConfigured, production, servedPort } = input;
  const url = new URL(callbackUrl);
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || url.hostname.startsWith('127.');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (loopback && servedPort && port !== servedPort) {
    return {
      label: 'Callback URL',
      state: 'error',
      detail: `${callbackUrl}, but this server listens on port ${servedPort}: unless another instance of this app answers on port ${port}, Composio sends users back to the wrong place. Set APP_URL to ${url.protocol}//${url.hostname}:${servedPort}.`,
      variable: 'APP_URL',
    };
  }
  return {
    label: 'Callback URL',
    state: appUrlConfigured || !production ? 'ok' : 'error',
    detail: `${callbackUrl}${appUrlConfigured ? '' : ' (the development default: set APP_URL to your public origin before deploying)'}. Composio sends users back here after the Connect Link.`,
    variable: appUrlConfigured ? undefined : 'APP_URL',
  };
}
