import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseEnv as parseDotenv } from 'node:util';
import { EnvError, parseEnv } from './env';

/** `.env.example` read the way Next reads `.env.local`: every variable present, almost all of them blank. */
const envExample = parseDotenv(readFileSync('.env.example', 'utf8'));

const valid = {
  NODE_ENV: 'production',
  APP_URL: 'https://app.example.com/',
  AUTH_SECRET: 'x'.repeat(32),
  COMPOSIO_API_KEY: 'key',
  DATABASE_URL: 'postgres://app:secret@db.example.com:5432/app',
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
        for (const name of ['APP_URL', 'AUTH_SECRET', 'COMPOSIO_API_KEY', 'COMPOSIO_BASE_URL', 'DATABASE_URL']) {
          assert.match(error.message, new RegExp(`- ${name} `));
        }
        assert.match(error.message, /at least 32 characters/);
        assert.match(error.message, /Canonical public origin/);
        return true;
      },
    );
  });

  test('development defaults APP_URL to localhost on the port the server listens on', () => {
    const env = parseEnv({ ...valid, NODE_ENV: 'development', APP_URL: undefined });
    assert.equal(env.appUrl, 'http://localhost:3000');
    assert.equal(env.appUrlConfigured, false);
    assert.equal(
      parseEnv({ ...valid, NODE_ENV: 'development', APP_URL: '', PORT: '3001' }).appUrl,
      'http://localhost:3001',
    );
  });

  test('.env.example copied as-is is a valid development environment: blank means unset', () => {
    assert.ok(Object.keys(envExample).length >= 15 && envExample.APP_URL === '');
    const env = parseEnv({
      ...envExample,
      // What `npm run dev` adds: a generated secret and the local emulator.
      AUTH_SECRET: 'x'.repeat(32),
      COMPOSIO_API_KEY: 'emulator-local-key',
      COMPOSIO_BASE_URL: 'http://127.0.0.1:4599',
    });
    assert.equal(env.appUrl, 'http://localhost:3000');
    assert.equal(env.demoLogin, true);
    assert.equal(env.composio.telemetry, false);
    assert.equal(env.toolkitsShowAll, false);
    assert.deepEqual(env.setupPageUsers, []);
  });

  test('a blank required variable is reported by name, like a missing one', () => {
    assert.throws(
      () => parseEnv({ ...envExample, NODE_ENV: 'production', AUTH_SECRET: '  ', COMPOSIO_API_KEY: 'key' }),
      (error: unknown) => {
        assert.ok(error instanceof EnvError);
        assert.match(error.message, /- AUTH_SECRET is required/);
        assert.match(error.message, /- APP_URL is required in production/);
        assert.doesNotMatch(error.message, /AUTH_DEMO_LOGIN|COMPOSIO_BASE_URL|TOOLKITS_SHOW_ALL/);
        return true;
      },
    );
  });

  test('a loopback Composio base URL means the local emulator: demo sign-in on in development, telemetry off', () => {
    const env = parseEnv({
      ...valid,
      NODE_ENV: 'development',
      COMPOSIO_BASE_URL: 'http://127.0.0.1:4599',
      COMPOSIO_TELEMETRY: 'true',
    });
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

  test('production needs DATABASE_URL, and says how to opt into the embedded database', () => {
    assert.throws(
      () => parseEnv({ ...valid, DATABASE_URL: undefined }),
      /DATABASE_URL is required in production: a postgres:\/\/ URL, or pglite:\.\/folder .*single instance only/,
    );
    assert.deepEqual(parseEnv({ ...valid, DATABASE_URL: 'pglite:./.data/prod' }).database, {
      kind: 'embedded',
      dataDir: './.data/prod',
      explicit: true,
    });
    assert.deepEqual(parseEnv(valid).database, {
      kind: 'postgres',
      url: valid.DATABASE_URL,
      host: 'db.example.com:5432',
    });
  });

  test('development without DATABASE_URL uses the embedded database in .data/', () => {
    const env = parseEnv({ ...valid, NODE_ENV: 'development', DATABASE_URL: undefined });
    assert.deepEqual(env.database, { kind: 'embedded', dataDir: '.data/pglite', explicit: false });
  });

  test('a DATABASE_URL that is neither Postgres nor pglite: is refused with what is accepted', () => {
    for (const url of ['mysql://db.example.com/app', 'not a url', 'pglite:', 'postgres://']) {
      assert.throws(() => parseEnv({ ...valid, DATABASE_URL: url }), /DATABASE_URL (must|needs)/, url);
    }
  });

  test('the Connect rate limit defaults to 10 per 10 minutes; blank is unset; nonsense is refused by name', () => {
    assert.deepEqual(parseEnv(valid).rateLimits.connect, { limit: 10, windowMs: 600_000 });
    // Development is generous (exploring connects and cancels often); an explicit value still wins there.
    const development = { ...valid, NODE_ENV: 'development' };
    assert.deepEqual(parseEnv(development).rateLimits.connect, { limit: 100, windowMs: 600_000 });
    assert.deepEqual(parseEnv({ ...development, CONNECT_RATE_LIMIT: '5' }).rateLimits.connect, {
      limit: 5,
      windowMs: 600_000,
    });
    assert.deepEqual(
      parseEnv({ ...valid, CONNECT_RATE_LIMIT: ' ', CONNECT_RATE_LIMIT_WINDOW_MINUTES: '' }).rateLimits.connect,
      { limit: 10, windowMs: 600_000 },
    );
    assert.deepEqual(
      parseEnv({ ...valid, CONNECT_RATE_LIMIT: '3', CONNECT_RATE_LIMIT_WINDOW_MINUTES: '1' }).rateLimits.connect,
      { limit: 3, windowMs: 60_000 },
    );
    for (const value of ['0', '-1', '2.5', 'ten']) {
      assert.throws(() => parseEnv({ ...valid, CONNECT_RATE_LIMIT: value }), /CONNECT_RATE_LIMIT /, value);
    }
  });

  test('Test connection and status checks have limits of their own: 20 and 40 per 10 minutes by default', () => {
    assert.deepEqual(parseEnv(valid).rateLimits['connection-test'], { limit: 20, windowMs: 600_000 });
    assert.deepEqual(parseEnv(valid).rateLimits['status-check'], { limit: 40, windowMs: 600_000 });
    const tuned = parseEnv({
      ...valid,
      CONNECTION_TEST_RATE_LIMIT: '5',
      CONNECTION_TEST_RATE_LIMIT_WINDOW_MINUTES: '2',
      STATUS_CHECK_RATE_LIMIT: '7',
      STATUS_CHECK_RATE_LIMIT_WINDOW_MINUTES: '3',
    }).rateLimits;
    assert.deepEqual(tuned['connection-test'], { limit: 5, windowMs: 120_000 });
    assert.deepEqual(tuned['status-check'], { limit: 7, windowMs: 180_000 });
    assert.throws(() => parseEnv({ ...valid, STATUS_CHECK_RATE_LIMIT: '0' }), /STATUS_CHECK_RATE_LIMIT /);
  });
});

describe('demo sign-in in production', () => {
  test('a Composio host that only starts with "127." does not turn it on', () => {
    const env = parseEnv({ ...valid, COMPOSIO_BASE_URL: 'https://127.composio-proxy.example.com' });
    assert.equal(env.demoLogin, false);
    assert.equal(env.composio.usesLocalEmulator, false);
  });

  test('not even the local emulator turns it on without AUTH_DEMO_LOGIN=true', () => {
    assert.equal(parseEnv({ ...valid, COMPOSIO_BASE_URL: 'http://127.0.0.1:4599' }).demoLogin, false);
    assert.equal(parseEnv({ ...valid, COMPOSIO_BASE_URL: 'http://localhost:4599' }).demoLogin, false);
    assert.equal(
      parseEnv({ ...valid, COMPOSIO_BASE_URL: 'http://127.0.0.1:4599', AUTH_DEMO_LOGIN: 'true' }).demoLogin,
      true,
    );
  });

  test('in development the local emulator still turns it on by default', () => {
    const env = parseEnv({ ...valid, NODE_ENV: 'development', COMPOSIO_BASE_URL: 'http://127.0.0.1:4599' });
    assert.equal(env.demoLogin, true);
  });
});
