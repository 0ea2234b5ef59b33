import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    // The emulator stands in for Composio's servers: it must never reach into the app, nor the app into it.
    files: ['emulator/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@/*', '../lib/*', '../app/*', '../components/*'] }],
    },
  },
  {
    files: ['app/**', 'components/**', 'lib/**', 'proxy.ts', 'instrumentation.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/emulator/*', '@/emulator/*'] }],
    },
  },
  {
    // lib/db/ is the one home of the database: the rest of the app calls its named queries.
    files: ['app/**', 'components/**', 'lib/**', 'proxy.ts', 'instrumentation.ts'],
    ignores: ['lib/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '**/emulator/*',
            '@/emulator/*',
            'postgres',
            '@electric-sql/*',
            'drizzle-orm/pglite*',
            'drizzle-orm/postgres-js*',
          ],
        },
      ],
    },
  },
  {
    // Journeys wait for what a person would see (a toast, a status, an ended animation), never a fixed time.
    files: ['e2e/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          property: 'waitForTimeout',
          message: 'Wait for what a user would see (expect, waitForURL), not a fixed time.',
        },
      ],
    },
  },
];

export default config;
