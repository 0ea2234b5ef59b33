import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { ChromiumNotFound, resolveChromium } from './chromium';

const managedPath = '/home/dev/.cache/ms-playwright/chromium-1/chrome';
const installed =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('resolveChromium', () => {
  test('CHROMIUM_PATH wins over every other browser', () => {
    const found = resolveChromium({
      env: { CHROMIUM_PATH: '/opt/chromium/chrome' },
      platform: 'linux',
      exists: installed('/opt/chromium/chrome', '/usr/bin/chromium', managedPath),
      managedPath,
    });
    assert.deepEqual(found, { executablePath: '/opt/chromium/chrome' });
  });

  test("then Playwright's own Chromium, which needs no executablePath, even where a system Chrome exists", () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      assert.deepEqual(resolveChromium({ env: {}, platform, exists: installed(managedPath), managedPath }), {});
    }
    const githubRunner = resolveChromium({
      env: {},
      platform: 'linux',
      exists: installed('/usr/bin/google-chrome', managedPath),
      managedPath,
    });
    assert.deepEqual(githubRunner, {});
  });

  test('without it, a system Chromium, Debian/Ubuntu names before Chrome', () => {
    const linux = (...paths: string[]) =>
      resolveChromium({ env: {}, platform: 'linux', exists: installed(...paths), managedPath });
    assert.deepEqual(linux('/usr/bin/chromium', '/usr/bin/google-chrome'), { executablePath: '/usr/bin/chromium' });
    assert.deepEqual(linux('/usr/bin/chromium-browser'), { executablePath: '/usr/bin/chromium-browser' });
    assert.deepEqual(linux('/usr/bin/google-chrome'), { executablePath: '/usr/bin/google-chrome' });
    const mac = resolveChromium({
      env: { CHROMIUM_PATH: ' ' },
      platform: 'darwin',
      exists: installed('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
      managedPath,
    });
    assert.deepEqual(mac, { executablePath: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome' });
  });

  test('a CHROMIUM_PATH that does not exist, or no browser at all, is an error that names the fix', () => {
    assert.throws(
      () => resolveChromium({ env: { CHROMIUM_PATH: '/nope/chrome' }, exists: installed(managedPath), managedPath }),
      (error: unknown) => error instanceof ChromiumNotFound && /CHROMIUM_PATH is \/nope\/chrome/.test(error.message),
    );
    assert.throws(
      () => resolveChromium({ env: {}, platform: 'win32', exists: installed(), managedPath }),
      /npx playwright install chromium/,
    );
  });

  test('Playwright run with a missing CHROMIUM_PATH prints that one line, no stack trace', () => {
    const run = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '--list'], {
      env: { ...process.env, CHROMIUM_PATH: '/nope/chromium' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 1);
    const output = `${run.stdout}${run.stderr}`.trim().split('\n');
    assert.equal(output.length, 1, output.join('\n'));
    assert.match(output[0]!, /CHROMIUM_PATH is \/nope\/chromium, which does not exist/);
  });
});
