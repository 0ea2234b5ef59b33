import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCatalog } from '../emulator/catalog';
import { configFromEnv } from '../emulator/config';
import { offeredToolkits } from '../lib/toolkits';
import { EMULATOR_CATALOG_SIZE } from './servers';
import { emulatorCatalog } from './toolkits';

// The e2e emulator is started with COMPOSIO_EMULATOR_CATALOG_INCLUDE (e2e/serve.ts): a fork offering rarely used
// toolkits needs no bigger cut.
test("the e2e emulator's catalog is the most used toolkits plus every toolkit lib/toolkits.ts offers", () => {
  const slugs = offeredToolkits.map((toolkit) => toolkit.slug);
  const config = configFromEnv({
    ...process.env,
    COMPOSIO_EMULATOR_CATALOG_SIZE: String(EMULATOR_CATALOG_SIZE),
    COMPOSIO_EMULATOR_CATALOG_INCLUDE: slugs.join(','),
  });
  const served = buildCatalog(config.catalogSize, config.catalogInclude).map((toolkit) => toolkit.slug);
  assert.deepEqual(
    slugs.filter((slug) => !served.includes(slug)),
    [],
  );
  assert.deepEqual(
    served.slice(0, EMULATOR_CATALOG_SIZE),
    buildCatalog(EMULATOR_CATALOG_SIZE).map((toolkit) => toolkit.slug),
  );
  assert.deepEqual(
    emulatorCatalog.map((toolkit) => toolkit.slug),
    served,
  );
});

test('a rarely used toolkit is served after the most used ones, in the catalog order', () => {
  const all = buildCatalog();
  const rare = all.at(-1)!;
  const served = buildCatalog(3, [rare.slug]);
  assert.deepEqual(
    served.map((toolkit) => toolkit.slug),
    [...all.slice(0, 3).map((toolkit) => toolkit.slug), rare.slug],
  );
  assert.equal(buildCatalog(undefined, [rare.slug]).length, all.length);
});
