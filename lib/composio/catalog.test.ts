// The catalog's cache key. Next keeps unstable_cache entries in its data cache (`.next/`) across restarts of
// `npm run dev` and `next start`: an entry whose key left out lib/toolkits.ts served a fork the starter's old list
// for up to a day after the edit. Here Next's incremental cache is a stand-in that answers every read from memory,
// so the test sees the key the page's catalog is stored under, and nothing reaches Composio.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { offeredToolkits } from '../toolkits';

const keys: string[] = [];

before(() => {
  Object.assign(process.env, {
    NODE_ENV: 'development',
    COMPOSIO_API_KEY: 'catalog-cache-key-test',
    // Never reached: every read below is answered by the stand-in cache.
    COMPOSIO_BASE_URL: 'http://127.0.0.1:9',
    AUTH_SECRET: 'x'.repeat(32),
  });
  const stored = JSON.stringify({ toolkits: [], nextCursor: null });
  // The surface of Next's IncrementalCache that unstable_cache uses outside a request.
  Object.assign(globalThis, {
    __incrementalCache: {
      isOnDemandRevalidate: false,
      generateSimpleCacheKey: async (key: string) => {
        keys.push(key);
        return key;
      },
      get: async () => ({ isStale: false, value: { kind: 'FETCH', data: { body: stored } } }),
      set: async () => {},
    },
  });
});

test("the offered catalog's cache key holds the configured toolkits, in display order", async () => {
  const { getOfferedCatalog } = await import('./catalog');
  await getOfferedCatalog();
  assert.equal(keys.length, 1);
  const slugs = offeredToolkits.map((toolkit) => toolkit.slug);
  assert.ok(keys[0]!.includes(JSON.stringify(slugs)), `${JSON.stringify(slugs)} not in the key: ${keys[0]}`);
});
