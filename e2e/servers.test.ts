import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCatalog } from '../emulator/catalog';
import { offeredToolkits } from '../lib/toolkits';
import { EMULATOR_CATALOG_SIZE } from './servers';

// A fork that offers a less used toolkit is told here, rather than by journeys failing against the e2e emulator.
test("every toolkit lib/toolkits.ts offers is inside the e2e emulator's catalog cut", () => {
  const cut = new Set(buildCatalog(EMULATOR_CATALOG_SIZE).map((toolkit) => toolkit.slug));
  const outside = offeredToolkits.filter((toolkit) => !cut.has(toolkit.slug)).map((toolkit) => toolkit.slug);
  assert.deepEqual(outside, [], `outside the cut: raise EMULATOR_CATALOG_SIZE in e2e/servers.ts`);
});
