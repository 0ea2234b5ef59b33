import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CONNECT_LINK_LIFETIME_MS,
  composioStatuses,
  connectionStatusPresentation,
  summariseStatuses,
  toConnectionStatus,
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
