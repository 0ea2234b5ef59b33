import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from '@playwright/test';

/** Where Chromium (or Chrome, which Playwright drives the same way) is installed system-wide, per platform. */
export const systemChromiumPaths: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
};

export class ChromiumNotFound extends Error {
  override name = 'ChromiumNotFound';
}

/**
 * The browser the end-to-end tests drive: CHROMIUM_PATH if set, else the Chromium that `npx playwright install
 * chromium` downloaded (no executablePath: Playwright finds its own; it is the build this Playwright release is
 * tested against, so it wins over a system Chrome such as the one GitHub's Ubuntu runners ship), else a system
 * Chromium or Chrome (machines where Playwright's download is not possible, like an offline Debian box).
 */
export function resolveChromium(
  options: {
    env?: Record<string, string | undefined>;
    platform?: NodeJS.Platform;
    exists?: (path: string) => boolean;
    managedPath?: string;
  } = {},
): { executablePath?: string } {
  const {
    env = process.env,
    platform = process.platform,
    exists = existsSync,
    managedPath = chromium.executablePath(),
  } = options;
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (!exists(chosen)) {
      throw new ChromiumNotFound(
        `CHROMIUM_PATH is ${chosen}, which does not exist: point it at a Chromium or Chrome binary, or unset it to use a system Chromium or Playwright's (npx playwright install chromium).`,
      );
    }
    return { executablePath: chosen };
  }
  if (exists(managedPath)) return {};
  const system = (systemChromiumPaths[platform] ?? []).find((path) => exists(path));
  if (system) return { executablePath: system };
  throw new ChromiumNotFound(
    'No Chromium found for the end-to-end tests: run `npx playwright install chromium` once, or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

/**
 * Launch options for the tests, the benchmark and the load run: the resolved browser, quiet (no background calls
 * that would try to leave this machine). A missing browser ends the process with one line that names the fix.
 */
export function chromiumLaunchOptions() {
  try {
    return {
      ...resolveChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    };
  } catch (error) {
    if (!(error instanceof ChromiumNotFound)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/**
 * Makes `window.open` return null in every page of `target`, as a popup blocker does: Connect then takes the
 * full-page redirect to the Connect Link. Used by the e2e fixtures and by `npm run bench`. A string, not a function:
 * tsx (which runs the bench) names an object literal's arrow functions with a helper the page does not have.
 */
export async function blockPopups(target: Pick<BrowserContext, 'addInitScript'>): Promise<void> {
  await target.addInitScript('window.open = () => null;');
}
