import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedLogo, composioBrowserOrigins } from '../composio/origins';
import { baseSecurityHeaders, nonPageSecurityHeaders, securityHeaders } from './security-headers';

const cloud = composioBrowserOrigins({ usesLocalEmulator: false });
const emulator = composioBrowserOrigins({ baseUrl: 'http://127.0.0.1:4599', usesLocalEmulator: true });

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

function csp(composio = cloud, appUrl = 'https://app.example.com') {
  return directives(securityHeaders({ nonce: 'abc', isDev: false, appUrl, composio })['Content-Security-Policy']!);
}

test('HSTS on every response when APP_URL is https, and only then', () => {
  assert.equal(
    baseSecurityHeaders('https://app.example.com')['Strict-Transport-Security'],
    'max-age=63072000; includeSubDomains',
  );
  assert.equal(
    securityHeaders({ nonce: 'n', isDev: false, appUrl: 'https://app.example.com', composio: cloud })[
      'Strict-Transport-Security'
    ],
    'max-age=63072000; includeSubDomains',
  );
  assert.equal(baseSecurityHeaders('http://localhost:3000')['Strict-Transport-Security'], undefined);
});

test('img-src lists exactly Composio’s logo origin, never a whole scheme', () => {
  assert.deepEqual(csp().get('img-src'), ["'self'", 'data:', 'https://logos.composio.dev']);
});

test('form-action lists exactly the Connect Link origin, never a whole scheme', () => {
  assert.deepEqual(csp().get('form-action'), ["'self'", 'https://connect.composio.dev']);
});

test('against the emulator, its own origin serves both logos and the Connect Link', () => {
  const policy = csp(emulator, 'http://localhost:3000');
  assert.deepEqual(policy.get('img-src'), ["'self'", 'data:', 'http://127.0.0.1:4599']);
  assert.deepEqual(policy.get('form-action'), ["'self'", 'http://127.0.0.1:4599']);
});

test('a custom Composio API origin (a proxy) is allowed next to Composio’s own hosts', () => {
  const policy = csp(
    composioBrowserOrigins({ baseUrl: 'https://composio.internal.example', usesLocalEmulator: false }),
  );
  assert.deepEqual(policy.get('img-src'), [
    "'self'",
    'data:',
    'https://logos.composio.dev',
    'https://composio.internal.example',
  ]);
});

test('no directive allows a bare scheme or a wildcard', () => {
  for (const composio of [cloud, emulator]) {
    for (const [name, values] of csp(composio)) {
      for (const value of values) {
        assert.ok(!/^(https?:|wss?:|\*)$/.test(value), `${name} allows ${value}`);
      }
    }
  }
});

test('scripts run only with the nonce, and nothing may frame the app', () => {
  const policy = csp();
  assert.deepEqual(policy.get('script-src'), ["'self'", "'nonce-abc'", "'strict-dynamic'"]);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
});

test('a catalog logo on another host is dropped rather than blocked by the CSP', () => {
  assert.equal(allowedLogo('https://logos.composio.dev/api/gmail', cloud), 'https://logos.composio.dev/api/gmail');
  assert.equal(allowedLogo('https://logo.clearbit.com/x.com', cloud), null);
  assert.equal(allowedLogo('http://127.0.0.1:4599/logos/gmail.svg', emulator), 'http://127.0.0.1:4599/logos/gmail.svg');
  assert.equal(allowedLogo('not a url', cloud), null);
  assert.equal(allowedLogo(null, cloud), null);
});

test('a response that is not a page (webhook JSON, build output) allows nothing and still carries the base headers', () => {
  const headers = nonPageSecurityHeaders('https://app.example.com');
  assert.equal(headers['Content-Security-Policy'], "default-src 'none'; frame-ancestors 'none'");
  assert.deepEqual(
    Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'Content-Security-Policy')),
    baseSecurityHeaders('https://app.example.com'),
  );
});

test('pages keep no opener relation with other origins (COOP same-origin); non-page responses need none', () => {
  const headers = securityHeaders({ nonce: 'n', isDev: false, appUrl: 'http://localhost:3000', composio: cloud });
  assert.equal(headers['Cross-Origin-Opener-Policy'], 'same-origin');
  assert.equal(nonPageSecurityHeaders('http://localhost:3000')['Cross-Origin-Opener-Policy'], undefined);
});
