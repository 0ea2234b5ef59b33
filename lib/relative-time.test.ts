import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relativeTime } from './relative-time';

test('relative times read as a person says them, from an ISO string or a Date', () => {
  const now = Date.parse('2026-06-15T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000);
  assert.equal(relativeTime(ago(0), now), 'just now');
  assert.equal(relativeTime(ago(59), now), 'just now');
  assert.equal(relativeTime(ago(60), now), '1 minute ago');
  assert.equal(relativeTime(ago(119), now), '1 minute ago');
  assert.equal(relativeTime(ago(5 * 60), now), '5 minutes ago');
  assert.equal(relativeTime(ago(3600), now), '1 hour ago');
  assert.equal(relativeTime(ago(24 * 3600), now), 'yesterday');
  assert.equal(relativeTime(ago(8 * 24 * 3600), now), 'last week');
  assert.equal(relativeTime(ago(400 * 24 * 3600), now), 'last year');
  assert.equal(relativeTime(ago(5 * 60).toISOString(), now), '5 minutes ago');
  assert.equal(relativeTime(new Date(now + 2 * 3600 * 1000), now), 'in 2 hours');
});
