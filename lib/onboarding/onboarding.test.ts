import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ToolkitView } from '@/lib/composio/integrations';
import type { ConnectionStatus } from '@/lib/composio/status';
import { needsOnboarding, onboardingProgress } from './onboarding';

function toolkit(slug: string, status: ConnectionStatus): ToolkitView {
  return {
    slug,
    name: slug,
    description: '',
    logo: null,
    noAuth: false,
    required: false,
    reason: '',
    status,
    accounts: [],
  };
}

const all = (gmail: ConnectionStatus, slack: ConnectionStatus, github: ConnectionStatus) => [
  toolkit('gmail', gmail),
  toolkit('slack', slack),
  toolkit('github', github),
  toolkit('notion', 'connected'),
];

test('required first, then optional onboarding steps; other toolkits are not steps', () => {
  const progress = onboardingProgress(all('not_connected', 'not_connected', 'not_connected'), []);
  assert.deepEqual(
    progress.steps.map((step) => [step.toolkit.slug, step.required]),
    [
      ['gmail', true],
      ['slack', true],
      ['github', false],
    ],
  );
  assert.equal(progress.currentSlug, 'gmail');
  assert.equal(progress.canContinue, false);
  assert.equal(needsOnboarding(progress), true);
});

test('Continue unlocks when every required toolkit is connected, whatever the optional ones', () => {
  const progress = onboardingProgress(all('connected', 'connected', 'not_connected'), []);
  assert.equal(progress.canContinue, true);
  assert.equal(progress.connected, 2);
  assert.equal(progress.currentSlug, 'github');
  assert.equal(onboardingProgress(all('connected', 'connected', 'not_connected'), ['github']).currentSlug, null);
});

test('required steps cannot be skipped', () => {
  const progress = onboardingProgress(all('not_connected', 'connected', 'connected'), ['gmail']);
  assert.equal(progress.steps[0]?.skipped, false);
  assert.equal(progress.currentSlug, 'gmail');
});

test('a required connection that broke later needs attention, not onboarding', () => {
  const progress = onboardingProgress(all('expired', 'connected', 'not_connected'), []);
  assert.equal(needsOnboarding(progress), false);
  assert.deepEqual(
    progress.needsAttention.map((item) => item.slug),
    ['gmail'],
  );
  assert.equal(progress.canContinue, false);
});
