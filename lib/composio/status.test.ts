import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CONNECT_LINK_LIFETIME_MS,
  composioStatuses,
  connectionStatusPresentation,
  summariseStatuses,
  toConnectionStatus,
  toolkitGroup,
  toolkitSummary,
} from './status';

const now = Date.parse('2026-11-24T12:00:00Z');
const fresh = new Date(now - 60_000).toISOString();
const stale = new Date(now - CONNECT_LINK_LIFETIME_MS - 1).toISOString();

test('every Composio status maps to one of the six shown, with the action it calls for first', () => {
  const expected = {
    INITIALIZING: ['pending', 'resume'],
    INITIATED: ['pending', 'resume'],
    ACTIVE: ['connected', 'disconnect'],
    FAILED: ['failed', 'reconnect'],
    EXPIRED: ['expired', 'reconnect'],
    INACTIVE: ['disabled', 'enable'],
    REVOKED: ['expired', 'reconnect'],
  } as const;
  for (const status of composioStatuses) {
    const shown = toConnectionStatus(status, fresh, now);
    assert.deepEqual([shown, connectionStatusPresentation[shown].actions[0]], expected[status], status);
  }
});

test('every account that exists can be disconnected or cancelled, and only an active one disabled', () => {
  for (const [status, { actions }] of Object.entries(connectionStatusPresentation)) {
    if (status === 'not_connected') assert.deepEqual(actions, ['connect']);
    else if (status === 'pending') assert.deepEqual(actions, ['resume', 'cancel']);
    else assert.ok(actions.includes('disconnect'), status);
    assert.equal(actions.includes('disable'), status === 'connected', status);
    assert.equal(new Set(actions).size, actions.length, status);
  }
});

test('an attempt older than the Connect Link lifetime is abandoned, not pending', () => {
  assert.equal(toConnectionStatus('INITIATED', stale, now), 'not_connected');
  assert.equal(toConnectionStatus('INITIALIZING', stale, now), 'not_connected');
  assert.equal(toConnectionStatus('INITIATED', 'garbage', now), 'not_connected');
  assert.equal(toConnectionStatus('ACTIVE', stale, now), 'connected');
});

test('unknown or lower-case statuses are never shown as connected', () => {
  assert.equal(toConnectionStatus('active', fresh, now), 'failed');
  assert.equal(toConnectionStatus('SOMETHING_NEW', fresh, now), 'failed');
});

test('labels are text for every status', () => {
  assert.deepEqual(
    Object.values(connectionStatusPresentation).map((presentation) => presentation.label),
    ['Connected', 'Not connected', 'Pending', 'Expired', 'Failed', 'Disabled'],
  );
});

test('a toolkit with several accounts shows its best one', () => {
  assert.equal(summariseStatuses([]), 'not_connected');
  assert.equal(summariseStatuses(['expired', 'connected']), 'connected');
  assert.equal(summariseStatuses(['failed', 'expired']), 'expired');
  assert.equal(summariseStatuses(['failed', 'pending']), 'pending');
});

test('a toolkit is listed under Needs attention when any account is broken or unfinished, else Connected or Available', () => {
  assert.equal(toolkitGroup(['connected', 'expired']), 'attention');
  assert.equal(toolkitGroup(['pending']), 'attention');
  assert.equal(toolkitGroup(['failed']), 'attention');
  assert.equal(toolkitGroup(['connected', 'disabled']), 'connected');
  assert.equal(toolkitGroup(['disabled']), 'connected');
  assert.equal(toolkitGroup([]), 'available');
  assert.equal(toolkitGroup(['not_connected']), 'available');
});

test('the toolkit badge never says Connected while one of its accounts needs attention', () => {
  assert.deepEqual(toolkitSummary(['connected', 'expired']), {
    label: '1 needs attention',
    tone: 'warning',
    status: 'connected',
  });
  assert.equal(toolkitSummary(['connected', 'failed', 'pending']).label, '2 need attention');
  assert.equal(toolkitSummary(['expired']).label, 'Expired');
  assert.equal(toolkitSummary(['expired', 'expired']).label, 'Expired');
  assert.equal(toolkitSummary(['connected', 'connected']).label, 'Connected');
  assert.equal(toolkitSummary(['disabled']).label, 'Disabled');
  assert.equal(toolkitSummary([]).label, 'Not connected');
});
