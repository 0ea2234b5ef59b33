import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callbackUrlCheck } from './callback-url-check';

const development = { appUrlConfigured: false, production: false };

test('the callback URL is OK when it points at the port this server listens on', () => {
  const check = callbackUrlCheck({
    ...development,
    callbackUrl: 'http://localhost:3000/api/composio/callback',
    servedPort: '3000',
  });
  assert.equal(check.state, 'ok');
  assert.match(check.detail, /^http:\/\/localhost:3000\/api\/composio\/callback \(the development default/);
});

test('a local APP_URL on another port than the server is an error naming the port to set', () => {
  const check = callbackUrlCheck({
    ...development,
    appUrlConfigured: true,
    callbackUrl: 'http://localhost:3000/api/composio/callback',
    servedPort: '3001',
  });
  assert.equal(check.state, 'error');
  assert.equal(check.variable, 'APP_URL');
  assert.match(check.detail, /this server listens on port 3001/);
  assert.match(check.detail, /Set APP_URL to http:\/\/localhost:3001\.$/);
});

test('a public APP_URL is not compared with the local port: a proxy or tunnel sits between', () => {
  const check = callbackUrlCheck({
    appUrlConfigured: true,
    production: true,
    callbackUrl: 'https://app.example.com/api/composio/callback',
    servedPort: '3000',
  });
  assert.equal(check.state, 'ok');
});

test('production without APP_URL is an error', () => {
  const check = callbackUrlCheck({
    appUrlConfigured: false,
    production: true,
    callbackUrl: 'http://localhost:3000/api/composio/callback',
    servedPort: undefined,
  });
  assert.equal(check.state, 'error');
  assert.equal(check.variable, 'APP_URL');
});
