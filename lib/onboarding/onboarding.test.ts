import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ToolkitView } from '@/lib/composio/integrations';
import type { ConnectionStatus } from '@/lib/composio/status';
import { onboardingStepsOf, type ToolkitConfig } from '@/lib/toolkits';
import { needsOnboarding, onboardingProgress as progressOf } from './onboarding';

/**
 * A product's list of its own (not lib/toolkits.ts's, which a fork replaces), in display order: an ordinary
 * toolkit, an optional onboarding step, then two required ones. Onboarding puts the required ones first.
 */
const list: ToolkitConfig[] = [
  { slug: 'notes', reason: 'Files notes.' },
  { slug: 'code', onboarding: true, reason: 'Links pull requests.' },
  { slug: 'mail', required: true, reason: 'Reads email.' },
  { slug: 'chat', required: true, reason: 'Posts summaries.' },
];
const onboardingProgress = (toolkits: ToolkitView[], skipped: readonly string[]) =>
  progressOf(toolkits, skipped, onboardingStepsOf(list));

function toolkit(slug: string, status: ConnectionStatus): ToolkitView {
  return {
    slug,
    name: slug,
    description: '',
    logo: null,
    category: null,
    noAuth: false,
    offered: true,
    required: false,
    reason: '',
    testable: false,
    status,
    accounts: [],
  };
}

const all = (mail: ConnectionStatus, chat: ConnectionStatus, code: ConnectionStatus) => [
  toolkit('notes', 'connected'),
  toolkit('code', code),
  toolkit('mail', mail),
  toolkit('chat', chat),
];

test('required first, then optional onboarding steps; other toolkits are not steps', () => {
  const progress = onboardingProgress(all('not_connected', 'not_connected', 'not_connected'), []);
  assert.deepEqual(
    progress.steps.map((step) => [step.toolkit.slug, step.required]),
    [
      ['mail', true],
      ['chat', true],
      ['code', false],
    ],
  );
  assert.equal(progress.currentSlug, 'mail');
  assert.equal(progress.canContinue, false);
  assert.equal(needsOnboarding(progress), true);
});

test('Continue unlocks when every required toolkit is connected, whatever the optional ones', () => {
  const progress = onboardingProgress(all('connected', 'connected', 'not_connected'), []);
  assert.equal(progress.canContinue, true);
  assert.equal(progress.connected, 2);
  assert.equal(progress.currentSlug, 'code');
  assert.equal(onboardingProgress(all('connected', 'connected', 'not_connected'), ['code']).currentSlug, null);
});

test('required steps cannot be skipped', () => {
  const progress = onboardingProgress(all('not_connected', 'connected', 'connected'), ['mail']);
  assert.equal(progress.steps[0]?.skipped, false);
  assert.equal(progress.currentSlug, 'mail');
});

test('a required connection that broke later needs attention, not onboarding', () => {
  const progress = onboardingProgress(all('expired', 'connected', 'not_connected'), []);
  assert.equal(needsOnboarding(progress), false);
  assert.deepEqual(
    progress.needsAttention.map((item) => item.slug),
    ['mail'],
  );
  assert.equal(progress.canContinue, false);
});
