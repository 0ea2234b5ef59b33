import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atMostEvery } from './housekeeping';

test('the gate opens on the first call, then at most once per interval', () => {
  const due = atMostEvery(60_000);
  const t0 = 1_000_000;
  assert.deepEqual(
    [t0, t0 + 1, t0 + 59_999, t0 + 60_000, t0 + 60_001, t0 + 200_000].map((now) => due(now)),
    [true, false, false, true, false, true],
  );
});

test('each gate keeps its own schedule', () => {
  const webhooks = atMostEvery(1000);
  const sessions = atMostEvery(1000);
  assert.equal(webhooks(5), true);
  assert.equal(sessions(5), true);
  assert.equal(webhooks(6), false);
});
