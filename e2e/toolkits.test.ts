import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allTools } from '../emulator/tools';
import { offeredToolkits } from '../lib/toolkits';
import {
  configuredToolkits,
  connectableToolkits,
  onboardingToolkits,
  requiredToolkits,
  testableToolkit,
  unofferedToolkit,
} from './toolkits';

test('the journeys see every configured toolkit, in display order, with its catalog name', () => {
  assert.deepEqual(
    configuredToolkits.map((toolkit) => toolkit.slug),
    offeredToolkits.map((toolkit) => toolkit.slug),
  );
  for (const toolkit of configuredToolkits) assert.ok(toolkit.name.trim(), toolkit.slug);
  assert.ok(requiredToolkits.length > 0, 'onboarding journeys need a required toolkit');
  assert.deepEqual(onboardingToolkits.slice(0, requiredToolkits.length), requiredToolkits);
  assert.ok(connectableToolkits.length >= 3, 'journeys connect up to three different toolkits');
  assert.equal(unofferedToolkit().offered, false);
});

test("each emulated who-am-I tool's answer holds the identity the journeys expect", () => {
  const account = { id: 'ca_test', userId: 'u', toolkit: 'x' } as Parameters<ReturnType<typeof allTools>[0]['run']>[0];
  for (const tool of allTools()) assert.ok(JSON.stringify(tool.run(account)).includes(tool.identity), tool.slug);
  const testable = testableToolkit();
  if (testable)
    assert.equal(testable.whoAmI.identity, allTools().find((tool) => tool.toolkit === testable.slug)?.identity);
});
