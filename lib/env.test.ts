import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EnvError, parseEnv } from './env';

const valid = {
  NODE_ENV: 'production',
  APP_URL: 'https://app.example.com/',
  AUTH_SECRET: 'x'.repeat(32),
  COMPOSIO_API_KEY: 'key',
};

describe('parseEnv', () => {
  test('a complete production environment parses, with the origin normalised', () => {
    const env = parseEnv(valid);
    assert.equal(env.appUrl, 'https://app.example.com');
    assert.equal(env.composio.baseUrl, undefined);
    assert.equal(env.demoLogin, false);
    assert.equal(env.composio.telemetry, false);
  });

  test('one error lists every missing or invalid variable with what it is for', () => {
    assert.throws(
      () => parseEnv({ NODE_ENV: 'production', AUTH_SECRET: 'short', COMPOSIO_BASE_URL: 'not a url' }),
      (error: unknown) => {
        assert.ok(error instanceof EnvError);
        for (const name of ['APP_URL', 'AUTH_SECRET', 'COMPOSIO_API_KEY', 'COMPOSIO_BASE_URL']) {
          assert.match(error.message, new RegExp(`- ${name} `));
        }
        assert.match(error.message, /at least 32 characters/);
        assert.match(error.message, /Canonical public origin/);
        return true;
      },
    );
  });

  test('development defaults APP_URL to localhost:3000', () => {
    const env = parseEnv({ ...valid, NODE_ENV: 'development', APP_URL: undefined });
    assert.equal(env.appUrl, 'http://localhost:3000');
  });

  test('a loopback Composio base URL means the local emulator: demo sign-in on, telemetry off', () => {
    const env = parseEnv({ ...valid, COMPOSIO_BASE_URL: 'http://127.0.0.1:4599', COMPOSIO_TELEMETRY: 'true' });
    assert.equal(env.composio.usesLocalEmulator, true);
    assert.equal(env.demoLogin, true);
    assert.equal(env.composio.telemetry, false);
  });

  test('AUTH_DEMO_LOGIN overrides the default either way', () => {
    assert.equal(parseEnv({ ...valid, AUTH_DEMO_LOGIN: 'true' }).demoLogin, true);
    assert.equal(
      parseEnv({ ...valid, COMPOSIO_BASE_URL: 'http://localhost:4599', AUTH_DEMO_LOGIN: 'false' }).demoLogin,
      false,
    );
    assert.throws(() => parseEnv({ ...valid, AUTH_DEMO_LOGIN: 'yes' }), /AUTH_DEMO_LOGIN must be "true" or "false"/);
  });

  test('an OAuth provider needs both its id and its secret', () => {
    assert.throws(
      () => parseEnv({ ...valid, AUTH_GITHUB_ID: 'id' }),
      /AUTH_GITHUB_SECRET is required when AUTH_GITHUB_ID is set/,
    );
    const env = parseEnv({ ...valid, AUTH_GOOGLE_ID: 'id', AUTH_GOOGLE_SECRET: 'secret' });
    assert.deepEqual(env.google, { clientId: 'id', clientSecret: 'secret' });
    assert.equal(env.github, undefined);
  });

  test('blank optional values count as unset', () => {
    const env = parseEnv({ ...valid, AUTH_GITHUB_ID: ' ', AUTH_GITHUB_SECRET: '', COMPOSIO_WEBHOOK_SECRET: '' });
    assert.equal(env.github, undefined);
    assert.equal(env.composio.webhookSecret, undefined);
  });
});
