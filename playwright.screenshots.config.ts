import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screenshots`: regenerates the README's pictures in public/screenshots/
 * against the same servers as the e2e run (e2e/serve.ts). Kept out of `npm test`,
 * so a test run never rewrites tracked files.
 */
export default defineConfig({
  ...base,
  testMatch: 'readme-screenshots.ts',
  reporter: [['list']],
});
