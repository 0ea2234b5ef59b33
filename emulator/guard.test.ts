// The emulator refuses what a web page could make a browser send it (DNS
// rebinding, drive-by control requests), over real HTTP, and its Connect Link
// page keeps working.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { RunningEmulator } from './app';
import { API_KEY, control, startTestEmulator } from './test-support';

/** A raw HTTP request, so that Host and Origin can be anything a browser could send. */
function send(
  emulator: RunningEmulator,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; noHost?: boolean } = {},
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: emulator.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        setHost: !options.noHost,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('requests a web page could forge', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startTestEmulator();
  });
  after(() => emulator.close());

  const faultCount = () => emulator.controls.faults.length;

  test('only loopback Host names with the emulator’s own port are answered (DNS rebinding)', async () => {
    const port = emulator.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `127.1.2.3:${port}`, `[::1]:${port}`]) {
      assert.equal((await send(emulator, '/healthz', { headers: { host } })).status, 200, host);
    }
    const refused = [
      `evil.example:${port}`,
      `evil.example`,
      `127.0.0.1`,
      `127.0.0.1:${port + 1}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `0.0.0.0:${port}`,
      `192.168.1.10:${port}`,
      `user@127.0.0.1:${port}`,
      `localhost.:${port}`,
      '',
    ];
    for (const host of refused) {
      // Node itself answers 400 to a request without any Host.
      const expected = host === '' ? [400, 421] : [421];
      const headers = (extra: Record<string, string>) => (host === '' ? extra : { host, ...extra });
      const noHost = host === '';
      const api = await send(emulator, '/api/v3.1/connected_accounts', {
        headers: headers({ 'x-api-key': API_KEY }),
        noHost,
      });
      assert.ok(expected.includes(api.status), `API with Host ${host}: ${api.status}`);
      assert.doesNotMatch(api.body, /"items"/);
      const state = await send(emulator, '/_emulator/state', { headers: headers({}), noHost });
      assert.ok(expected.includes(state.status), `controls with Host ${host}: ${state.status}`);
      assert.doesNotMatch(state.body, /"accounts"/);
    }
  });

  test('a control POST with a text/plain, form or multipart body is refused and changes nothing', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const response = await send(emulator, '/_emulator/faults', {
        method: 'POST',
        headers: type ? { 'content-type': type } : {},
        body: JSON.stringify({ match: '/connected_accounts', status: 500, times: -1 }),
      });
      assert.equal(response.status, 403, `content-type ${type || '(none)'}`);
      assert.match(response.body, /only application\/json/);
    }
    assert.equal(faultCount(), 0);
    const latency = await send(emulator, '/_emulator/latency', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: '{"ms": 5000}',
    });
    assert.equal(latency.status, 403);
    assert.equal(emulator.controls.latencyMs, 0);
  });

  test('a control request with a cross-site Origin is refused, even as JSON and even without a body', async () => {
    const origins = ['https://evil.example', 'http://localhost:3000', `http://127.0.0.1:${emulator.port + 1}`, 'null'];
    for (const origin of origins) {
      const json = await send(emulator, '/_emulator/faults', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ match: '/x', status: 500 }),
      });
      assert.equal(json.status, 403, origin);
      assert.match(json.body, /Cross-site/);
      const reset = await send(emulator, '/_emulator/reset', { method: 'POST', headers: { origin } });
      assert.equal(reset.status, 403, origin);
    }
    const sameOriginButCrossSite = await send(emulator, '/_emulator/reset', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    assert.equal(sameOriginButCrossSite.status, 403);
    assert.equal(faultCount(), 0);
  });

  test('the tools the e2e suite and scripts use still work: JSON bodies, bodiless POSTs, same origin', async () => {
    assert.equal((await control(emulator, 'faults', { match: '/nothing', status: 500 })).status, 201);
    assert.equal(faultCount(), 1);
    assert.equal((await control(emulator, 'faults', undefined, 'DELETE')).status, 200);
    const sameOrigin = await send(emulator, '/_emulator/latency', {
      method: 'POST',
      headers: { origin: emulator.url, 'content-type': 'application/json; charset=utf-8' },
      body: '{"ms": 0}',
    });
    assert.equal(sameOrigin.status, 200);
    assert.equal((await control(emulator, 'requests', undefined, 'DELETE')).status, 200);
  });

  test('the Connect Link page still works from the browser, and isolates itself from its opener', async () => {
    const session = await send(emulator, '/api/v3.1/tool_router/session', {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'guard-user', manage_connections: { enable: false } }),
    });
    const { session_id: sessionId } = JSON.parse(session.body) as { session_id: string };
    const link = await send(emulator, `/api/v3.1/tool_router/session/${sessionId}/link`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ toolkit: 'gmail', callback_url: 'http://localhost:3000/cb' }),
    });
    const { redirect_url: redirectUrl } = JSON.parse(link.body) as { redirect_url: string };
    const path = new URL(redirectUrl).pathname;
    const page = await send(emulator, path, { headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(page.status, 200);
    assert.equal(page.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
    // The browser posts the form from the page itself: same origin, urlencoded, with the cookie the page set.
    const allow = await send(emulator, path, {
      method: 'POST',
      headers: {
        cookie: String(page.headers['set-cookie']).split(';')[0]!,
        origin: emulator.url,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'decision=allow',
    });
    assert.equal(allow.status, 303);
    assert.match(
      String(allow.headers.location),
      /^http:\/\/localhost:3000\/cb\?status=success&connected_account_id=ca_/,
    );
  });
});
